package dev.headroom.engine.limiter;

import dev.headroom.engine.clock.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sliding log: exactly at most {@code limit} cost in any window of length {@code window}, by keeping
 * the time of every admitted unit of cost. The exact counterpart of {@link SlidingWindowCounter}:
 * its memory and its cost per admitted request grow with the limit (a request copies the log, which
 * keeps it lock-free), so it is for small limits, such as 100 logins per hour, where exactness
 * matters more than footprint. Limits are capped at {@value #MAX_LIMIT}.
 */
public final class SlidingLog implements Limiter {

  public static final int MAX_LIMIT = 10_000;

  private final int limit;
  private final long windowNanos;
  private final Clock clock;
  /** Admission times, oldest first; replaced whole on every admission. */
  private final AtomicReference<long[]> log = new AtomicReference<>(new long[0]);

  private SlidingLog(int limit, Duration window, Clock clock) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "sliding log: limit must be between 1 and " + MAX_LIMIT + ", got " + limit
              + " (use a sliding-window counter for larger limits)");
    }
    if (window == null || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("sliding log: window must be a positive duration, got " + window);
    }
    this.limit = limit;
    this.windowNanos = window.toNanos();
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public static SlidingLog of(int limit, Duration window, Clock clock) {
    return new SlidingLog(limit, window, clock);
  }

  @Override
  public long limit() {
    return limit;
  }

  /** Index of the first entry still inside the window ending at now: entries at or before now - window are out. */
  private int firstLive(long[] times, long now) {
    int i = 0;
    while (i < times.length && now - times[i] >= windowNanos) {
      i++;
    }
    return i;
  }

  @Override
  public Decision decide(long cost) {
    checkCost(cost);
    long now = clock.nanos();
    for (; ; ) {
      long[] times = log.get();
      int first = firstLive(times, now);
      int live = times.length - first;
      if (live + cost > limit) {
        // The entry whose expiry makes room: the (live + cost - limit)-th oldest live one.
        long expires = times[first + (int) (live + cost - limit) - 1] + windowNanos;
        long reset = times[times.length - 1] + windowNanos - now;
        return Decision.denied(limit, limit - live, reset, Math.max(1, expires - now));
      }
      long[] next = Arrays.copyOfRange(times, first, times.length + (int) cost);
      Arrays.fill(next, live, next.length, now);
      if (log.compareAndSet(times, next)) {
        return Decision.allowed(limit, limit - next.length, windowNanos);
      }
    }
  }

  @Override
  public boolean tryAcquire(long cost) {
    return decide(cost).allowed();
  }

  private void checkCost(long cost) {
    if (cost < 1 || cost > limit) {
      throw new IllegalArgumentException(
          "cost must be between 1 and " + limit + " (the sliding-log limit), got " + cost);
    }
  }
}
