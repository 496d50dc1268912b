package dev.headroom.engine.service;

import dev.headroom.engine.config.ConfigLoader;
import dev.headroom.engine.config.HeadroomConfig;
import dev.headroom.engine.config.RequestView;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load of {@link RandomKeySoakIT}, run as {@code main(DIR)} in a JVM of its own. Prints one line
 * per fact for the test to judge: {@code sample SECONDS HEAP_BYTES} (used heap after GC),
 * {@code http REQUESTS HEAP_BEFORE HEAP_AFTER}, or {@code skip REASON}; other lines are progress.
 *
 * <p>Time is compressed in the configuration only: the default file with a 5 s policy refresh
 * instead of 1 min, so that a few minutes see many policy rounds. (The telemetry interval stays
 * 10 s: the in-memory history holds two days of intervals for its first 256 keys, so a shorter
 * interval would make that history, not the keys, the heap.) The warm-up lasts until more keys than
 * the engine keeps per limit ({@link dev.headroom.engine.config.LimitConfig.DEFAULT_MAX_KEYS}) have been checked, so that every
 * structure bounded by that limit is full before sampling starts: growth after that is a leak.
 */
final class SoakLoad {

  private static final long WARMUP_MIN_SECONDS = 60;
  private static final long WARMUP_MAX_SECONDS = 150;
  private static final long WARMUP_KEYS = dev.headroom.engine.config.LimitConfig.DEFAULT_MAX_KEYS + dev.headroom.engine.config.LimitConfig.DEFAULT_MAX_KEYS / 4;
  /** Samples start on a fixed schedule (a full GC can take seconds on a busy 2-core machine). */
  private static final long SAMPLE_EVERY_SECONDS = 10;
  private static final long HTTP_SECONDS = 15;
  private static final String TOKEN = "soak-admin-token-0123456789abcdef";

  private SoakLoad() {}

  public static void main(String[] args) throws Exception {
    try {
      run(Path.of(args[0]));
    } catch (Throwable e) {
      e.printStackTrace(System.out);
      System.out.flush();
      System.exit(1);
    }
    System.out.flush();
    System.exit(0); // no engine thread may keep this JVM alive
  }

  private static void run(Path dir) throws Exception {
    HeadroomConfig config = new ConfigLoader(name -> null, () -> TOKEN).parse(compressedDefault(dir), "soak-default.yaml");
    if (!flood(config)) {
      return;
    }
    long before = heapAfterGc();
    int requests = 0;
    try (HeadroomServer server = HeadroomServer.start(config, Optional.empty(), 1,
        new PrintStream(PrintStream.nullOutputStream()), null)) {
      Http http = new Http(server.port(), TOKEN);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HTTP_SECONDS);
      while (System.nanoTime() < deadline) {
        HttpResponse<String> r = http.post("/v1/check",
            "{\"key\":\"" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + "\"}");
        if (r.statusCode() != 200 || !r.body().startsWith("{\"allowed\":true")) {
          throw new AssertionError("a one-shot key over HTTP got " + r.statusCode() + " " + r.body());
        }
        requests++;
      }
    }
    System.out.println("http " + requests + " " + before + " " + heapAfterGc());
  }

  /** Random keys from two threads through {@link Engine#check}; false when the warm-up was too slow. */
  private static boolean flood(HeadroomConfig config) throws Exception {
    LongAdder checks = new LongAdder();
    long started = System.nanoTime();
    try (Engine engine = Engine.start(config)) {
      AtomicBoolean stop = new AtomicBoolean();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      List<Thread> load = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        load.add(Thread.ofPlatform().name("soak-load-" + t).start(() -> {
          try {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (!stop.get()) {
              CheckResult r = engine.check(RequestView.keyOnly(Long.toHexString(random.nextLong())), 1);
              if (!r.matched()) {
                throw new AssertionError("a random key matched no limit: " + r);
              }
              checks.increment();
            }
          } catch (Throwable e) {
            failure.compareAndSet(null, e);
          }
        }));
      }
      try {
        long warmupEnd = started + TimeUnit.SECONDS.toNanos(WARMUP_MAX_SECONDS);
        Thread.sleep(TimeUnit.SECONDS.toMillis(WARMUP_MIN_SECONDS));
        while (checks.sum() < WARMUP_KEYS && System.nanoTime() < warmupEnd && failure.get() == null) {
          Thread.sleep(500);
        }
        System.out.printf(Locale.ROOT, "warm-up %d s, %,d checks%n", seconds(started), checks.sum());
        if (checks.sum() < WARMUP_KEYS) {
          // Growth up to the key limit would look like a leak: say so rather than judge.
          System.out.println("skip only " + checks.sum() + " checks in " + WARMUP_MAX_SECONDS
              + " s, fewer than the " + WARMUP_KEYS + " needed to fill the engine's key limit first");
          return false;
        }
        long firstSample = System.nanoTime();
        for (int i = 0; i < RandomKeySoakIT.SAMPLES && failure.get() == null; i++) {
          long slot = firstSample + TimeUnit.SECONDS.toNanos(i * SAMPLE_EVERY_SECONDS);
          Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(slot - System.nanoTime())));
          long heap = heapAfterGc();
          System.out.printf(Locale.ROOT, "sample %.1f %d%n", (System.nanoTime() - started) / 1e9, heap);
          System.out.printf(Locale.ROOT, "%d s, %,d checks, heap after GC %.0f MB%n", seconds(started), checks.sum(),
              heap / 1e6);
          if (heap > RandomKeySoakIT.HEAP_ABORT_BYTES) {
            break;
          }
        }
      } finally {
        stop.set(true);
        for (Thread t : load) {
          t.join();
        }
      }
      if (failure.get() != null) {
        throw new AssertionError("a load thread failed", failure.get());
      }
    }
    System.out.printf(Locale.ROOT, "%,d one-shot keys in %d s (%,.0f/s)%n", checks.sum(), seconds(started),
        checks.sum() / ((System.nanoTime() - started) / 1e9));
    return true;
  }

  private static long seconds(long started) {
    return (System.nanoTime() - started) / 1_000_000_000L;
  }

  /** The embedded default configuration with its policy refresh sped up and its files in {@code dir}. */
  static String compressedDefault(Path dir) throws IOException {
    String yaml;
    try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(ConfigLoader.DEFAULT_RESOURCE)) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    yaml = replaceOnce(yaml, "port: 8080", "port: 0");
    yaml = replaceOnce(yaml, "spoolPath: data/telemetry-spool.lp", "spoolPath: " + dir.resolve("spool.lp"));
    yaml = replaceOnce(yaml, "refresh: 1m", "refresh: 5s");
    return replaceOnce(yaml, "maxAge: 5m", "maxAge: 25s");
  }

  private static String replaceOnce(String text, String from, String to) {
    int at = text.indexOf(from);
    if (at < 0 || text.indexOf(from, at + 1) >= 0) {
      throw new IllegalStateException("the default configuration no longer has exactly one '" + from
          + "'; update this test's compression of it");
    }
    return text.replace(from, to);
  }

  /** Used heap after full collections, the lowest of three (the load threads keep allocating). */
  private static long heapAfterGc() throws InterruptedException {
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
      least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return least;
  }

}
