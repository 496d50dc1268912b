package dev.headroom.engine.limiter;

/**
 * At most {@code max} cost in flight at once; each admitted request must be given back with
 * {@link PackedLimiter#release} (or {@link LimiterRegistry#release}) when it completes.
 *
 * <p>State: the cost in flight, shifted left one bit. Lowering the limit below what is in flight
 * denies new requests until enough complete; nothing in flight is cut.
 */
public final class ConcurrencyLimit extends PackedLimit {

  public static final long MAX_LIMIT = 1L << 61;

  private final long max;

  private ConcurrencyLimit(long max) {
    if (max < 1 || max > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "concurrency limit: max in flight must be between 1 and " + MAX_LIMIT + ", got " + max);
    }
    this.max = max;
  }

  public static ConcurrencyLimit of(long maxInFlight) {
    return new ConcurrencyLimit(maxInFlight);
  }

  public ConcurrencyLimit withLimit(long newMax) {
    return new ConcurrencyLimit(newMax);
  }

  @Override
  public long limit() {
    return max;
  }

  @Override
  public String algorithm() {
    return "concurrency";
  }

  /** Cost in flight in {@code state}. */
  public static long inFlight(long state) {
    return state >>> 1;
  }

  @Override
  long initialState(long nowNanos) {
    return 0;
  }

  @Override
  long tryConsume(long state, long nowNanos, long cost) {
    checkCost(cost, max);
    long next = inFlight(state) + cost;
    return next <= max ? next << 1 : DENIED;
  }

  @Override
  long release(long state, long cost) {
    long held = inFlight(state);
    if (cost < 1 || cost > held) {
      throw new IllegalStateException(
          "release of " + cost + " but only " + held + " is in flight: a request was released twice or never acquired");
    }
    return (held - cost) << 1;
  }

  /** Retry-after is 0: room frees up when a request completes, not at a known time. */
  @Override
  Decision describe(long state, long nowNanos, long cost, boolean allowed) {
    long remaining = Math.max(0, max - inFlight(state));
    return new Decision(allowed, max, remaining, 0, 0, 0);
  }

  @Override
  boolean atRest(long state, long nowNanos) {
    return inFlight(state) == 0;
  }

  /** What is in flight stays in flight: its releases are still to come. */
  @Override
  long inherit(long state, PackedLimit previous, long nowNanos, Inheritance rule) {
    sameKind(previous, ConcurrencyLimit.class);
    return state;
  }

  @Override
  public String toString() {
    return "concurrency{max=" + max + "}";
  }
}
