/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.telemetry;

import static dev.headroom.engine.telemetry.SpoolingInfluxSinkTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.headroom.engine.clock.ManualClock;
import dev.headroom.forecaster.history.InMemoryHistory;
import dev.headroom.forecaster.history.TelemetryPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The interval timer on a manual clock, into the embedded history the predictive policy reads. */
@Timeout(30)
class TelemetryPipelineTest {

  private static final Instant T0 = Instant.parse("2024-03-01T12:00:03Z");

  @Test
  void intervalsCloseAtEpochAlignedBoundariesAndCloseKeepsThePartialOne() throws Exception {
    ManualClock clock = ManualClock.at(T0);
    InMemoryHistory history = new InMemoryHistory(Duration.ofSeconds(10), Duration.ofHours(1), 100);
    InMemorySink sink = new InMemorySink(history);
    TelemetryRecorder recorder = new TelemetryRecorder(100);
    IntervalAggregator aggregator = new IntervalAggregator(recorder, Duration.ofSeconds(10), 360);
    List<IntervalSnapshot> heard = new CopyOnWriteArrayList<>();
    TelemetryPipeline pipeline = new TelemetryPipeline(aggregator, sink, clock, heard::add).start();

    recorder.record("api", true, 3_000_000);
    recorder.record("api", false);
    assertNull(pipeline.latest());
    clock.advance(Duration.ofSeconds(7)); // 12:00:10, the first boundary
    // The timer thread publishes latest() first, then writes the sink, then tells the listener:
    // wait for the last of the three before checking them.
    await("the first interval closes and reaches the sink and the listener",
        () -> pipeline.latest() != null && !heard.isEmpty());
    IntervalSnapshot first = pipeline.latest();
    long noon = Instant.parse("2024-03-01T12:00:00Z").toEpochMilli();
    assertEquals(noon, first.startMillis());
    assertEquals(List.of(first), heard);
    assertEquals(new TelemetryPoint("api", noon, 2, 1, 1, 3.0, 1), history.interval("api", noon).orElseThrow());

    recorder.record("api", true);
    clock.advance(Duration.ofSeconds(4)); // 12:00:14, within the second interval
    pipeline.close();
    assertEquals(new TelemetryPoint("api", noon + 10_000, 1, 1, 0, 0, 0),
        history.interval("api", noon + 10_000).orElseThrow(), "close writes the interval in progress");
    assertEquals(2, sink.counters().writtenPoints());
    assertEquals(2, heard.size());
  }
}
