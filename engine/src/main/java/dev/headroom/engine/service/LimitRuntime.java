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

  /**
   * What a reload replaces, in one immutable snapshot so a check never sees a new configuration
   * with an old policy, and with what the hot path needs computed once rather than per request.
   */
  private record Settings(LimitConfig config, RatePolicy policy, double staticRate, String policyLabel) {
    static Settings of(LimitConfig c) {
      return new Settings(c, PolicyFactory.create(c.policy()),
          c.algorithm().refillRate().map(Rate::perSecond).orElse(Double.NaN),
          c.policy().type().label() + (c.policy().shadow() ? " (shadow)" : ""));
    }
  }

  private volatile Settings settings;
  private final LimiterRegistry registry;
  final LongAdder allowed = new LongAdder();
  final LongAdder rejected = new LongAdder();
  final LongAdder shed = new LongAdder();
  final LongAdder shadowRejected = new LongAdder();

  LimitRuntime(LimitConfig config, Clock clock, int maxKeys) {
    this.settings = Settings.of(config);
    this.registry = LimiterRegistry.builder(config.toLimit()).clock(clock).maxKeys(maxKeys).build();
  }

  LimitConfig config() {
    return settings.config();
  }

  RatePolicy policy() {
    return settings.policy();
  }

  LimiterRegistry registry() {
    return registry;
  }

  /**
   * Puts a rate the policy loop decided in force for {@code key}, if the key is resident: an
   * evicted key comes back at the static rate and the next tick decides for it again.
   */
  void applyPolicyRate(String key, double ratePerSecond) {
    registry.setRateIfPresent(key, Rate.perSecond(ratePerSecond));
  }

  /** Takes a reloaded configuration that keeps this limit's buckets (same algorithm family). */
  void update(LimitConfig next) {
    settings = Settings.of(next);
  }

  /**
   * Gives back what an admitted request held, for concurrency limits (in-flight counts); a no-op
   * for the others, whose tokens are spent for good.
   */
  void release(String key, long cost) {
    if (settings.config().algorithm() instanceof dev.headroom.engine.config.AlgorithmConfig.ConcurrencyParams) {
      registry.release(key, cost);
    }
  }

  /** The configured refill rate in tokens per second, or NaN for counting limits (quotas, windows). */
  double staticRate() {
    return settings.staticRate();
  }

  boolean adjustable() {
    return !Double.isNaN(settings.staticRate());
  }

  /**
   * Checks one request. A priority class with {@code shedAt > 0} is refused, without taking
   * tokens, while less than that share of the limit remains: under pressure batch traffic goes
   * first and the rest is kept for core traffic. In shadow mode nothing is refused; what would have
   * been is counted.
   */
  CheckResult check(String key, long cost, Optional<PriorityClass> priority) {
    Settings c = settings;
    boolean shadow = c.config().policy().shadow();
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

  private static CheckResult result(Settings c, String key, Decision d, boolean allowed, long retryAfterMillis,
      boolean shadow, boolean shed) {
    return new CheckResult(allowed, c.config().name(), key, d.limit(), d.remaining(), ceilMillis(d.resetNanos()),
        retryAfterMillis, windowSeconds(c.staticRate(), d), c.policyLabel(), shadow, shed);
  }

  private static long windowSeconds(double rate, Decision d) {
    if (Double.isNaN(rate) || rate <= 0) {
      return Math.max(1, d.resetNanos() / 1_000_000_000L);
    }
    return Math.max(1, Math.round(d.limit() / rate));
  }

  private static long ceilMillis(long nanos) {
    return nanos <= 0 ? 0 : (nanos + MILLIS - 1) / MILLIS;
  }
}
