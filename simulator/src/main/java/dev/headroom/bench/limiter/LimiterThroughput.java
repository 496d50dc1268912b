package dev.headroom.bench.limiter;

import com.alibaba.csp.sentinel.Entry;
import com.alibaba.csp.sentinel.SphU;
import com.alibaba.csp.sentinel.slots.block.BlockException;
import com.alibaba.csp.sentinel.slots.block.flow.FlowRuleManager;
import com.google.common.util.concurrent.RateLimiter;
import dev.headroom.engine.clock.Clock;
import dev.headroom.engine.clock.CoarseClock;
import dev.headroom.engine.limiter.Decision;
import dev.headroom.engine.limiter.LimiterRegistry;
import dev.headroom.engine.limiter.PackedLimiter;
import io.github.bucket4j.Bucket;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Throughput of one admission decision (cost 1), Headroom against its rivals, all configured from
 * the same {@link Regime}.
 *
 * <p>{@code *Hot} benchmarks hit one limiter from every thread (the contended case). {@code *Keyed}
 * benchmarks pick one of {@code keys} pre-created keys at random per call (a per-thread xorshift,
 * the same for all): Headroom looks the key up in its own {@link LimiterRegistry}; the rivals, which
 * have no registry, in a pre-filled {@link ConcurrentHashMap} with {@code get} (never
 * {@code computeIfAbsent}), which is the cheapest lookup they could have.
 *
 * <p>Every benchmark counts what it admitted and denied ({@link Admission}, JMH aux counters), so
 * the report can show that nobody was fast by refusing.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LimiterThroughput {

  /** The regime, shared by every state of a run. */
  @State(Scope.Benchmark)
  public static class Config {
    @Param({"allow", "limit"})
    public String regime;

    Regime get() {
      return Regime.of(regime);
    }
  }

  /** The keys of the keyed benchmarks, created before measuring. */
  @State(Scope.Benchmark)
  public static class KeySpace {
    @Param({"100000"})
    public int keys;

    String[] names;

    @Setup(Level.Trial)
    public void setup() {
      names = Contenders.keys(keys);
    }
  }

  /** Per-thread xorshift64 over the key indices: no shared state, no allocation. */
  @State(Scope.Thread)
  public static class Cursor {
    private long x;

    @Setup(Level.Trial)
    public void seed() {
      x = ThreadLocalRandom.current().nextLong() | 1L;
    }

    int next(int n) {
      long v = x;
      v ^= v << 13;
      v ^= v >>> 7;
      v ^= v << 17;
      x = v;
      return (int) (((v >>> 32) * n) >>> 32);
    }
  }

  /** Admitted and denied calls, reported by JMH next to the throughput. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Admission {
    public long allowed;
    public long denied;

    @Setup(Level.Iteration)
    public void reset() {
      allowed = 0;
      denied = 0;
    }

    void count(boolean ok) {
      if (ok) {
        allowed++;
      } else {
        denied++;
      }
    }
  }

  // ---- one hot key ------------------------------------------------------------------------

  @State(Scope.Benchmark)
  public static class HeadroomTokenBucket {
    PackedLimiter limiter;

    @Setup(Level.Trial)
    public void setup(Config c) {
      limiter = Contenders.tokenBucket(c.get()).limiter(Contenders.clock());
    }
  }

  /** The token bucket on a coarse clock, whose ticker thread runs for the trial only. */
  @State(Scope.Benchmark)
  public static class HeadroomTokenBucketCoarse {
    CoarseClock clock;
    PackedLimiter limiter;

    @Setup(Level.Trial)
    public void setup(Config c) {
      clock = Contenders.coarseClock();
      limiter = Contenders.tokenBucket(c.get()).limiter(clock);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      clock.close();
    }
  }

  @State(Scope.Benchmark)
  public static class HeadroomGcra {
    PackedLimiter limiter;

    @Setup(Level.Trial)
    public void setup(Config c) {
      limiter = Contenders.gcra(c.get()).limiter(Contenders.clock());
    }
  }

  @State(Scope.Benchmark)
  public static class Bucket4j {
    Bucket bucket;

    @Setup(Level.Trial)
    public void setup(Config c) {
      bucket = Contenders.bucket4j(c.get());
    }
  }

  @State(Scope.Benchmark)
  public static class Guava {
    RateLimiter limiter;

    @Setup(Level.Trial)
    public void setup(Config c) {
      limiter = Contenders.guava(c.get());
    }
  }

  @State(Scope.Benchmark)
  public static class Resilience4j {
    AtomicRateLimiter limiter;

    @Setup(Level.Trial)
    public void setup(Config c) {
      limiter = Contenders.resilience4j(c.get(), "bench");
    }
  }

  @State(Scope.Benchmark)
  public static class Sentinel {
    @Setup(Level.Trial)
    public void setup(Config c) {
      Contenders.sentinel(c.get());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      FlowRuleManager.loadRules(List.of());
    }
  }

  @Benchmark
  public void headroomTokenBucketHot(HeadroomTokenBucket s, Admission a) {
    a.count(s.limiter.tryAcquire(1));
  }

  @Benchmark
  public void headroomTokenBucketCoarseHot(HeadroomTokenBucketCoarse s, Admission a) {
    a.count(s.limiter.tryAcquire(1));
  }

  @Benchmark
  public void headroomGcraHot(HeadroomGcra s, Admission a) {
    a.count(s.limiter.tryAcquire(1));
  }

  /** The full decision (limit, remaining, reset, retry-after), returned so it is really built. */
  @Benchmark
  public Decision headroomDecideHot(HeadroomTokenBucket s, Admission a) {
    Decision d = s.limiter.decide(1);
    a.count(d.allowed());
    return d;
  }

  @Benchmark
  public void bucket4jHot(Bucket4j s, Admission a) {
    a.count(s.bucket.tryConsume(1));
  }

  @Benchmark
  public void guavaHot(Guava s, Admission a) {
    a.count(s.limiter.tryAcquire());
  }

  @Benchmark
  public void resilience4jHot(Resilience4j s, Admission a) {
    a.count(s.limiter.acquirePermission());
  }

  /** Sentinel's whole slot chain, as an application runs it: entry, then exit. */
  @Benchmark
  public void sentinelHot(Sentinel s, Admission a) {
    Entry entry;
    try {
      entry = SphU.entry(Contenders.SENTINEL_RESOURCE);
    } catch (BlockException denied) {
      a.count(false);
      return;
    }
    entry.exit();
    a.count(true);
  }

  /**
   * The floor: no limiter, only the clock read that every limiter here makes per call. Takes the
   * regime only to be reported with it.
   */
  @Benchmark
  public void floorHot(Config c, Admission a) {
    a.count(System.nanoTime() != 0);
  }

  // ---- many keys --------------------------------------------------------------------------

  @State(Scope.Benchmark)
  public static class HeadroomTokenBucketRegistry {
    LimiterRegistry registry;

    @Setup(Level.Trial)
    public void setup(Config c, KeySpace k) {
      registry = registry(c, k, false);
    }
  }

  @State(Scope.Benchmark)
  public static class HeadroomTokenBucketCoarseRegistry {
    CoarseClock clock;
    LimiterRegistry registry;

    @Setup(Level.Trial)
    public void setup(Config c, KeySpace k) {
      clock = Contenders.coarseClock();
      registry = registry(c, k, false, clock);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      clock.close();
    }
  }

  @State(Scope.Benchmark)
  public static class HeadroomGcraRegistry {
    LimiterRegistry registry;

    @Setup(Level.Trial)
    public void setup(Config c, KeySpace k) {
      registry = registry(c, k, true);
    }
  }

  static LimiterRegistry registry(Config c, KeySpace k, boolean gcra) {
    return registry(c, k, gcra, Contenders.clock());
  }

  static LimiterRegistry registry(Config c, KeySpace k, boolean gcra, Clock clock) {
    LimiterRegistry registry = LimiterRegistry.builder(Contenders.headroom(c.get(), gcra))
        .clock(clock)
        .maxKeys(Math.max(k.keys, 1_000_000))
        .build();
    for (String key : k.names) {
      registry.tryAcquire(key, 1);
    }
    if (registry.size() != k.keys) {
      throw new IllegalStateException("registry holds " + registry.size() + " keys, expected " + k.keys);
    }
    return registry;
  }

  @State(Scope.Benchmark)
  public static class Bucket4jMap {
    final ConcurrentHashMap<String, Bucket> map = new ConcurrentHashMap<>();

    @Setup(Level.Trial)
    public void setup(Config c, KeySpace k) {
      for (String key : k.names) {
        Bucket b = Contenders.bucket4j(c.get());
        b.tryConsume(1);
        map.put(key, b);
      }
    }
  }

  @State(Scope.Benchmark)
  public static class GuavaMap {
    final ConcurrentHashMap<String, RateLimiter> map = new ConcurrentHashMap<>();

    @Setup(Level.Trial)
    public void setup(Config c, KeySpace k) {
      for (String key : k.names) {
        RateLimiter r = Contenders.guava(c.get());
        r.tryAcquire();
        map.put(key, r);
      }
    }
  }

  @State(Scope.Benchmark)
  public static class Resilience4jMap {
    final ConcurrentHashMap<String, AtomicRateLimiter> map = new ConcurrentHashMap<>();

    @Setup(Level.Trial)
    public void setup(Config c, KeySpace k) {
      for (String key : k.names) {
        AtomicRateLimiter r = Contenders.resilience4j(c.get(), key);
        r.acquirePermission();
        map.put(key, r);
      }
    }
  }

  /** The floor for many keys: the map lookup, one read of the key's value and the clock read. */
  @State(Scope.Benchmark)
  public static class FloorMap {
    final ConcurrentHashMap<String, AtomicLong> map = new ConcurrentHashMap<>();

    @Setup(Level.Trial)
    public void setup(Config c, KeySpace k) {
      for (String key : k.names) {
        map.put(key, new AtomicLong());
      }
    }
  }

  @Benchmark
  public void floorKeyed(FloorMap s, KeySpace k, Cursor c, Admission a) {
    a.count(s.map.get(k.names[c.next(k.keys)]).get() <= System.nanoTime());
  }

  @Benchmark
  public void headroomTokenBucketKeyed(HeadroomTokenBucketRegistry s, KeySpace k, Cursor c, Admission a) {
    a.count(s.registry.tryAcquire(k.names[c.next(k.keys)], 1));
  }

  @Benchmark
  public void headroomTokenBucketCoarseKeyed(
      HeadroomTokenBucketCoarseRegistry s, KeySpace k, Cursor c, Admission a) {
    a.count(s.registry.tryAcquire(k.names[c.next(k.keys)], 1));
  }

  @Benchmark
  public void headroomGcraKeyed(HeadroomGcraRegistry s, KeySpace k, Cursor c, Admission a) {
    a.count(s.registry.tryAcquire(k.names[c.next(k.keys)], 1));
  }

  @Benchmark
  public Decision headroomDecideKeyed(HeadroomTokenBucketRegistry s, KeySpace k, Cursor c, Admission a) {
    Decision d = s.registry.decide(k.names[c.next(k.keys)], 1);
    a.count(d.allowed());
    return d;
  }

  @Benchmark
  public void bucket4jKeyed(Bucket4jMap s, KeySpace k, Cursor c, Admission a) {
    a.count(s.map.get(k.names[c.next(k.keys)]).tryConsume(1));
  }

  @Benchmark
  public void guavaKeyed(GuavaMap s, KeySpace k, Cursor c, Admission a) {
    a.count(s.map.get(k.names[c.next(k.keys)]).tryAcquire());
  }

  @Benchmark
  public void resilience4jKeyed(Resilience4jMap s, KeySpace k, Cursor c, Admission a) {
    a.count(s.map.get(k.names[c.next(k.keys)]).acquirePermission());
  }
}
