package dev.headroom.engine.limiter;

import java.time.Duration;

/**
 * Sliding-window counter: at most {@code limit} per {@code window}, estimated from the counts of the
 * current fixed window and the previous one, weighting the previous by how much of it the sliding
 * window still covers: {@code estimate = previous x (1 - elapsed / window) + current}. Two counters
 * per key instead of a log, at the price of assuming the previous window's requests were spread
 * evenly (Cloudflare measured 0.003% of requests misjudged on real traffic). Use {@link SlidingLog}
 * where the limit must hold exactly.
 *
 * <p>State, one long: window number modulo 2^16 (16 bits), previous count (24 bits), current count
 * (23 bits), and the storage bit. A key idle for exactly a multiple of 65,536 windows would read its
 * old counts; the registry evicts idle keys long before that.
 */
public final class SlidingWindowCounter extends PackedLimit {

  public static final long MAX_LIMIT = (1L << 23) - 1;
  private static final long PREVIOUS_MAX = (1L << 24) - 1;

  private final long limit;
  private final long windowNanos;

  private SlidingWindowCounter(long limit, Duration window) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "sliding window: limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
    if (window == null || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("sliding window: window must be a positive duration, got " + window);
    }
    this.limit = limit;
    this.windowNanos = window.toNanos();
  }

  public static SlidingWindowCounter of(long limit, Duration window) {
    return new SlidingWindowCounter(limit, window);
  }

  public SlidingWindowCounter withLimit(long newLimit) {
    return new SlidingWindowCounter(newLimit, Duration.ofNanos(windowNanos));
  }

  @Override
  public long limit() {
    return limit;
  }

  @Override
  public String algorithm() {
    return "sliding-window";
  }

  private static long pack(long windowNumber, long previous, long current) {
    return ((windowNumber & 0xFFFF) << 48) | (previous << 24) | (current << 1);
  }

  /** The state moved to the window holding now: [window, previous, current]. */
  private long roll(long state, long window) {
    long delta = (window - (state >>> 48)) & 0xFFFF;
    if (delta == 0) {
      return state;
    }
    return delta == 1 ? pack(window, current(state), 0) : pack(window, 0, 0);
  }

  private static long previous(long state) {
    return (state >>> 24) & PREVIOUS_MAX;
  }

  private static long current(long state) {
    return (state & 0xFF_FFFFL) >>> 1;
  }

  private double estimate(long rolled, long elapsed) {
    return previous(rolled) * ((windowNanos - elapsed) / (double) windowNanos) + current(rolled);
  }

  @Override
  long initialState(long nowNanos) {
    return pack(Math.floorDiv(nowNanos, windowNanos), 0, 0);
  }

  @Override
  long tryConsume(long state, long nowNanos, long cost) {
    checkCost(cost, limit);
    long window = Math.floorDiv(nowNanos, windowNanos);
    long rolled = roll(state, window);
    long elapsed = nowNanos - window * windowNanos;
    if (estimate(rolled, elapsed) + cost > limit) {
      return DENIED;
    }
    return pack(window, previous(rolled), current(rolled) + cost);
  }

  @Override
  Decision describe(long state, long nowNanos, long cost, boolean allowed) {
    long window = Math.floorDiv(nowNanos, windowNanos);
    long rolled = roll(state, window);
    long elapsed = nowNanos - window * windowNanos;
    long previous = previous(rolled);
    long current = current(rolled);
    long remaining = Math.max(0, (long) Math.floor(limit - estimate(rolled, elapsed)));
    long toWindowEnd = windowNanos - elapsed;
    long reset = current > 0 ? toWindowEnd + windowNanos : previous > 0 ? toWindowEnd : 0;
    if (allowed) {
      return Decision.allowed(limit, remaining, reset);
    }
    return Decision.denied(limit, remaining, reset, retryAfter(previous, current, cost, toWindowEnd));
  }

  /** The earliest time the estimate leaves room for {@code cost}, as the previous window fades. */
  private long retryAfter(long previous, long current, long cost, long toWindowEnd) {
    long room = limit - current - cost;
    if (room >= 0 && previous > 0) {
      // previous x (toWindowEnd - t) / window <= room
      double t = toWindowEnd - (double) room * windowNanos / previous;
      return Math.max(1, (long) Math.ceil(t));
    }
    // Not in this window: in the next one, current becomes the previous and fades from a full window.
    long roomNext = limit - cost;
    double intoNext = current == 0 ? 0 : windowNanos - (double) roomNext * windowNanos / current;
    return toWindowEnd + Math.max(0, (long) Math.ceil(intoNext));
  }

  @Override
  boolean atRest(long state, long nowNanos) {
    long rolled = roll(state, Math.floorDiv(nowNanos, windowNanos));
    return previous(rolled) == 0 && current(rolled) == 0;
  }

  /** Counts carry over unchanged; a count consumed is never handed back. */
  @Override
  long inherit(long state, PackedLimit previous, long nowNanos, Inheritance rule) {
    SlidingWindowCounter old = sameKind(previous, SlidingWindowCounter.class);
    long rolled = old.roll(state, Math.floorDiv(nowNanos, old.windowNanos));
    long current = Math.min(current(rolled), MAX_LIMIT);
    return pack(Math.floorDiv(nowNanos, windowNanos), previous(rolled), current);
  }

  @Override
  public String toString() {
    return "sliding-window{limit=" + limit + ", window=" + Duration.ofNanos(windowNanos) + "}";
  }
}
