package dev.headroom.engine.limiter;

import static dev.headroom.engine.limiter.Refill.WRAPPED;

/**
 * Token bucket: holds up to {@code burst} tokens, refills at {@code rate}, and a request of cost c
 * takes c tokens or is denied.
 *
 * <h2>State: one number</h2>
 * Instead of (tokens, last refill time), the state is the single instant Z at which the bucket
 * would have been empty had it refilled without a cap. With I the emission interval (time to refill
 * one token) and C = burst x I the time to fill an empty bucket:
 *
 * <pre>
 *   available(now) = min(C, now - Z)              time-worth of tokens, tokens = available / I
 *   admit cost c   iff available(now) >= c x I
 *   then           Z' = now - available(now) + c x I
 * </pre>
 *
 * One long means one compare-and-set per request and no allocation, and a full bucket is any Z at
 * or before now - C, which is how the registry knows a key can be dropped without changing anything.
 * This is GCRA's virtual-scheduling view (Z + C is its theoretical arrival time) written as a bucket.
 *
 * <p>Changing rate or burst ({@link PackedLimiter#setRate}) converts the tokens held by an explicit
 * {@link Inheritance} rule.
 */
public final class TokenBucket extends PackedLimit implements RefillLimit {

  private final Rate rate;
  private final long burst;
  /** Units of time per token (even). */
  final long interval;
  /** Units of time to fill from empty: burst x interval. */
  final long capacity;

  private TokenBucket(Rate rate, long burst) {
    if (burst < 1) {
      throw new IllegalArgumentException("token bucket: burst must be at least 1, got " + burst);
    }
    this.rate = rate;
    this.burst = burst;
    this.interval = Refill.interval(rate, "token bucket");
    this.capacity = Refill.span(burst, interval, "token bucket");
  }

  /** A bucket of {@code burst} tokens refilled at {@code rate}; starts full. */
  public static TokenBucket of(Rate rate, long burst) {
    return new TokenBucket(rate, burst);
  }

  @Override
  public Rate rate() {
    return rate;
  }

  @Override
  public long burst() {
    return burst;
  }

  @Override
  public TokenBucket withRate(Rate newRate) {
    return new TokenBucket(newRate, burst);
  }

  @Override
  public TokenBucket withBurst(long newBurst) {
    return new TokenBucket(rate, newBurst);
  }

  @Override
  public long limit() {
    return burst;
  }

  @Override
  public String algorithm() {
    return "token-bucket";
  }

  /** Tokens available at {@code nowNanos} in {@code state}, with their fraction. */
  public double tokens(long state, long nowNanos) {
    return available(state, Refill.units(nowNanos)) / (double) interval;
  }

  /** Time-worth of tokens available; negative when a concurrent consumer's clock ran ahead. */
  private long available(long state, long nowUnits) {
    long elapsed = nowUnits - state;
    // A difference below -2^62 is a state so old that the subtraction wrapped: the bucket is full.
    return (elapsed > capacity || elapsed < -WRAPPED) ? capacity : elapsed;
  }

  @Override
  long initialState(long nowNanos) {
    return Refill.units(nowNanos) - capacity;
  }

  @Override
  long tryConsume(long state, long nowNanos, long cost) {
    checkCost(cost, burst);
    long now = Refill.units(nowNanos);
    long available = available(state, now);
    long need = cost * interval;
    return available >= need ? now - available + need : DENIED;
  }

  @Override
  Decision describe(long state, long nowNanos, long cost, boolean allowed) {
    long available = available(state, Refill.units(nowNanos));
    long remaining = Math.max(0, Math.floorDiv(available, interval));
    long reset = Refill.toNanosCeil(capacity - available);
    if (allowed) {
      return Decision.allowed(burst, remaining, reset);
    }
    return Decision.denied(burst, remaining, reset, Refill.toNanosCeil(cost * interval - available));
  }

  @Override
  boolean atRest(long state, long nowNanos) {
    return available(state, Refill.units(nowNanos)) == capacity;
  }

  @Override
  long inherit(long state, PackedLimit previous, long nowNanos, Inheritance rule) {
    TokenBucket old = sameKind(previous, TokenBucket.class);
    long now = Refill.units(nowNanos);
    long available = Refill.inherit(rule, old.available(state, now),
        old.interval, old.capacity, old.burst, interval, capacity, burst);
    return now - available;
  }

  @Override
  public String toString() {
    return "token-bucket{rate=" + rate + ", burst=" + burst + "}";
  }
}
