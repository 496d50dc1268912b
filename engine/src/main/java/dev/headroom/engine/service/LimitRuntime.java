package dev.headroom.engine.service;

import dev.headroom.engine.clock.Clock;
import dev.headroom.engine.config.AlgorithmConfig;
import dev.headroom.engine.config.LimitConfig;
import dev.headroom.engine.config.PriorityClass;
import dev.headroom.engine.limiter.Decision;
import dev.headroom.engine.limiter.Inheritance;
import dev.headroom.engine.limiter.LimiterRegistry;
import dev.headroom.engine.limiter.PackedLimit;
import dev.headroom.engine.limiter.Rate;
import dev.headroom.engine.limiter.RefillLimit;
import dev.headroom.engine.policy.RateDecision;
import dev.headroom.engine.policy.RatePolicy;
import dev.headroom.engine.policy.ShadowPolicy;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;

/**
 * One configured limit at run time: its per-key buckets, its policy, and its counters. Checking is
 * the hot path (event-loop threads): a registry call and a few adds, no locks.
 *
 * <p>Two ways to try something without enforcing it, which answer different questions:
 *
 * <ul>
 *   <li>a policy's {@code shadow: true} ("what would this policy do?"): the limit is enforced
 *       exactly as without the policy, at its static rate, and the policy runs beside it on a
 *       second bucket per key at the rates the policy chooses ({@link #applyPolicyRate}). Each
 *       request is tried on both; what the policy would have refused that was admitted, and what
 *       it would have admitted that was refused, are counted;
 *   <li>the limit's {@code dryRun: true} ("what would this limit refuse?", envoy ratelimit's
 *       {@code shadow_mode}): every request is admitted and what the limit would have refused is
 *       counted.
 * </ul>
 */
final class LimitRuntime {

  private static final System.Logger LOG = System.getLogger(LimitRuntime.class.getName());
  private static final long MILLIS = 1_000_000L;
  /** Why a request was refused when its limit had no room for a new key. */
  static final String KEY_CAPACITY = "key-capacity";
  /**
   * Retry-After of a key-capacity refusal: a full registry tries to make room (evicting keys at
   * rest) at most once a second, so that is the earliest a new key can find room.
   */
  static final long KEY_CAPACITY_RETRY_MILLIS = 1_000;
  /** The limiter keeps time in 1/16 ns and refuses rates above one token per nanosecond. */
  static final double MAX_RATE_PER_SECOND = 1e9;

  /**
   * What a reload replaces, in one immutable snapshot so a check never sees a new configuration
   * with an old policy, and with what the hot path needs computed once rather than per request.
   */
  private record Settings(LimitConfig config, RatePolicy policy, double staticRate, String policyLabel,
      boolean shadow, boolean dryRun) {
    static Settings of(LimitConfig c) {
      double rate = c.algorithm().refillRate().map(Rate::perSecond).orElse(Double.NaN);
      boolean shadow = c.policy().shadow() && !Double.isNaN(rate);
      return new Settings(c, PolicyFactory.create(c.policy()), rate,
          c.policy().type().label() + (c.policy().shadow() ? " (shadow)" : "") + (c.dryRun() ? " (dry run)" : ""),
          shadow, c.dryRun());
    }
  }

  /** One bucket's answer: its decision, or null when the registry had no room for a new key. */
  private record Attempt(Decision decision, boolean shed) {
    boolean allowed() {
      return decision != null && decision.allowed() && !shed;
    }
  }

  private volatile Settings settings;
  private final Clock clock;
  private final LimiterRegistry registry;
  /** The policy's own buckets while it runs in shadow mode; null otherwise. */
  private volatile LimiterRegistry shadowRegistry;
  private final AtomicBoolean overflowLogged = new AtomicBoolean();
  final LongAdder allowed = new LongAdder();
  final LongAdder rejected = new LongAdder();
  final LongAdder shed = new LongAdder();
  /** Shadow mode: admitted, but the policy would have refused (the cost of switching it on). */
  final LongAdder shadowRejected = new LongAdder();
  /** Shadow mode: refused, but the policy would have admitted (the gain of switching it on). */
  final LongAdder shadowAdmitted = new LongAdder();
  /** Dry run: admitted although the limit would have refused. */
  final LongAdder dryRunRejected = new LongAdder();
  /** New keys refused because {@code maxKeys} keys were resident and busy. */
  final LongAdder keyCapacity = new LongAdder();

  LimitRuntime(LimitConfig config, Clock clock) {
    this.settings = Settings.of(config);
    this.clock = clock;
    this.registry = LimiterRegistry.builder(config.toLimit()).clock(clock).maxKeys(config.maxKeys()).build();
    this.shadowRegistry = settings.shadow() ? newShadowRegistry(config) : null;
  }

