/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.telemetry;

import dev.headroom.forecaster.history.InMemoryHistory;
import dev.headroom.forecaster.history.TelemetryPoint;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The embedded default: intervals go into an {@link InMemoryHistory} that the predictive policy
 * reads, with no server and nothing to spool. Recording is a short per-key lock, so it is done
 * right on the flushing thread.
 */
public final class InMemorySink implements TelemetrySink {

  private final InMemoryHistory history;
  private final LongAdder written = new LongAdder();
  private final LongAdder dropped = new LongAdder();

  public InMemorySink(InMemoryHistory history) {
    this.history = history;
  }

  @Override
  public void accept(List<TelemetryPoint> points) {
    for (TelemetryPoint p : points) {
      if (history.record(p)) {
        written.increment();
      } else {
        dropped.increment(); // beyond the history's key limit, or older than its retention
      }
    }
  }

  public InMemoryHistory history() {
    return history;
  }

  @Override
  public SinkCounters counters() {
    return new SinkCounters(written.sum(), 0, 0, dropped.sum(), 0, 0, 0, false);
  }

  @Override
  public void close() {}
}
