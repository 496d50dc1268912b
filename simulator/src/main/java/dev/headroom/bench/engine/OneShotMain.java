/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.bench.engine;

import dev.headroom.engine.config.ConfigLoader;
import dev.headroom.engine.config.RequestView;
import dev.headroom.engine.service.CheckResult;
import dev.headroom.engine.service.Engine;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Entry point of the one-shot JVM: {@code OneShotMain KEYS SETTLE_SECONDS}. Starts the engine on the
 * embedded default configuration (what {@code headroom serve} runs without a file), checks KEYS
 * distinct keys once each through {@link Engine#check}, then sends nothing for SETTLE_SECONDS while
 * the engine's own threads (telemetry, policy loop, eviction) run, and measures the heap after a full
 * GC. A flood of keys seen once (a scan, a client bug) must leave no lasting memory behind:
 *
 * <pre>
 * keys N / settle_s S / heap_before BYTES / heap_loaded BYTES / heap_settled BYTES
 * resident_loaded N / resident_settled N / histogram_settled BYTES
 * class INSTANCES BYTES NAME   (the classes that grew most from before to settled)
 * </pre>
 */
public final class OneShotMain {

  private OneShotMain() {}

  public static void main(String[] args) {
    try {
      measure(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
    } catch (Exception | OutOfMemoryError e) {
      e.printStackTrace();
      System.exit(1); // the engine's threads must not keep a failed probe alive
    }
    System.out.flush();
    System.exit(0);
  }

  private static void measure(int keys, int settleSeconds) throws Exception {
    Engine engine = Engine.start(new ConfigLoader(name -> null, () -> "one-shot-bench-admin-token-00000")
        .loadDefault());
    long heapBefore = settledHeap();
    MemoryMain.Histogram before = MemoryMain.Histogram.take();
    for (int i = 0; i < keys; i++) {
      CheckResult r = engine.check(RequestView.keyOnly(MemoryMain.key(i)), 1);
      if (!r.matched()) {
        throw new IllegalStateException("key " + MemoryMain.key(i) + " matched no limit of the default config: " + r);
      }
    }
    long heapLoaded = settledHeap();
    int residentLoaded = resident(engine);
    Thread.sleep(settleSeconds * 1000L);
    long heapSettled = settledHeap();
    int residentSettled = resident(engine);
    MemoryMain.Histogram after = MemoryMain.Histogram.take();
    System.out.println("keys " + keys);
    System.out.println("settle_s " + settleSeconds);
    System.out.println("heap_before " + heapBefore);
    System.out.println("heap_loaded " + heapLoaded);
    System.out.println("heap_settled " + heapSettled);
    System.out.println("resident_loaded " + residentLoaded);
    System.out.println("resident_settled " + residentSettled);
    System.out.println("histogram_settled " + after.totalBytes());
    for (MemoryMain.Histogram.Entry e : after.growthOver(before, 10)) {
      System.out.println("class " + e.instances() + " " + e.bytes() + " " + e.name());
    }
    System.out.printf(Locale.ROOT, "# heap %.1f -> %.1f -> %.1f MB%n", heapBefore / 1e6, heapLoaded / 1e6,
        heapSettled / 1e6);
  }

  private static int resident(Engine engine) {
    return engine.limits().stream().mapToInt(Engine.LimitStatus::keys).sum();
  }

  /** Used heap after full collections, the lowest of a few. */
  private static long settledHeap() throws InterruptedException {
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
      least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return least;
  }

}
