package dev.headroom.engine.service;

import dev.headroom.engine.clock.Clock;
import dev.headroom.engine.config.LimitConfig;
import dev.headroom.engine.config.PriorityClass;
import dev.headroom.engine.limiter.Decision;
import dev.headroom.engine.limiter.LimiterRegistry;
import dev.headroom.engine.limiter.Rate;
import dev.headroom.engine.policy.RatePolicy;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * One configured limit at run time: its per-key buckets, its policy, and its counters. Checking is
 * the hot path (event-loop threads): a registry call and a few adds, no locks, no allocation
 * beyond the result.
 */
final class LimitRuntime {

  private static final long MILLIS = 1_000_000L;

  private volatile LimitConfig config;
  private final LimiterRegistry registry;
  private volatile RatePolicy policy;
  final LongAdder allowed = new LongAdder();
  final LongAdder rejected = new LongAdder();
  final LongAdder shed = new LongAdder();
  final LongAdder shadowRejected = new LongAdder();

  LimitRuntime(LimitConfig config, Clock clock, int maxKeys) {
    this.config = config;
    this.registry = LimiterRegistry.builder(config.toLimit()).clock(clock).maxKeys(maxKeys).build();
    this.policy = PolicyFactory.create(config.policy());
  }

  LimitConfig config() {
    return config;
  }

  RatePolicy policy() {
    return policy;
  }

  LimiterRegistry registry() {
    return registry;
  }

  /** Takes a reloaded configuration that keeps this limit's buckets (same algorithm family). */
  void update(LimitConfig next) {
    config = next;
    policy = PolicyFactory.create(next.policy());
  }

  /**
   * Gives back what an admitted request held, for concurrency limits (in-flight counts); a no-op
   * for the others, whose tokens are spent for good.
   */
  void release(String key, long cost) {
    if (config.algorithm() instanceof dev.headroom.engine.config.AlgorithmConfig.ConcurrencyParams) {
      registry.release(key, cost);
    }
  }

  /** The configured refill rate in tokens per second, or NaN for counting limits (quotas, windows). */
  double staticRate() {
    return config.algorithm().refillRate().map(Rate::perSecond).orElse(Double.NaN);
  }

  boolean adjustable() {
    return config.algorithm().refillRate().isPresent();
  }

  /**
   * Checks one request. A priority class with {@code shedAt > 0} is refused, without taking
   * tokens, while less than that share of the limit remains: under pressure batch traffic goes
   * first and the rest is kept for core traffic. In shadow mode nothing is refused; what would have
   * been is counted.
   */
  CheckResult check(String key, long cost, Optional<PriorityClass> priority) {
    LimitConfig c = config;
    boolean shadow = c.policy().shadow();
    double shedAt = priority.map(PriorityClass::shedAt).orElse(0.0);
    if (shedAt > 0) {
      Decision peek = registry.peek(key, cost);
      if (peek.limit() > 0 && peek.allowed() && (double) peek.remaining() / peek.limit() < shedAt) {
        if (!shadow) {
          shed.increment();
          long wait = Math.max(1, peek.resetNanos() / MILLIS);
          return result(c, key, peek, false, wait, false, true);
        }
        shadowRejected.increment();
      }
    }
    Decision d = registry.decide(key, cost);
    if (d.allowed()) {
      allowed.increment();
      return result(c, key, d, true, 0, false, false);
    }
    if (shadow) {
      shadowRejected.increment();
      allowed.increment();
      return result(c, key, d, true, 0, true, false);
    }
    rejected.increment();
    return result(c, key, d, false, Math.max(1, ceilMillis(d.retryAfterNanos())), false, false);
  }

  private CheckResult result(LimitConfig c, String key, Decision d, boolean allowed, long retryAfterMillis,
      boolean shadow, boolean shed) {
    return new CheckResult(allowed, c.name(), key, d.limit(), d.remaining(), ceilMillis(d.resetNanos()),
        retryAfterMillis, windowSeconds(d), policyLabel(c), shadow, shed);
  }

  private long windowSeconds(Decision d) {
    double rate = staticRate();
    if (Double.isNaN(rate) || rate <= 0) {
      return Math.max(1, d.resetNanos() / 1_000_000_000L);
    }
    return Math.max(1, Math.round(d.limit() / rate));
  }

  private static String policyLabel(LimitConfig c) {
    return c.policy().type().label() + (c.policy().shadow() ? " (shadow)" : "");
  }

  private static long ceilMillis(long nanos) {
    return nanos <= 0 ? 0 : (nanos + MILLIS - 1) / MILLIS;
  }
}
