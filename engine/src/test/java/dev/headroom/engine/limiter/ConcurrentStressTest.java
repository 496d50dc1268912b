package dev.headroom.engine.limiter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.engine.clock.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many threads on the real clock never over-admit: not under contention, not while the rate changes
 * underneath them, not while keys are being evicted. Counts are checked, not timings.
 */
@Timeout(60)
class ConcurrentStressTest {

  private static final int THREADS = 4;
  private static final long RUN_NANOS = 400_000_000L;

  /** Runs {@code body} on THREADS threads for RUN_NANOS; returns the elapsed nanoseconds. */
  private static long hammer(Runnable body) throws InterruptedException {
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      Thread t = Thread.ofPlatform().start(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        while (!stop.get()) {
          body.run();
        }
      });
      threads.add(t);
    }
    long t0 = System.nanoTime();
    start.countDown();
    Thread.sleep(RUN_NANOS / 1_000_000);
    stop.set(true);
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(10));
    }
    return System.nanoTime() - t0;
  }

  @Test
  void tokenBucketNeverOverAdmitsUnderContention() throws InterruptedException {
    long burst = 1000;
    double perSecond = 50_000;
    long createdAt = System.nanoTime();
    PackedLimiter bucket = TokenBucket.of(Rate.perSecond(perSecond), burst).limiter(Clock.system());
    LongAdder admitted = new LongAdder();
    LongAdder tried = new LongAdder();
    hammer(() -> {
      tried.increment();
      if (bucket.tryAcquire(1)) {
        admitted.increment();
      }
    });
    double bound = burst + perSecond * (System.nanoTime() - createdAt) / 1e9;
    assertTrue(admitted.sum() <= bound, admitted.sum() + " admitted > bound " + bound);
    // A sanity floor, not a throughput target: on a loaded 2-core machine the hammering threads can be
    // descheduled for most of the window, and a bucket earns nothing for time nobody asked.
    assertTrue(admitted.sum() > bound * 0.1, "suspiciously few admitted: " + admitted.sum() + " of " + tried.sum());
  }

  @Test
  void rateChangesUnderLoadNeverOverAdmit() throws InterruptedException {
    long burst = 500;
    double high = 40_000;
    long createdAt = System.nanoTime();
    PackedLimiter bucket = TokenBucket.of(Rate.perSecond(high), burst).limiter(Clock.system());
    LongAdder admitted = new LongAdder();
    AtomicInteger changes = new AtomicInteger();
    hammer(() -> {
      if (bucket.tryAcquire(1)) {
        admitted.increment();
      }
      if (ThreadLocalRandom.current().nextLong(Long.MAX_VALUE) % 64 == 0) {
        int n = changes.incrementAndGet();
        // PROPORTIONAL with an unchanged burst keeps tokens; the rate never exceeds `high`.
        bucket.setRate(Rate.perSecond(n % 2 == 0 ? high : high / 4));
      }
    });
    double bound = burst + high * (System.nanoTime() - createdAt) / 1e9;
    assertTrue(changes.get() > 100, "too few rate changes to mean anything: " + changes.get());
    assertTrue(admitted.sum() <= bound, admitted.sum() + " admitted > bound " + bound);
  }

  @Test
  void evictionRacingRequestsLosesNoConsumption() throws InterruptedException {
    // Slow refill: every key's admissions must stay within burst + rate x elapsed even though an
    // evictor keeps retiring keys whose buckets are full, concurrently with the requests.
    long burst = 20;
    double perSecond = 100;
    int keyCount = 8;
    long createdAt = System.nanoTime();
    LimiterRegistry registry = LimiterRegistry.builder(TokenBucket.of(Rate.perSecond(perSecond), burst))
        .clock(Clock.system()).maxKeys(1000).build();
    LongAdder[] admitted = new LongAdder[keyCount];
    for (int i = 0; i < keyCount; i++) {
      admitted[i] = new LongAdder();
    }
    LongAdder evictions = new LongAdder();
    hammer(() -> {
      long r = ThreadLocalRandom.current().nextLong(Long.MAX_VALUE);
      if (r % 5 == 0) {
        evictions.add(registry.evictIdle());
        return;
      }
      int k = (int) ((r >>> 8) % keyCount);
      if (registry.tryAcquire("key-" + k, 1)) {
        admitted[k].increment();
      }
    });
    double bound = burst + perSecond * (System.nanoTime() - createdAt) / 1e9;
    for (int i = 0; i < keyCount; i++) {
      assertTrue(admitted[i].sum() <= bound, "key-" + i + ": " + admitted[i].sum() + " > " + bound);
    }
  }

  @Test
  void concurrencyLimitNeverExceedsItsMax() throws InterruptedException {
    PackedLimiter limit = ConcurrencyLimit.of(3).limiter(Clock.system());
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger worst = new AtomicInteger();
    hammer(() -> {
      if (limit.tryAcquire(1)) {
        int now = inFlight.incrementAndGet();
        worst.accumulateAndGet(now, Math::max);
        inFlight.decrementAndGet();
        limit.release(1);
      }
    });
    assertTrue(worst.get() <= 3, "in flight reached " + worst.get());
    assertTrue(limit.peek(3).allowed(), "everything released, so all 3 are free again");
  }
}
