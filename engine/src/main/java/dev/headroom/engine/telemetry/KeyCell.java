/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.telemetry;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One key's counters for the interval in progress. Plain long fields updated through VarHandles
 * (about 50 bytes a key rather than four LongAdders); the histogram is allocated on the first
 * latency, since decision-API keys measure none. Requests are not counted separately: they are
 * admitted + rejected, so a point is consistent even when a record races the flush.
 */
final class KeyCell {

  private static final VarHandle ADMITTED;
  private static final VarHandle REJECTED;
  private static final VarHandle LATENCY_SUM;
  private static final VarHandle LATENCY_COUNT;
  private static final VarHandle HISTOGRAM;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      ADMITTED = l.findVarHandle(KeyCell.class, "admitted", long.class);
      REJECTED = l.findVarHandle(KeyCell.class, "rejected", long.class);
      LATENCY_SUM = l.findVarHandle(KeyCell.class, "latencySumNanos", long.class);
      LATENCY_COUNT = l.findVarHandle(KeyCell.class, "latencyCount", long.class);
      HISTOGRAM = l.findVarHandle(KeyCell.class, "histogram", LatencyHistogram.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused") // through ADMITTED
  private long admitted;
  @SuppressWarnings("unused") // through REJECTED
  private long rejected;
  @SuppressWarnings("unused") // through LATENCY_SUM
  private long latencySumNanos;
  @SuppressWarnings("unused") // through LATENCY_COUNT
  private long latencyCount;
  private volatile LatencyHistogram histogram;

  /** Consecutive all-zero intervals; touched only by the (single) flushing thread. */
  int idleIntervals;

  void record(boolean wasAdmitted, long latencyNanos) {
    if (wasAdmitted) {
      ADMITTED.getAndAdd(this, 1L);
    } else {
      REJECTED.getAndAdd(this, 1L);
    }
    if (latencyNanos >= 0) {
      latency(latencyNanos);
    }
  }

  /** Adds a latency to a request counted earlier (the gateway learns it after the decision). */
  void latency(long latencyNanos) {
    LATENCY_SUM.getAndAdd(this, latencyNanos);
    LATENCY_COUNT.getAndAdd(this, 1L);
    histogram().record(latencyNanos);
  }

  private LatencyHistogram histogram() {
    LatencyHistogram h = histogram;
    if (h == null) {
      LatencyHistogram fresh = new LatencyHistogram();
      LatencyHistogram won = (LatencyHistogram) HISTOGRAM.compareAndExchange(this, (LatencyHistogram) null, fresh);
      h = won == null ? fresh : won;
    }
    return h;
  }

  /** Takes every counter and zeroes it, each atomically: a concurrent record counts here or next time. */
  Drained drain() {
    long a = (long) ADMITTED.getAndSet(this, 0L);
    long r = (long) REJECTED.getAndSet(this, 0L);
    long sum = (long) LATENCY_SUM.getAndSet(this, 0L);
    long count = (long) LATENCY_COUNT.getAndSet(this, 0L);
    LatencyHistogram h = histogram;
    long[] buckets = null;
    long inHistogram = 0;
    if (h != null) {
      buckets = new long[LatencyHistogram.BUCKETS];
      inHistogram = h.drainInto(buckets);
    }
    return new Drained(a, r, sum, count, buckets, inHistogram);
  }

  /** Adds counts drained from another cell of the same key (one evicted while a record was in flight). */
  void add(Drained d) {
    ADMITTED.getAndAdd(this, d.admitted());
    REJECTED.getAndAdd(this, d.rejected());
    LATENCY_SUM.getAndAdd(this, d.latencySumNanos());
    LATENCY_COUNT.getAndAdd(this, d.latencyCount());
    if (d.buckets() != null && d.inHistogram() > 0) {
      histogram().addAll(d.buckets());
    }
  }

  /** One drain's counts; {@code buckets} is null when the key never measured a latency. */
  record Drained(long admitted, long rejected, long latencySumNanos, long latencyCount, long[] buckets,
      long inHistogram) {

    boolean isEmpty() {
      return admitted == 0 && rejected == 0 && latencyCount == 0 && inHistogram == 0;
    }
  }
}