  private LimiterRegistry newShadowRegistry(LimitConfig config) {
    return LimiterRegistry.builder(config.toLimit()).clock(clock).maxKeys(config.maxKeys()).build();
  }

  LimitConfig config() {
    return settings.config();
  }

  RatePolicy policy() {
    return settings.policy();
  }

  /** The enforcing buckets. */
  LimiterRegistry registry() {
    return registry;
  }

  /** The shadow policy's buckets, if the policy runs in shadow mode. */
  Optional<LimiterRegistry> shadowRegistry() {
    return Optional.ofNullable(shadowRegistry);
  }

  boolean shadow() {
    return settings.shadow();
  }

  /**
   * Takes a reloaded configuration that keeps this limit's buckets (same algorithm family): the key
   * cap moves, and the shadow buckets appear or go with the policy's {@code shadow}.
   */
  void update(LimitConfig next) {
    Settings s = Settings.of(next);
    registry.maxKeys(next.maxKeys());
    LimiterRegistry shadowBuckets = shadowRegistry;
    if (s.shadow() && shadowBuckets == null) {
      shadowRegistry = newShadowRegistry(next);
    } else if (!s.shadow()) {
      shadowRegistry = null;
    } else {
      shadowBuckets.maxKeys(next.maxKeys());
    }
    settings = s;
  }

  /** A reload's new algorithm parameters, on the enforcing and the shadow buckets alike. */
  void reconfigureAll(PackedLimit template, UnaryOperator<PackedLimit> change, Inheritance rule) {
    registry.reconfigureAll(template, change, rule);
    LimiterRegistry s = shadowRegistry;
    if (s != null) {
      s.reconfigureAll(template, change, rule);
    }
  }

  /** Drops keys at rest from both sets of buckets; returns how many were dropped. */
  int evictIdle() {
    int n = registry.evictIdle();
    LimiterRegistry s = shadowRegistry;
    return s == null ? n : n + s.evictIdle();
  }

  /**
   * Sets the rate the limit's policy chose for {@code key} (the configured policy's rate: in shadow
   * mode, the candidate's). In shadow mode it goes to the shadow bucket and the enforcing bucket
   * keeps the static rate; otherwise to the enforcing bucket. Only a resident key is changed: one
   * evicted at rest is not re-created (it starts at the static rate when it comes back, until the
   * next step).
   *
   * @return true if the key was resident and its rate set; false when it was absent or the limit has
   *     no refill rate (quotas, windows, concurrency)
   * @throws IllegalArgumentException if the rate is not finite and positive or out of the limiter's
   *     range (at most one token per nanosecond, and a burst that refills within 4.5 years)
   */
  boolean applyPolicyRate(String key, double ratePerSecond) {
    if (!adjustable()) {
      return false;
    }
    LimiterRegistry target = settings.shadow() ? shadowRegistry : registry;
    return target != null && setRate(target, key, ratePerSecond);
  }

  /**
   * Applies what {@link #policy()} decided for {@code key}, whatever the mode: in shadow mode the
   * decision is a {@link ShadowPolicy}'s, whose enforced part is the static rate (the enforcing
   * bucket keeps it) and whose candidate part goes to the shadow bucket; otherwise the decision's
   * rate goes to the enforcing bucket. The policy loop can call this without knowing about shadow
   * mode. Same contract as {@link #applyPolicyRate}.
   */
  boolean applyPolicyDecision(String key, RateDecision decision) {
    if (settings.shadow() && settings.policy() instanceof ShadowPolicy && decision.part(1) != null) {
      return applyPolicyRate(key, ShadowPolicy.candidate(decision).ratePerSecond());
    }
    return applyPolicyRate(key, decision.ratePerSecond());
  }

  /**
   * Sets an operator's override rate on {@code key}'s enforcing bucket, shadow mode or not: an
   * override is a decision to enforce. Only a resident key is changed, as in {@link #applyPolicyRate}.
   *
   * @throws IllegalArgumentException as {@link #applyPolicyRate}
   */
  boolean applyOverrideRate(String key, double ratePerSecond) {
    return adjustable() && setRate(registry, key, ratePerSecond);
  }

  private boolean setRate(LimiterRegistry target, String key, double ratePerSecond) {
    Rate rate = checkedRate(ratePerSecond);
    return target.setRateIfPresent(key, rate);
  }

