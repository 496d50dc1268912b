package dev.headroom.engine.limiter;

import static dev.headroom.engine.limiter.Refill.WRAPPED;

/**
 * GCRA, the leaky bucket as a meter, with NGINX {@code limit_req} semantics: {@code rate},
 * {@code burst} and {@code delay} mean what {@code limit_req zone=... burst=B delay=D} means.
 *
 * <p>NGINX keeps an "excess" per key, in requests: how far the key is ahead of its rate. For each
 * request, {@code excess = max(0, excess - elapsed x rate + 1)}; the request is rejected if
 * {@code excess > burst}, served at once if {@code excess <= delay}, and otherwise delayed by
 * {@code (excess - delay) / rate}. So an idle key takes {@code burst + 1} requests at once, and
 * {@code delay = burst} is NGINX's {@code nodelay}.
 *
 * <p>The state is the theoretical arrival time TAT, with {@code excess = (TAT - now) / I} where I is
 * the emission interval. A request of cost c counts as c requests arriving together:
 * {@code excess' = max(c - 1, excess + c)}.
 */
public final class Gcra extends PackedLimit implements RefillLimit {

  private final Rate rate;
  private final long burst;
  private final long delay;
  final long interval;
  /** Most excess allowed, in units: burst x interval. */
  private final long burstUnits;
  /** Excess served without delay, in units. */
  private final long delayUnits;

  private Gcra(Rate rate, long burst, long delay) {
    if (burst < 0) {
      throw new IllegalArgumentException("gcra: burst must be 0 or more, got " + burst);
    }
    if (delay < 0 || delay > burst) {
      throw new IllegalArgumentException(
          "gcra: delay must be between 0 and burst (" + burst + "), got " + delay);
    }
    this.rate = rate;
    this.burst = burst;
    this.delay = delay;
    this.interval = Refill.interval(rate, "gcra");
    this.burstUnits = Refill.span(burst + 1, interval, "gcra") - interval;
    this.delayUnits = delay * interval;
  }

  /** {@code limit_req rate=R burst=B delay=D}. */
  public static Gcra of(Rate rate, long burst, long delay) {
    return new Gcra(rate, burst, delay);
  }

  /** {@code limit_req rate=R burst=B nodelay}: excess up to the burst is served at once. */
  public static Gcra noDelay(Rate rate, long burst) {
    return new Gcra(rate, burst, burst);
  }

  @Override
  public Rate rate() {
    return rate;
  }

  @Override
  public long burst() {
    return burst;
  }

  public long delay() {
    return delay;
  }

  @Override
  public Gcra withRate(Rate newRate) {
    return new Gcra(newRate, burst, delay);
  }

  /** A new burst; the delay keeps its meaning (nodelay stays nodelay, otherwise capped at the burst). */
  @Override
  public Gcra withBurst(long newBurst) {
    return new Gcra(rate, newBurst, delay == burst ? newBurst : Math.min(delay, newBurst));
  }

  /** An idle key admits burst + 1 requests at once. */
  @Override
  public long limit() {
    return burst + 1;
  }

  @Override
  public String algorithm() {
    return "gcra";
  }

  /** TAT - now, in units; a wrapped, very old state reads as fully idle. */
  private long lead(long state, long nowUnits) {
    long lead = state - nowUnits;
    return lead > WRAPPED ? -burstUnits - interval : lead;
  }

  private long excessAfter(long lead, long cost) {
    return Math.max((cost - 1) * interval, lead + cost * interval);
  }

  @Override
  long initialState(long nowNanos) {
    return Refill.units(nowNanos) - interval;
  }

  @Override
  long tryConsume(long state, long nowNanos, long cost) {
    checkCost(cost, burst + 1);
    long now = Refill.units(nowNanos);
    long excess = excessAfter(lead(state, now), cost);
    return excess <= burstUnits ? now + excess : DENIED;
  }

  @Override
  Decision describe(long state, long nowNanos, long cost, boolean allowed) {
    long lead = lead(state, Refill.units(nowNanos));
    long remaining = Math.clamp(Math.floorDiv(burstUnits - lead, interval), 0, burst + 1);
    long reset = Refill.toNanosCeil(lead + interval);
    if (allowed) {
      long wait = Refill.toNanosCeil(lead - delayUnits);
      return new Decision(true, burst + 1, remaining, reset, 0, wait);
    }
    long retry = Refill.toNanosCeil(excessAfter(lead, cost) - burstUnits);
    return Decision.denied(burst + 1, remaining, reset, retry);
  }

  @Override
  boolean atRest(long state, long nowNanos) {
    return lead(state, Refill.units(nowNanos)) <= -interval;
  }

  /** Excess maps to tokens as {@code available = (burst + 1) x I - max(0, lead + I)}; then the rule applies. */
  @Override
  long inherit(long state, PackedLimit previous, long nowNanos, Inheritance rule) {
    Gcra old = sameKind(previous, Gcra.class);
    long now = Refill.units(nowNanos);
    long oldCapacity = old.burstUnits + old.interval;
    long oldAvailable = oldCapacity - Math.max(0, old.lead(state, now) + old.interval);
    long capacity = burstUnits + interval;
    long available = Refill.inherit(rule, oldAvailable,
        old.interval, oldCapacity, old.burst + 1, interval, capacity, burst + 1);
    return now + capacity - available - interval;
  }

  @Override
  public String toString() {
    return "gcra{rate=" + rate + ", burst=" + burst + ", delay=" + delay + "}";
  }
}
