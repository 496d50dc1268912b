package dev.headroom.bench.limiter;

import com.google.common.util.concurrent.RateLimiter;
import dev.headroom.engine.limiter.LimiterRegistry;
import io.github.bucket4j.Bucket;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.openjdk.jol.info.GraphStats;

/**
 * Bytes per idle key, measured in a JVM of its own ({@link FootprintProbe} starts it): builds each
 * keyed structure with {@code n} keys, each touched once so that it is resident, and takes the
 * retained size of the whole object graph with JOL ({@link GraphStats}, the lighter twin of
 * {@code GraphLayout}: the same walk and sizes, deterministic, no GC noise). Per key = (size with n
 * keys - size of the same structure empty) / n, so shared parts (the template, the clock) are not
 * counted and the map's table is.
 *
 * <p>Prints {@code keys BYTES} (one key String with its array, included in every figure), one line
 * per structure, {@code footprint ID BYTES_PER_KEY KEYS TOTAL EMPTY OBJECTS}, and
 * {@code compact-headers true|false}.
 */
public final class KeyFootprint {

  static final String PREFIX = "footprint ";

  private KeyFootprint() {}

  /** Arguments: keys in Headroom's registry, keys in each rival's map (fewer: their graphs are large). */
  public static void main(String[] args) {
    int n = Integer.parseInt(args[0]);
    int rivalKeys = Integer.parseInt(args[1]);
    Regime regime = Regime.LIMIT; // a touched key is not at rest for a tenth of a second, like a real one
    String[] keys = Contenders.keys(Math.max(n, rivalKeys));
    // Every key has the same shape (12 Latin-1 characters), so one stands for all.
    System.out.println("keys " + GraphStats.parseInstance(keys[0]).totalSize());

    measure("headroom-registry", n, () -> registry(regime, keys, 0), () -> registry(regime, keys, n));
    String[] some = Arrays.copyOf(keys, rivalKeys);
    measure("bucket4j-map", rivalKeys, ConcurrentHashMap::new, () -> {
      ConcurrentHashMap<String, Bucket> map = new ConcurrentHashMap<>();
      for (String key : some) {
        Bucket b = Contenders.bucket4j(regime);
        b.tryConsume(1);
        map.put(key, b);
      }
      return map;
    });
    measure("guava-map", rivalKeys, ConcurrentHashMap::new, () -> {
      ConcurrentHashMap<String, RateLimiter> map = new ConcurrentHashMap<>();
      for (String key : some) {
        RateLimiter r = Contenders.guava(regime);
        r.tryAcquire();
        map.put(key, r);
      }
      return map;
    });
    measure("resilience4j-map", rivalKeys, ConcurrentHashMap::new, () -> {
      ConcurrentHashMap<String, AtomicRateLimiter> map = new ConcurrentHashMap<>();
      for (String key : some) {
        AtomicRateLimiter r = Contenders.resilience4j(regime, key);
        r.acquirePermission();
        map.put(key, r);
      }
      return map;
    });
    System.out.println("compact-headers " + compactHeaders());
  }

  /** A registry of the first {@code n} keys, each touched once; {@code maxKeys} is the full count. */
  private static LimiterRegistry registry(Regime regime, String[] keys, int n) {
    LimiterRegistry registry = LimiterRegistry.builder(Contenders.tokenBucket(regime))
        .clock(Contenders.clock())
        .maxKeys(Math.max(1, keys.length))
        .build();
    for (int i = 0; i < n; i++) {
      registry.tryAcquire(keys[i], 1);
    }
    if (registry.size() != n) {
      throw new IllegalStateException("registry holds " + registry.size() + " keys, expected " + n);
    }
    return registry;
  }

  private static void measure(String id, int n, Supplier<Object> empty, Supplier<Object> full) {
    long emptySize = GraphStats.parseInstance(empty.get()).totalSize();
    Object structure = full.get();
    GraphStats layout = GraphStats.parseInstance(structure);
    long total = layout.totalSize();
    System.out.printf(Locale.ROOT, "%s%s %.2f %d %d %d %d%n",
        PREFIX, id, (total - emptySize) / (double) n, n, total, emptySize, layout.totalCount());
    System.out.flush();
  }

  /** Whether this JVM runs with compact (8-byte) object headers. */
  static boolean compactHeaders() {
    try {
      var bean = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
      return Boolean.parseBoolean(bean.getVMOption("UseCompactObjectHeaders").getValue());
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      return false; // a VM without the option has none
    }
  }
}
