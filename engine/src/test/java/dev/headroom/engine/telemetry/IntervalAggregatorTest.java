/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.forecaster.history.TelemetryPoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Counts survive concurrent recording and flushing exactly; idle keys are written as zeros, then forgotten. */
@Timeout(60)
class IntervalAggregatorTest {

  private static final Duration TEN_S = Duration.ofSeconds(10);

  /** Per-key totals as the recording threads saw them. */
  private static final class Totals {
    long admitted;
    long rejected;
    long latencyCount;
    long latencySumNanos;

    void add(Totals o) {
      admitted += o.admitted;
      rejected += o.rejected;
      latencyCount += o.latencyCount;
      latencySumNanos += o.latencySumNanos;
    }
  }

  @Test
  void concurrentRecordsAreCountedExactlyOnceAcrossFlushes() throws Exception {
    int threads = 4;
    int keys = 40;
    TelemetryRecorder recorder = new TelemetryRecorder(1_000);
    IntervalAggregator aggregator = new IntervalAggregator(recorder, TEN_S, Integer.MAX_VALUE);
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch go = new CountDownLatch(1);
    List<Map<String, Totals>> seen = new ArrayList<>();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Map<String, Totals> mine = new HashMap<>();
      seen.add(mine);
      SplittableRandom random = new SplittableRandom(t);
      workers.add(Thread.ofPlatform().start(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        while (!stop.get()) {
          String key = "k" + random.nextInt(keys);
          boolean admitted = random.nextInt(4) != 0;
          long latency = random.nextInt(3) == 0 ? TelemetryRecorder.NO_LATENCY : random.nextLong(50_000_000);
          recorder.record(key, admitted, latency);
          Totals tot = mine.computeIfAbsent(key, k -> new Totals());
          if (admitted) {
            tot.admitted++;
          } else {
            tot.rejected++;
          }
          if (latency >= 0) {
            tot.latencyCount++;
            tot.latencySumNanos += latency;
          }
        }
      }));
    }
    Map<String, Totals> flushed = new HashMap<>();
    Map<String, Double> flushedLatencyMillis = new HashMap<>();
    go.countDown();
    long start = 0;
    long deadline = System.nanoTime() + 500_000_000L;
    long hardStop = System.nanoTime() + 20_000_000_000L;
    int flushes = 0;
    // Half a second, and at least 21 flushes: a loaded machine may run only a few in the half second.
    while ((System.nanoTime() < deadline || flushes <= 20) && System.nanoTime() < hardStop) {
      addUp(aggregator.flush(start), flushed, flushedLatencyMillis);
      start += TEN_S.toMillis();
      flushes++;
      Thread.sleep(2);
    }
    stop.set(true);
    for (Thread w : workers) {
      w.join();
    }
    addUp(aggregator.flush(start), flushed, flushedLatencyMillis);

    Map<String, Totals> expected = new HashMap<>();
    for (Map<String, Totals> m : seen) {
      m.forEach((k, v) -> expected.computeIfAbsent(k, x -> new Totals()).add(v));
    }
    assertTrue(flushes > 20, "only " + flushes + " flushes ran during the recording");
    assertEquals(expected.keySet(), flushed.keySet());
    long total = 0;
    for (String key : expected.keySet()) {
      Totals e = expected.get(key);
      Totals f = flushed.get(key);
      assertEquals(e.admitted, f.admitted, key + " admitted");
      assertEquals(e.rejected, f.rejected, key + " rejected");
      assertEquals(e.latencyCount, f.latencyCount, key + " latency count");
      assertEquals(e.latencySumNanos / 1e6, flushedLatencyMillis.get(key), 1e-6 * e.latencyCount, key + " latency sum");
      total += e.admitted + e.rejected;
    }
    assertTrue(total > 10_000, "only " + total + " records in the run");
  }

  private static void addUp(IntervalSnapshot s, Map<String, Totals> into, Map<String, Double> latencyMillis) {
    for (TelemetryPoint p : s.points()) {
      assertEquals(p.admitted() + p.rejected(), p.requests(), "requests = admitted + rejected in " + p);
      Totals t = into.computeIfAbsent(p.key(), k -> new Totals());
      t.admitted += p.admitted();
      t.rejected += p.rejected();
      t.latencyCount += p.latencyCount();
      latencyMillis.merge(p.key(), p.latencySumMillis(), Double::sum);
    }
  }

  @Test
  void pointsCarryTheIntervalStartAndCounts() {
    TelemetryRecorder recorder = new TelemetryRecorder(10);
    IntervalAggregator aggregator = new IntervalAggregator(recorder, TEN_S, 5);
    recorder.record("a", true, 2_000_000);
    recorder.record("a", false, 4_000_000);
    recorder.record("a", true);
    recorder.record("b", false);
    IntervalSnapshot s = aggregator.flush(1_700_000_000_000L);
    assertEquals(1_700_000_000_000L, s.startMillis());
    assertEquals(10_000, s.lengthMillis());
    Map<String, KeyInterval> byKey = s.byKey();
    assertEquals(new TelemetryPoint("a", 1_700_000_000_000L, 3, 2, 1, 6.0, 2), byKey.get("a").point());
    assertEquals(new TelemetryPoint("b", 1_700_000_000_000L, 1, 0, 1, 0, 0), byKey.get("b").point());
    assertTrue(Double.isNaN(byKey.get("b").latencyP50Millis()), "no latency measured, no quantile");
    // the next interval starts from zero
    assertEquals(new TelemetryPoint("a", 1_700_000_010_000L, 0, 0, 0, 0, 0),
        aggregator.flush(1_700_000_010_000L).byKey().get("a").point());
  }

  @Test
  void latencyQuantilesAreWithinHalfABucket() {
    TelemetryRecorder recorder = new TelemetryRecorder(10);
    IntervalAggregator aggregator = new IntervalAggregator(recorder, TEN_S, 5);
    for (int ms = 1; ms <= 1000; ms++) {
      recorder.record("up", true, ms * 1_000_000L);
    }
    KeyInterval k = aggregator.flush(0).byKey().get("up");
    assertEquals(500, k.latencyP50Millis(), 500 * 0.125);
    assertEquals(990, k.latencyP99Millis(), 990 * 0.125);
    assertEquals(500.5, k.point().meanLatencyMillis(), 1e-9);
  }

  @Test
  void idleKeysAreWrittenAsZerosThenEvictedAndComeBack() {
    TelemetryRecorder recorder = new TelemetryRecorder(10);
    IntervalAggregator aggregator = new IntervalAggregator(recorder, TEN_S, 3);
    recorder.record("k", true);
    assertEquals(1, aggregator.flush(0).byKey().get("k").point().requests());
    for (int i = 1; i <= 3; i++) {
      TelemetryPoint zero = aggregator.flush(i * 10_000L).byKey().get("k").point();
      assertEquals(new TelemetryPoint("k", i * 10_000L, 0, 0, 0, 0, 0), zero, "idle interval " + i);
    }
    assertEquals(0, recorder.keyCount(), "evicted after 3 idle intervals");
    assertTrue(aggregator.flush(40_000).keys().isEmpty(), "an evicted key is no longer written");
    recorder.record("k", false);
    assertEquals(new TelemetryPoint("k", 50_000, 1, 0, 1, 0, 0), aggregator.flush(50_000).byKey().get("k").point());
  }

  @Test
  void aRecordThatRacedTheEvictionIsCountedAtTheNextFlush() {
    TelemetryRecorder recorder = new TelemetryRecorder(10);
    IntervalAggregator aggregator = new IntervalAggregator(recorder, TEN_S, 1);
    recorder.record("k", true);
    aggregator.flush(0);
    KeyCell stale = recorder.cells().get("k"); // a recorder looked the cell up here...
    aggregator.flush(10_000); // ...the key was evicted...
    assertEquals(0, recorder.keyCount());
    stale.record(true, 7_000_000); // ...and its add landed in the evicted cell
    recorder.record("k", false); // a new record creates a new cell
    TelemetryPoint p = aggregator.flush(20_000).byKey().get("k").point();
    assertEquals(new TelemetryPoint("k", 20_000, 2, 1, 1, 7.0, 1), p);
  }

  @Test
  void keysBeyondTheLimitOrNotStorableAreCountedAsUntracked() {
    TelemetryRecorder recorder = new TelemetryRecorder(2);
    recorder.record("a", true);
    recorder.record("b", true);
    recorder.record("c", true);
    recorder.record("line\nbreak", true);
    recorder.record("", true);
    recorder.record("a", true);
    assertEquals(2, recorder.keyCount());
    assertEquals(3, recorder.untrackedRecords());
    TelemetryRecorder roomy = new TelemetryRecorder(10);
    roomy.record("trailing\\", true);
    roomy.record("fine key, with = signs", true);
    assertEquals(1, roomy.keyCount());
    assertEquals(1, roomy.untrackedRecords());
  }
}