  /**
   * {@code ratePerSecond} as a rate this limit's buckets can take, or an IllegalArgumentException
   * naming the limit: validated by building the configuration it would produce, so nothing that
   * passes here can fail later when applied.
   */
  Rate checkedRate(double ratePerSecond) {
    String name = settings.config().name();
    if (!adjustable()) {
      throw new IllegalArgumentException("limit '" + name + "' (" + settings.config().algorithm().type()
          + ") has no refill rate to set");
    }
    if (!Double.isFinite(ratePerSecond) || ratePerSecond <= 0) {
      throw new IllegalArgumentException("ratePerSecond must be a positive, finite number, got " + ratePerSecond);
    }
    if (ratePerSecond > MAX_RATE_PER_SECOND) {
      throw new IllegalArgumentException("ratePerSecond must be at most " + (long) MAX_RATE_PER_SECOND
          + " (one token per nanosecond, the limiter's resolution), got " + ratePerSecond);
    }
    try {
      Rate rate = Rate.perSecond(ratePerSecond);
      RefillLimit.of(registry.template()).withRate(rate);
      return rate;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("limit '" + name + "' cannot take " + ratePerSecond + "/s: "
          + e.getMessage(), e);
    }
  }

  /**
   * Gives back what an admitted request held, for concurrency limits (in-flight counts); a no-op
   * for the others, whose tokens are spent for good.
   */
  void release(String key, long cost) {
    if (settings.config().algorithm() instanceof AlgorithmConfig.ConcurrencyParams) {
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
   * first and the rest is kept for core traffic. In shadow mode the request is also tried on the
   * policy's bucket, and disagreements are counted; in a dry run nothing is refused.
   */
  CheckResult check(String key, long cost, Optional<PriorityClass> priority) {
    Settings c = settings;
    double shedAt = priority.map(PriorityClass::shedAt).orElse(0.0);
    Attempt enforced = attempt(registry, key, cost, shedAt);
    boolean policyRefused = false;
    LimiterRegistry shadowBuckets = c.shadow() ? shadowRegistry : null;
    if (shadowBuckets != null) {
      Attempt policy = attempt(shadowBuckets, key, cost, shedAt);
      if (policy.decision() != null && enforced.decision() != null) { // a full registry is no policy's verdict
        policyRefused = !policy.allowed();
        if (policyRefused && enforced.allowed()) {
          shadowRejected.increment();
        } else if (!policyRefused && !enforced.allowed()) {
          shadowAdmitted.increment();
        }
      }
    }
    Decision d = enforced.decision();
    if (d == null) {
      keyCapacity.increment();
      logFirstOverflow(c);
      if (c.dryRun()) {
        dryRunRejected.increment();
        allowed.increment();
        return new CheckResult(true, c.config().name(), key, registry.template().limit(), 0, 0, 0,
            1, c.policyLabel(), false, false, true, KEY_CAPACITY);
      }
      return new CheckResult(false, c.config().name(), key, registry.template().limit(), 0, 0,
          KEY_CAPACITY_RETRY_MILLIS, 1, c.policyLabel(), false, false, false, KEY_CAPACITY);
    }
    if (enforced.allowed()) {
      allowed.increment();
      return result(c, key, d, true, 0, policyRefused, false, false);
    }
    if (c.dryRun()) {
      dryRunRejected.increment();
      allowed.increment();
      return result(c, key, d, true, 0, policyRefused, false, true);
    }
    if (enforced.shed()) {
      shed.increment();
      return result(c, key, d, false, Math.max(1, d.resetNanos() / MILLIS), policyRefused, true, false);
    }
    rejected.increment();
    return result(c, key, d, false, Math.max(1, ceilMillis(d.retryAfterNanos())), policyRefused, false, false);
  }

  /** Sheds by priority on a peek (taking nothing), else decides; a null decision means no room for the key. */
  private static Attempt attempt(LimiterRegistry buckets, String key, long cost, double shedAt) {
    if (shedAt > 0) {
      Decision peek = buckets.peek(key, cost);
      if (peek.limit() > 0 && peek.allowed() && (double) peek.remaining() / peek.limit() < shedAt) {
        return new Attempt(peek, true);
      }
    }
    return new Attempt(buckets.decideIfRoom(key, cost), false);
  }

  private void logFirstOverflow(Settings c) {
    if (overflowLogged.compareAndSet(false, true)) {
      LOG.log(Level.WARNING, "limit ''{0}'' holds {1} keys, its maxKeys, all busy: requests for new keys are "
          + "refused with reason \"key-capacity\" (counted in /metrics as outcome key_capacity) until idle keys "
          + "are evicted. Raise maxKeys if the keys are real, or look for a client inventing keys. "
          + "Logged once per limit.", c.config().name(), registry.size());
    }
  }

  private static CheckResult result(Settings c, String key, Decision d, boolean allowed, long retryAfterMillis,
      boolean shadowRejected, boolean shed, boolean dryRunRejected) {
    return new CheckResult(allowed, c.config().name(), key, d.limit(), d.remaining(), ceilMillis(d.resetNanos()),
        retryAfterMillis, PolicyWindow.seconds(c.config().algorithm(), c.staticRate(), d), c.policyLabel(), shadowRejected,
        shed, dryRunRejected, null);
  }

  private static long ceilMillis(long nanos) {
    return nanos <= 0 ? 0 : (nanos + MILLIS - 1) / MILLIS;
  }
}
