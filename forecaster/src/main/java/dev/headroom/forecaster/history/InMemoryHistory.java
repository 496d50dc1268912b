/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.forecaster.history;

import dev.headroom.forecaster.series.RateSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The engine's embedded history when no InfluxDB is configured: per key, a ring of the last
 * {@code retention / resolution} intervals. Thread-safe; each key's ring has its own lock, so
 * recording for different keys never contends.
 *
 * <p>Reads mean what {@code InfluxHistory} reads mean: a step is the sum of the intervals recorded
 * in it, a step with none recorded is NaN (missing), and a recorded zero is 0. Unlike InfluxDB,
 * recording the same interval twice adds up rather than replacing: the engine may flush one key's
 * counters more than once per interval.
 *
 * <p>Memory: 48 bytes per interval per key, allocated at a key's first record (a day at 10 s is
 * 8640 intervals, about 415 KB), and at most {@code maxKeys} keys; records for further keys, and
 * for intervals already older than the retention, are dropped and counted. A key that has recorded
 * nothing for {@link #STALE_INTERVALS} intervals gives its place to the next new key: otherwise the
 * first keys ever seen (a burst of one-shot keys) would hold every place for good.
 */
public final class InMemoryHistory implements HistorySource {

  private final long resolutionMillis;
  private final int slots;
  private final int maxKeys;
  private final java.util.function.Predicate<String> reserved;
  private final java.util.concurrent.atomic.AtomicInteger reservedKeys = new java.util.concurrent.atomic.AtomicInteger(); // held reserved keys, not counted against maxKeys
  private final ConcurrentHashMap<String, Ring> rings = new ConcurrentHashMap<>();
  private final LongAdder dropped = new LongAdder();

  /**
   * @param resolution length of one recorded interval (the engine's telemetry interval)
   * @param retention  how far back a key's ring reaches; a whole multiple of {@code resolution}
   * @param maxKeys    most keys held
   */
  public InMemoryHistory(Duration resolution, Duration retention, int maxKeys) {
    this(resolution, retention, maxKeys, key -> false);
  }

  /**
   * As {@link #InMemoryHistory(Duration, Duration, int)}, but keys for which {@code reserved} holds
   * are always kept, beyond {@code maxKeys}: series that must not lose their place to a crowd of
   * other keys (the engine's per-limit totals). The caller keeps that set small.
   */
  public InMemoryHistory(Duration resolution, Duration retention, int maxKeys,
      java.util.function.Predicate<String> reserved) {
    this.reserved = java.util.Objects.requireNonNull(reserved, "reserved");
    if (resolution.isNegative() || resolution.isZero() || resolution.toNanos() % 1_000_000 != 0) {
      throw new IllegalArgumentException("resolution must be a positive whole number of milliseconds, got "
          + resolution);
    }
    this.resolutionMillis = resolution.toMillis();
    long retentionMillis = retention.toMillis();
    if (retentionMillis <= 0 || retentionMillis % resolutionMillis != 0
        || retentionMillis / resolutionMillis > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("retention " + retention + " must be a positive whole multiple of the "
          + "resolution " + resolution);
    }
    if (maxKeys <= 0) {
      throw new IllegalArgumentException("maxKeys must be positive, got " + maxKeys);
    }
    this.slots = (int) (retentionMillis / resolutionMillis);
    this.maxKeys = maxKeys;
  }

  /**
   * Adds one interval's counts to {@code point.key()}'s ring, in the interval of this history's
   * resolution that holds {@code point.timeMillis()}.
   *
   * @return false if the point was dropped: a new key beyond {@code maxKeys}, or an interval older
   *     than the retention behind the newest one recorded for the key
   */
  public boolean record(TelemetryPoint point) {
    Ring ring = rings.get(point.key());
    if (ring == null) {
      if (rings.size() >= maxKeys + reservedKeys.get() && !reserved.test(point.key())
          && !freeStalePlace(Math.floorDiv(point.timeMillis(), resolutionMillis))) {
        dropped.increment();
        return false;
      }
      ring = rings.computeIfAbsent(point.key(), k -> {
        if (reserved.test(k)) {
          reservedKeys.incrementAndGet();
        }
        return new Ring(slots);
      });
    }
    boolean kept = ring.add(Math.floorDiv(point.timeMillis(), resolutionMillis), point);
    if (!kept) {
      dropped.increment();
    }
    return kept;
  }

  /** Intervals without a record after which a key's place may go to a new key. */
  public static final int STALE_INTERVALS = 30;

  /** Drops one unreserved key that recorded nothing for {@link #STALE_INTERVALS}; false if there is none. */
  private boolean freeStalePlace(long interval) {
    for (var e : rings.entrySet()) {
      if (!reserved.test(e.getKey()) && e.getValue().newest() < interval - STALE_INTERVALS
          && rings.remove(e.getKey(), e.getValue())) {
        return true;
      }
    }
    return false;
  }

  /** As {@link #record(TelemetryPoint)}. */
  public boolean record(String key, long timeMillis, long requests, long admitted, long rejected,
      double latencySumMillis, long latencyCount) {
    return record(new TelemetryPoint(key, timeMillis, requests, admitted, rejected, latencySumMillis, latencyCount));
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code step} is not a whole multiple of the resolution
   */
  @Override
  public RateSeries requests(String key, Instant from, Instant to, Duration step) {
    StepRange range = StepRange.of(from, to, step);
    if (range.stepMillis() % resolutionMillis != 0) {
      throw new IllegalArgumentException("step " + step + " is not a whole multiple of this history's resolution "
          + Duration.ofMillis(resolutionMillis));
    }
    double[] values = new double[range.count()];
    Ring ring = rings.get(key);
    if (ring == null) {
      Arrays.fill(values, Double.NaN);
    } else {
      ring.sumRequests(range.startMillis() / resolutionMillis, (int) (range.stepMillis() / resolutionMillis), values);
    }
    return RateSeries.ofMillis(range.startMillis(), range.stepMillis(), values);
  }

  /** The totals recorded for the interval holding {@code timeMillis}, if any are still retained. */
  public Optional<TelemetryPoint> interval(String key, long timeMillis) {
    Ring ring = rings.get(key);
    long n = Math.floorDiv(timeMillis, resolutionMillis);
    return ring == null ? Optional.empty() : ring.get(key, n, n * resolutionMillis);
  }

  /** Keys currently held. */
  public int keyCount() {
    return rings.size();
  }

  /** Records dropped so far (key limit or too old). */
  public long droppedRecords() {
    return dropped.sum();
  }

  public Duration resolution() {
    return Duration.ofMillis(resolutionMillis);
  }

  /** One key's intervals: slot {@code n mod size} holds interval number {@code n}, if {@code interval[slot] == n}. */
  private static final class Ring {
    private static final long EMPTY = Long.MIN_VALUE;

    private final long[] interval;
    private final double[] requests;
    private final double[] admitted;
    private final double[] rejected;
    private final double[] latencySum;
    private final double[] latencyCount;
    private long newest = EMPTY;

    Ring(int size) {
      interval = new long[size];
      Arrays.fill(interval, EMPTY);
      requests = new double[size];
      admitted = new double[size];
      rejected = new double[size];
      latencySum = new double[size];
      latencyCount = new double[size];
    }

    synchronized long newest() {
      return newest;
    }

    synchronized boolean add(long n, TelemetryPoint p) {
      int size = interval.length;
      if (newest != EMPTY && n <= newest - size) {
        return false;
      }
      int s = (int) Math.floorMod(n, (long) size);
      if (interval[s] != n) {
        interval[s] = n;
        requests[s] = 0;
        admitted[s] = 0;
        rejected[s] = 0;
        latencySum[s] = 0;
        latencyCount[s] = 0;
      }
      requests[s] += p.requests();
      admitted[s] += p.admitted();
      rejected[s] += p.rejected();
      latencySum[s] += p.latencySumMillis();
      latencyCount[s] += p.latencyCount();
      newest = newest == EMPTY ? n : Math.max(newest, n);
      return true;
    }

    /** Sums {@code perStep} intervals from interval {@code first} into each of {@code out}; NaN where none. */
    synchronized void sumRequests(long first, int perStep, double[] out) {
      int size = interval.length;
      for (int i = 0; i < out.length; i++) {
        double sum = 0;
        boolean any = false;
        long n = first + (long) i * perStep;
        for (int j = 0; j < perStep; j++, n++) {
          int s = (int) Math.floorMod(n, (long) size);
          if (interval[s] == n) {
            sum += requests[s];
            any = true;
          }
        }
        out[i] = any ? sum : Double.NaN;
      }
    }

    synchronized Optional<TelemetryPoint> get(String key, long n, long timeMillis) {
      int s = (int) Math.floorMod(n, (long) interval.length);
      if (interval[s] != n) {
        return Optional.empty();
      }
      return Optional.of(new TelemetryPoint(key, timeMillis, (long) requests[s], (long) admitted[s],
          (long) rejected[s], latencySum[s], (long) latencyCount[s]));
    }
  }
}
