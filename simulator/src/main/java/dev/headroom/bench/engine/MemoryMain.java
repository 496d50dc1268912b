/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.bench.engine;

import dev.headroom.engine.config.RequestView;
import dev.headroom.engine.service.CheckResult;
import dev.headroom.engine.service.Engine;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import javax.management.ObjectName;

/**
 * Entry point of the memory JVM: {@code MemoryMain KEYS}. Starts the engine on
 * {@link BenchConfigs#resident()}, measures the heap after a full GC, checks KEYS distinct keys once
 * each through {@link Engine#check} (the call the decision API makes after parsing, here without
 * HTTP so that only resident state is left), measures again, and prints the figures and the class
 * histogram for {@link MemoryProbe} to read:
 *
 * <pre>
 * keys N / resident N / heap_before BYTES / heap_after BYTES / histogram_before BYTES / histogram_after BYTES
 * class INSTANCES BYTES NAME   (the largest classes after, one line each)
 * </pre>
 */
public final class MemoryMain {

  /** Keys are 12 characters, as in the limiter benchmark's footprint ("key-00000001"). */
  static String key(int i) {
    return String.format(Locale.ROOT, "key-%08d", i);
  }


  private MemoryMain() {}

  public static void main(String[] args) {
    try {
      measure(Integer.parseInt(args[0]));
    } catch (Exception | OutOfMemoryError e) {
      e.printStackTrace();
      System.exit(1); // the engine's threads must not keep a failed probe alive
    }
    System.out.flush();
    System.exit(0);
  }

  private static void measure(int keys) throws Exception {
    // Never closed: closing flushes the telemetry cells into the embedded in-memory history, which
    // allocates a ring of retention / interval slots per key, far beyond any heap for a million keys.
    // The JVM exits right after printing instead.
    Engine engine = Engine.start(BenchConfigs.parse(BenchConfigs.resident(), "bench-resident.yaml"));
    // Each caller key string is garbage after its check; what stays is the engine's own: the
    // registry's bucket key ("bench|key-...") and state, and the telemetry cell of that key.
    long heapBefore = settledHeap();
    Histogram before = Histogram.take();
    for (int i = 0; i < keys; i++) {
      CheckResult r = engine.check(RequestView.keyOnly(key(i)), 1);
      if (!r.allowed() || !r.matched()) {
        throw new IllegalStateException("key " + key(i) + " was not admitted by limit " + BenchConfigs.LIMIT + ": " + r);
      }
    }
    long heapAfter = settledHeap();
    Histogram after = Histogram.take();
    int resident = engine.limits().stream().filter(l -> l.name().equals(BenchConfigs.LIMIT))
        .mapToInt(Engine.LimitStatus::keys).sum();
    System.out.println("keys " + keys);
    System.out.println("resident " + resident);
    System.out.println("heap_before " + heapBefore);
    System.out.println("heap_after " + heapAfter);
    System.out.println("histogram_before " + before.totalBytes());
    System.out.println("histogram_after " + after.totalBytes());
    for (Histogram.Entry e : after.growthOver(before, 10)) {
      System.out.println("class " + e.instances() + " " + e.bytes() + " " + e.name());
    }
  }

  /** Used heap after full collections, the lowest of a few (a concurrent allocation can add a little). */
  private static long settledHeap() throws InterruptedException {
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
      least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return least;
  }

  /** The JVM's class histogram ({@code jcmd GC.class_histogram}, asked of this JVM itself; it collects first). */
  record Histogram(java.util.Map<String, Entry> entries, long totalBytes) {

    record Entry(String name, long instances, long bytes) {}

    static Histogram take() throws Exception {
      String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
          new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
          new Object[] {new String[0]}, new String[] {String[].class.getName()});
      return parse(text);
    }

    static Histogram parse(String text) {
      java.util.Map<String, Entry> entries = new java.util.HashMap<>();
      long total = -1;
      for (String line : text.split("\n")) {
        String[] f = line.trim().split("\\s+");
        if (f.length >= 4 && f[0].endsWith(":")) {
          entries.put(f[3], new Entry(f[3], Long.parseLong(f[1]), Long.parseLong(f[2])));
        } else if (f.length >= 3 && f[0].equals("Total")) {
          total = Long.parseLong(f[2]);
        }
      }
      if (total < 0 || entries.isEmpty()) {
        throw new IllegalStateException("unreadable class histogram:\n" + text);
      }
      return new Histogram(entries, total);
    }

    /** The {@code n} classes that grew most in bytes since {@code before}, with their growth. */
    java.util.List<Entry> growthOver(Histogram before, int n) {
      return entries.values().stream()
          .map(e -> {
            Entry b = before.entries().get(e.name());
            return b == null ? e : new Entry(e.name(), e.instances() - b.instances(), e.bytes() - b.bytes());
          })
          .sorted(java.util.Comparator.comparingLong(Entry::bytes).reversed())
          .limit(n)
          .toList();
    }
  }
}
