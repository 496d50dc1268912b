package dev.headroom.bench.limiter;

import com.alibaba.csp.sentinel.slots.block.RuleConstant;
import com.alibaba.csp.sentinel.slots.block.flow.FlowRule;
import com.alibaba.csp.sentinel.slots.block.flow.FlowRuleManager;
import com.google.common.util.concurrent.RateLimiter;
import dev.headroom.engine.clock.Clock;
import dev.headroom.engine.clock.CoarseClock;
import dev.headroom.engine.limiter.Gcra;
import dev.headroom.engine.limiter.PackedLimit;
import dev.headroom.engine.limiter.Rate;
import dev.headroom.engine.limiter.TokenBucket;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.local.SynchronizationStrategy;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.List;

/**
 * Every contender configured from one {@link Regime}: the same rate and the same burst, each in its
 * own library's terms. Shared by the throughput, setRate and footprint measurements so that they
 * all measure the same configurations.
 */
public final class Contenders {

  /** Sentinel's resource for the hot-key benchmark. */
  public static final String SENTINEL_RESOURCE = "headroom-bench";

  private Contenders() {}

  public static Rate rate(Regime regime) {
    return Rate.of(regime.perSecond(), regime.period());
  }

  /** Headroom's token bucket: {@code burst} tokens, refilled at the rate. */
  public static TokenBucket tokenBucket(Regime regime) {
    return TokenBucket.of(rate(regime), regime.burst());
  }

  /**
   * Headroom's GCRA admitting exactly what the token bucket admits. Its burst and delay follow NGINX
   * {@code limit_req}, where an idle key takes {@code burst + 1} requests at once and
   * {@code delay = burst} is {@code nodelay}: so burst - 1, with no delay.
   */
  public static Gcra gcra(Regime regime) {
    long b = regime.burst() - 1;
    return Gcra.of(rate(regime), b, b);
  }

  public static PackedLimit headroom(Regime regime, boolean gcra) {
    return gcra ? gcra(regime) : tokenBucket(regime);
  }

  /** The system clock: one {@code System.nanoTime()} per decision. */
  public static Clock clock() {
    return Clock.system();
  }

  /**
   * A coarse clock ticking every millisecond (Bucket4j's default time meter also counts
   * milliseconds); the caller closes it, which stops its ticker thread.
   */
  public static CoarseClock coarseClock() {
    return CoarseClock.start(Clock.system(), CoarseClock.DEFAULT_TICK);
  }

  /**
   * Bucket4j's local bucket, lock-free (its default, set explicitly), greedy refill (tokens added
   * continuously, like Headroom's), on its default millisecond time meter.
   */
  public static Bucket bucket4j(Regime regime) {
    return Bucket.builder()
        .addLimit(limit -> limit.capacity(regime.burst()).refillGreedy(regime.perSecond(), regime.period()))
        .withSynchronizationStrategy(SynchronizationStrategy.LOCK_FREE)
        .build();
  }

  /** Guava's smooth-bursty limiter; its burst is fixed at one second of rate, which the regime matches. */
  public static RateLimiter guava(Regime regime) {
    return RateLimiter.create(regime.perSecond());
  }

  /**
   * Resilience4j's lock-free limiter: {@code burst} permits per cycle of burst/rate (1 s), never
   * waiting (timeout 0).
   */
  public static AtomicRateLimiter resilience4j(Regime regime, String name) {
    if (regime.burst() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("resilience4j counts permits in an int: burst " + regime.burst());
    }
    long cycleNanos = Math.multiplyExact(regime.burst(), regime.period().toNanos()) / regime.perSecond();
    RateLimiterConfig config = RateLimiterConfig.custom()
        .limitForPeriod((int) regime.burst())
        .limitRefreshPeriod(Duration.ofNanos(cycleNanos))
        .timeoutDuration(Duration.ZERO)
        .build();
    return new AtomicRateLimiter(name, config);
  }

  /**
   * A Sentinel QPS flow rule (default "reject" behaviour: a 1 s sliding window of rate requests,
   * which is a burst of one second's worth) on one resource.
   */
  public static void sentinel(Regime regime) {
    FlowRule rule = new FlowRule(SENTINEL_RESOURCE);
    rule.setGrade(RuleConstant.FLOW_GRADE_QPS);
    rule.setCount(regime.perSecond());
    rule.setControlBehavior(RuleConstant.CONTROL_BEHAVIOR_DEFAULT);
    FlowRuleManager.loadRules(List.of(rule));
  }

  /** {@code n} distinct keys of 12 characters ({@code key-00000042}), hash codes computed. */
  public static String[] keys(int n) {
    String[] keys = new String[n];
    for (int i = 0; i < n; i++) {
      keys[i] = String.format("key-%08d", i);
      keys[i].hashCode();
    }
    return keys;
  }
}
