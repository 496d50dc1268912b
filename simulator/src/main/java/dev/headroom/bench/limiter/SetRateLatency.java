package dev.headroom.bench.limiter;

import com.google.common.util.concurrent.RateLimiter;
import dev.headroom.engine.limiter.PackedLimiter;
import dev.headroom.engine.limiter.Rate;
import dev.headroom.engine.limiter.TokenBucket;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of one rate change on a live limiter, alternating between 1,000/s and 2,000/s (burst
 * 1,000) so that every call really changes the configuration and carries the tokens over. The
 * predictive engine does this for every key, every minute.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class SetRateLatency {

  static final long BURST = 1_000;
  static final long SLOW = 1_000;
  static final long FAST = 2_000;

  private boolean flip;

  /** Which of the two rates comes next: alternates on every call. */
  boolean toggle() {
    flip = !flip;
    return flip;
  }

  @State(Scope.Thread)
  public static class Headroom {
    final Rate slow = Rate.perSecond(SLOW);
    final Rate fast = Rate.perSecond(FAST);
    PackedLimiter limiter;

    @Setup(Level.Trial)
    public void setup() {
      limiter = TokenBucket.of(slow, BURST).limiter(Contenders.clock());
      limiter.tryAcquire(BURST / 2);
    }
  }

  @State(Scope.Thread)
  public static class Bucket4j {
    BucketConfiguration slow;
    BucketConfiguration fast;
    Bucket bucket;

    @Setup(Level.Trial)
    public void setup() {
      slow = config(SLOW);
      fast = config(FAST);
      bucket = Bucket.builder().addLimit(slow.getBandwidths()[0]).build();
      bucket.tryConsume(BURST / 2);
    }

    private static BucketConfiguration config(long perSecond) {
      return BucketConfiguration.builder()
          .addLimit(limit -> limit.capacity(BURST).refillGreedy(perSecond, Duration.ofSeconds(1)))
          .build();
    }
  }

  @State(Scope.Thread)
  public static class Guava {
    RateLimiter limiter;

    @Setup(Level.Trial)
    public void setup() {
      limiter = RateLimiter.create(SLOW);
    }
  }

  @State(Scope.Thread)
  public static class Resilience4j {
    AtomicRateLimiter limiter;

    @Setup(Level.Trial)
    public void setup() {
      limiter = new AtomicRateLimiter("bench", RateLimiterConfig.custom()
          .limitForPeriod((int) SLOW)
          .limitRefreshPeriod(Duration.ofSeconds(1))
          .timeoutDuration(Duration.ZERO)
          .build());
    }
  }

  /** {@code PackedLimiter.setRate}: tokens carried over proportionally (the default rule). */
  @Benchmark
  public void headroomSetRate(Headroom s) {
    s.limiter.setRate(toggle() ? s.fast : s.slow);
  }

  /** {@code Bucket.replaceConfiguration} with proportional token inheritance, configurations pre-built. */
  @Benchmark
  public void bucket4jReplaceConfiguration(Bucket4j s) {
    s.bucket.replaceConfiguration(toggle() ? s.fast : s.slow, TokensInheritanceStrategy.PROPORTIONALLY);
  }

  @Benchmark
  public void guavaSetRate(Guava s) {
    s.limiter.setRate(toggle() ? FAST : SLOW);
  }

  /** Resilience4j changes its permits per cycle; the new limit applies from the next cycle. */
  @Benchmark
  public void resilience4jChangeLimitForPeriod(Resilience4j s) {
    s.limiter.changeLimitForPeriod(toggle() ? (int) FAST : (int) SLOW);
  }
}
