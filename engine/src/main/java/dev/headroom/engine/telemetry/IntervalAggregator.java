/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.telemetry;

import dev.headroom.forecaster.history.TelemetryPoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Closes an interval: takes and zeroes every key's counters of a {@link TelemetryRecorder} and turns
 * them into one point per key. Each counter is taken with an atomic get-and-set, so a record racing
 * the flush is counted in this interval or the next, never lost or counted twice.
 *
 * <p>A key idle (all zeros) for {@code idleIntervalsBeforeEviction} intervals in a row is written as
 * zeros until then (the schema's "measured quiet") and then forgotten, so the key map tracks the
 * keys in use rather than every key ever seen. An evicted cell is kept for one more flush: a record
 * that looked the cell up just before eviction and added just after is merged into the key's new
 * cell then. Only a record stalled for a whole interval between lookup and add could be lost.
 *
 * <p>Flushes are serialized; call from one timer thread (see {@link TelemetryPipeline}).
 */
public final class IntervalAggregator {

  private final TelemetryRecorder recorder;
  private final long lengthMillis;
  private final int idleIntervalsBeforeEviction;
  private List<Map.Entry<String, KeyCell>> retired = List.of();

  /**
   * @param interval                    interval length: the points' spacing
   * @param idleIntervalsBeforeEviction zero intervals written for an idle key before it is forgotten
   */
  public IntervalAggregator(TelemetryRecorder recorder, Duration interval, int idleIntervalsBeforeEviction) {
    if (interval.isNegative() || interval.isZero() || interval.toNanos() % 1_000_000 != 0) {
      throw new IllegalArgumentException("interval must be a positive whole number of milliseconds, got " + interval);
    }
    if (idleIntervalsBeforeEviction < 1) {
      throw new IllegalArgumentException("idleIntervalsBeforeEviction must be at least 1, got "
          + idleIntervalsBeforeEviction);
    }
    this.recorder = recorder;
    this.lengthMillis = interval.toMillis();
    this.idleIntervalsBeforeEviction = idleIntervalsBeforeEviction;
  }

  /** Closes the interval starting at {@code startMillis} with everything recorded since the last flush. */
  public synchronized IntervalSnapshot flush(long startMillis) {
    mergeStragglers();
    List<KeyInterval> out = new ArrayList<>(recorder.cells().size());
    List<Map.Entry<String, KeyCell>> evicted = new ArrayList<>();
    for (Map.Entry<String, KeyCell> e : recorder.cells().entrySet()) {
      KeyCell cell = e.getValue();
      KeyCell.Drained d = cell.drain();
      out.add(toInterval(e.getKey(), startMillis, d));
      if (!d.isEmpty()) {
        cell.idleIntervals = 0;
      } else if (++cell.idleIntervals >= idleIntervalsBeforeEviction
          && recorder.cells().remove(e.getKey(), cell)) {
        evicted.add(Map.entry(e.getKey(), cell));
      }
    }
    retired = evicted;
    return new IntervalSnapshot(startMillis, lengthMillis, out, totals(out, startMillis));
  }

  /**
   * Each limit's sum over its keys {@code limit|...}, under the bare limit name. A limit without
   * descriptors has one key, its bare name, and needs no total. Latency: the worst key's quantiles
   * (a bound, not a merge, which would need every key's histogram).
   */
  private static List<KeyInterval> totals(List<KeyInterval> keys, long startMillis) {
    Map<String, long[]> sums = new java.util.HashMap<>();
    Map<String, double[]> latency = new java.util.HashMap<>();
    for (KeyInterval k : keys) {
      int bar = k.key().indexOf('|');
      if (bar < 0) {
        continue;
      }
      String limit = k.key().substring(0, bar);
      TelemetryPoint p = k.point();
      long[] s = sums.computeIfAbsent(limit, x -> new long[4]);
      s[0] += p.requests();
      s[1] += p.admitted();
      s[2] += p.rejected();
      s[3] += p.latencyCount();
      double[] l = latency.computeIfAbsent(limit, x -> new double[] {0, Double.NaN, Double.NaN});
      l[0] += p.latencySumMillis();
      l[1] = worst(l[1], k.latencyP50Millis());
      l[2] = worst(l[2], k.latencyP99Millis());
    }
    List<KeyInterval> out = new ArrayList<>(sums.size());
    for (Map.Entry<String, long[]> e : sums.entrySet()) {
      long[] s = e.getValue();
      double[] l = latency.get(e.getKey());
      out.add(new KeyInterval(new TelemetryPoint(e.getKey(), startMillis, s[0], s[1], s[2], l[0], s[3]), l[1], l[2]));
    }
    return out;
  }

  private static double worst(double a, double b) {
    return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
  }

  /** Counts that reached cells evicted at the last flush go to the keys' current cells. */
  private void mergeStragglers() {
    for (Map.Entry<String, KeyCell> e : retired) {
      KeyCell.Drained late = e.getValue().drain();
      if (!late.isEmpty()) {
        recorder.cellForMerge(e.getKey()).add(late);
      }
    }
    retired = List.of();
  }

  private static KeyInterval toInterval(String key, long startMillis, KeyCell.Drained d) {
    TelemetryPoint p = new TelemetryPoint(key, startMillis, d.admitted() + d.rejected(), d.admitted(), d.rejected(),
        d.latencySumNanos() / 1e6, d.latencyCount());
    double p50 = Double.NaN;
    double p99 = Double.NaN;
    if (d.buckets() != null) {
      p50 = LatencyHistogram.quantileMillis(d.buckets(), d.inHistogram(), 0.50);
      p99 = LatencyHistogram.quantileMillis(d.buckets(), d.inHistogram(), 0.99);
    }
    return new KeyInterval(p, p50, p99);
  }

  public Duration interval() {
    return Duration.ofMillis(lengthMillis);
  }

  /** Start of the interval holding {@code epochMillis}: intervals are aligned to the epoch. */
  public long intervalStart(long epochMillis) {
    return Math.floorDiv(epochMillis, lengthMillis) * lengthMillis;
  }
}
