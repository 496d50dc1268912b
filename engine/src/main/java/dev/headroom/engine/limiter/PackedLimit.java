package dev.headroom.engine.limiter;

import dev.headroom.engine.clock.Clock;

/**
 * A limiting algorithm with its configuration, whose whole per-key state is one {@code long}.
 *
 * <p>This is the algorithm half of a split that Bucket4j makes between algorithm and storage: a
 * {@code PackedLimit} is immutable and only says how a state changes; where the state lives (a field
 * of a {@link PackedLimiter}, a slot in a {@link LimiterRegistry}) is someone else's job. One long
 * per key is what makes a key cost about 100 bytes and a request one compare-and-set.
 *
 * <p>State contract: every state an algorithm produces is even. The odd bit is reserved for the
 * storage layer, which seals a state while it hands the key over to a new configuration.
 */
public abstract sealed class PackedLimit
    permits TokenBucket, Gcra, CalendarQuota, SlidingWindowCounter, ConcurrencyLimit {

  /** Returned by {@link #tryConsume} for a denied request. Odd, so never a state. */
  static final long DENIED = 1L;

  /** The most this limit admits at once: what a {@link Decision} reports as its limit. */
  public abstract long limit();

  /** A short name for the algorithm, as it appears in configuration and headers. */
  public abstract String algorithm();

  /** A stand-alone limiter with this configuration on {@code clock}. */
  public PackedLimiter limiter(Clock clock) {
    return new PackedLimiter(this, clock);
  }

  /** The state of a key seen for the first time at {@code nowNanos}. */
  abstract long initialState(long nowNanos);

  /** The state after admitting {@code cost} at {@code nowNanos}, or {@link #DENIED}. Pure. */
  abstract long tryConsume(long state, long nowNanos, long cost);

  /**
   * The decision for a request of {@code cost}: {@code state} is the state after an admitted request,
   * or the unchanged state of a denied one.
   */
  abstract Decision describe(long state, long nowNanos, long cost, boolean allowed);

  /** What a request of {@code cost} would be told in {@code state}, consuming nothing. */
  final Decision peek(long state, long nowNanos, long cost) {
    long next = tryConsume(state, nowNanos, cost);
    return next == DENIED ? describe(state, nowNanos, cost, false) : describe(next, nowNanos, cost, true);
  }

  /** True when the state is the same as a new key's: evicting it then changes nothing. */
  abstract boolean atRest(long state, long nowNanos);

  /**
   * The state under this configuration of a key that had {@code state} under {@code previous}, at
   * {@code nowNanos}, following {@code rule}. Token-based limits apply the rule; counting limits keep
   * their counts (a count consumed is never handed back).
   */
  abstract long inherit(long state, PackedLimit previous, long nowNanos, Inheritance rule);

  /** The state after giving back {@code cost}; only concurrency limits have something to give back. */
  long release(long state, long cost) {
    throw new UnsupportedOperationException(algorithm() + " limits have nothing to release");
  }

  /** Rejects a cost this limit could never admit: a clear error, never a silent clamp. */
  final void checkCost(long cost, long max) {
    if (cost < 1 || cost > max) {
      throw new IllegalArgumentException(
          "cost must be between 1 and " + max + " (the " + algorithm() + " limit), got " + cost);
    }
  }

  final <T extends PackedLimit> T sameKind(PackedLimit previous, Class<T> kind) {
    if (!kind.isInstance(previous)) {
      throw new IllegalArgumentException("cannot turn a " + previous.algorithm() + " limit into a "
          + algorithm() + " limit while keeping its state; create a new limiter instead");
    }
    return kind.cast(previous);
  }
}
