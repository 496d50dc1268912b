package dev.headroom.bench.policy;

import dev.headroom.bench.BenchReport;
import dev.headroom.bench.BenchRow;
import dev.headroom.bench.Better;
import dev.headroom.bench.Table;
import dev.headroom.engine.clock.ManualClock;
import dev.headroom.engine.config.ConfigLoader;
import dev.headroom.engine.config.HeadroomConfig;
import dev.headroom.engine.config.PolicyConfig;
import dev.headroom.engine.service.OfflineLoop;
import dev.headroom.engine.service.PolicyLoop;
import dev.headroom.engine.telemetry.IntervalSnapshot;
import dev.headroom.engine.telemetry.KeyInterval;
import dev.headroom.forecaster.history.TelemetryPoint;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code headroom bench policy}: the service's limits and policy loop ({@link OfflineLoop}, the loop
 * {@code headroom serve} runs, without HTTP or threads) on a manual clock, with many active keys of
 * one predictive limit. Every tick feeds every key's interval and runs the loop; the busiest keys
 * have models of their own (refitted once per refit period, spread over it), the tail follows its
 * share of the limit's total. After a warm-up (the first fits, then one whole refit period), one
 * refit period is measured: the loop thread's CPU time over the period's length is the share of a
 * core it needs (the target: at most one of two cores), plus the time per tick, the fits
 * done, and the heap the loop's state holds.
 */
public final class PolicyBench {

  public static final String NAME = "policy";
  static final String LIMIT = "bench";
  /** Refreshes per refit period: the service's loop refits each model every 15 refreshes. */
  static final int TICKS_PER_PERIOD = 15;

  /**
   * @param keys       active keys, every one with traffic at every tick
   * @param models     keys with a model of their own (the policy's {@code models})
   * @param refresh    the policy's refresh (one tick)
   * @param history    history each fit reads (the policy's {@code history})
   * @param perKey     mean demand per key per second (the busiest key sends far more, the tail less)
   */
  public record Options(int keys, int models, Duration refresh, Duration history, double perKey, boolean quick,
      Path resultsDir) {

    public Options {
      if (keys < 1) {
        throw new IllegalArgumentException("--keys must be at least 1, got " + keys);
      }
      if (models < 0) {
        throw new IllegalArgumentException("--models must not be negative, got " + models);
      }
      if (refresh.isNegative() || refresh.isZero() || refresh.toMillis() % 1000 != 0) {
        throw new IllegalArgumentException("--refresh must be a positive whole number of seconds, got " + refresh);
      }
      if (history.compareTo(Duration.ofHours(1)) < 0) {
        throw new IllegalArgumentException("--history must be at least 1h, got " + history);
      }
    }

    /** The full run: the 100,000 keys, the default 1,000 models, a 1-minute refresh, 7 days' history. */
    public static Options full(Path resultsDir) {
      return new Options(100_000, PolicyConfig.DEFAULT_MODELS, Duration.ofMinutes(1), Duration.ofDays(7), 0.5, false,
          resultsDir);
    }

    /** A smoke run: 5,000 keys, 100 models, 2 days' history. */
    public static Options quick(Path resultsDir) {
      return new Options(5_000, 100, Duration.ofMinutes(1), Duration.ofDays(2), 0.5, true, resultsDir);
    }

    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("mode", quick ? "quick" : "full");
      m.put("keys", keys);
      m.put("models", models);
      m.put("refresh_s", refresh.toSeconds());
      m.put("refit_period_s", refresh.toSeconds() * TICKS_PER_PERIOD);
      m.put("history_h", history.toHours());
      m.put("mean_per_key_per_s", perKey);
      return m;
    }
  }

  /** What one run measured. */
  record Measured(int keys, int models, long periodMillis, long cpuNanos, double[] tickMillis, long fits,
      long heapBytes, long bucketBytes, int modelledKeys, int trackedKeys, double warmupMaxTickMillis,
      long warmupFits, long gcMillis) {}

  private PolicyBench() {}

  /** Runs the benchmark, prints its table and writes the report; returns the exit code. */
  public static int run(Options options, PrintStream out, PrintStream err) throws IOException {
    Instant started = Instant.now();
    Measured m = measure(options, err);
    List<BenchRow> rows = rows(m, options);
    Map<String, Object> settings = new LinkedHashMap<>(options.toJson());
    settings.put("jvm_args", BenchReport.jvmFlags());
    settings.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1 << 20));
    settings.put("duration_s", Duration.between(started, Instant.now()).toSeconds());
    Path file = new BenchReport(NAME, started, BenchReport.Machine.current(), settings, rows)
        .writeTo(options.resultsDir());
    out.println();
    out.print(table(rows).render());
    long hits = rows.stream().filter(r -> Boolean.TRUE.equals(r.meetsTarget())).count();
    long misses = rows.stream().filter(r -> Boolean.FALSE.equals(r.meetsTarget())).count();
    out.printf(Locale.ROOT, "%ntargets met: %d of %d. Report: %s%n", hits, hits + misses, file);
    return 0;
  }

  static String yaml(Options o) {
    return """
        server: {host: 127.0.0.1, port: 0}
        limits:
          - name: %s
            match: {key: [apiKey]}
            algorithm: {type: token-bucket, rate: 10/s, burst: 20}
            policy:
              type: predictive
              refresh: %ds
              history: %dm
              models: %d
              trackedKeys: %d
        """.formatted(LIMIT, o.refresh().toSeconds(), o.history().toMinutes(), o.models(),
        Math.max(o.keys(), PolicyConfig.DEFAULT_TRACKED_KEYS));
  }

  static Measured measure(Options o, PrintStream err) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    if (!threads.isCurrentThreadCpuTimeSupported()) {
      throw new IllegalStateException("this JVM cannot measure a thread's CPU time");
    }
    threads.setThreadCpuTimeEnabled(true);
    HeadroomConfig config = new ConfigLoader().parse(yaml(o), "bench-policy.yaml");
    SyntheticTraffic traffic = new SyntheticTraffic(LIMIT, o.keys(), o.perKey() * o.keys());
    String[] names = new String[o.keys()];
    for (int r = 1; r <= o.keys(); r++) {
      names[r - 1] = traffic.key(r);
    }
    long refresh = o.refresh().toMillis();
    // Whole days since the epoch, so the daily cycle starts at midnight.
    ManualClock clock = ManualClock.at(Instant.parse("2026-03-02T00:00:00Z"));

    long baseline = heapAfterGc();
    OfflineLoop loop = new OfflineLoop(config, clock, traffic);
    for (String k : names) {
      loop.check(k, 1); // resident, as keys with traffic are: the loop then sets their rates
    }
    long buckets = heapAfterGc() - baseline;

    // Warm-up: the keys earn their models (KeyHierarchy.TICKS_BEFORE_MODEL ticks) and are first
    // fitted all in one tick, then one whole refit period so every model has refitted on its phase.
    int warmup = dev.headroom.engine.policy.KeyHierarchy.TICKS_BEFORE_MODEL + TICKS_PER_PERIOD;
    double warmupMax = 0;
    err.printf(Locale.ROOT, "bench policy: %,d keys, %,d models; warming up (%d ticks, the first fits) ...%n",
        o.keys(), o.models(), warmup);
    for (int t = 0; t < warmup; t++) {
      IntervalSnapshot s = snapshot(traffic, names, clock, refresh);
      long w0 = System.nanoTime();
      loop.onInterval(s);
      loop.tick();
      warmupMax = Math.max(warmupMax, (System.nanoTime() - w0) / 1e6);
    }
    long warmupFits = loop.fits();
    err.printf(Locale.ROOT, "bench policy: measuring one refit period (%d ticks) ...%n", TICKS_PER_PERIOD);
    double[] tickMillis = new double[TICKS_PER_PERIOD];
    long cpu = 0;
    long fitsBefore = loop.fits();
    long gcBefore = gcMillis();
    for (int t = 0; t < TICKS_PER_PERIOD; t++) {
      IntervalSnapshot s = snapshot(traffic, names, clock, refresh);
      long c0 = threads.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      loop.onInterval(s);
      loop.tick();
      tickMillis[t] = (System.nanoTime() - w0) / 1e6;
      cpu += threads.getCurrentThreadCpuTime() - c0;
    }
    long fits = loop.fits() - fitsBefore;
    long gc = gcMillis() - gcBefore;
    PolicyLoop.LimitSummary summary = loop.summary(LIMIT);
    long heap = heapAfterGc() - baseline;
    java.lang.ref.Reference.reachabilityFence(loop);
    return new Measured(o.keys(), o.models(), refresh * TICKS_PER_PERIOD, cpu, tickMillis, fits, heap, buckets,
        summary.modelledKeys(), summary.trackedKeys(), warmupMax, warmupFits, gc);
  }

  /**
   * Advances the clock by one refresh and returns the interval that just closed, every key in it:
   * what the service's telemetry hands its loop once per interval.
   */
  private static IntervalSnapshot snapshot(SyntheticTraffic traffic, String[] names, ManualClock clock,
      long refresh) {
    long start = clock.nanos() / 1_000_000L;
    List<KeyInterval> keys = new ArrayList<>(names.length);
    for (int r = 1; r <= names.length; r++) {
      long n = traffic.requests(r, start, refresh);
      keys.add(new KeyInterval(new TelemetryPoint(names[r - 1], start, n, n, 0, 0, 0), Double.NaN, Double.NaN));
    }
    clock.advance(Duration.ofMillis(refresh));
    return new IntervalSnapshot(start, refresh, keys);
  }

  private static long gcMillis() {
    long sum = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      sum += Math.max(0, gc.getCollectionTime());
    }
    return sum;
  }

  static List<BenchRow> rows(Measured m, Options o) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("keys", m.keys());
    params.put("models", m.models());
    params.put("refresh_s", o.refresh().toSeconds());
    params.put("refit_period_s", m.periodMillis() / 1000);
    double cpuSeconds = m.cpuNanos() / 1e9;
    double cores = cpuSeconds / (m.periodMillis() / 1000.0);
    double[] sorted = m.tickMillis().clone();
    Arrays.sort(sorted);
    double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    List<BenchRow> rows = new ArrayList<>();
    rows.add(BenchRow.builder("policy loop: cores used over one refit period").params(params).metric("cpu_share")
        .value(cores, "cores").target(1.0, Better.LOWER)
        .note("the loop thread's CPU time over the period (" + TICKS_PER_PERIOD + " ticks: every key's interval fed, "
            + "every key decided, the modelled keys refitted once) divided by the period's length")
        .extra("cpu_seconds", round(cpuSeconds, 3)).build());
    rows.add(BenchRow.builder("policy loop: CPU per refit period").params(params).metric("cpu_time")
        .value(round(cpuSeconds, 3), "s").build());
    rows.add(BenchRow.builder("policy loop: time per tick, median").params(params).metric("tick_time")
        .value(round(median, 1), "ms").note("wall time of feeding one interval and one tick").build());
    rows.add(BenchRow.builder("policy loop: time per tick, max").params(params).metric("tick_time")
        .value(round(sorted[sorted.length - 1], 1), "ms").build());
    rows.add(BenchRow.builder("policy loop: fits in the refit period").params(params).metric("fits")
        .value((double) m.fits(), "fits").note("models fitted or refitted (the modelled keys and the limit's total)")
        .build());
    rows.add(BenchRow.builder("policy loop: heap for the loop's state").params(params).metric("heap")
        .value(round(m.heapBytes() / 1048576.0, 1), "MB")
        .note("used heap after GC, less a baseline before the loop was built: the limiter's resident buckets, "
            + "each key's policy state and hierarchy entry, the models")
        .build());
    rows.add(BenchRow.builder("of which the resident buckets").params(params).metric("heap")
        .value(round(m.bucketBytes() / 1048576.0, 1), "MB").note("after one request per key, before any tick").build());
    rows.add(BenchRow.builder("policy loop: keys with a model of their own").params(params).metric("keys")
        .value((double) m.modelledKeys(), "keys").build());
    rows.add(BenchRow.builder("policy loop: keys with policy state").params(params).metric("keys")
        .value((double) m.trackedKeys(), "keys").build());
    rows.add(BenchRow.builder("warm-up: slowest tick (first fits of every model)").params(params).metric("tick_time")
        .value(round(m.warmupMaxTickMillis(), 1), "ms")
        .note(m.warmupFits() + " fits in the warm-up; the keys earn models together, so their first fits land in "
            + "one tick; refits are spread over the period after that")
        .build());
    rows.add(BenchRow.builder("GC time during the refit period").params(params).metric("gc_time")
        .value((double) m.gcMillis(), "ms").note("collector time, not in the loop thread's CPU time").build());
    return rows;
  }

  private static double round(double v, int decimals) {
    double f = Math.pow(10, decimals);
    return Math.round(v * f) / f;
  }

  static Table table(List<BenchRow> rows) {
    Table t = new Table().column("row", Table.Align.LEFT).column("value", Table.Align.RIGHT)
        .column("target", Table.Align.LEFT).column("met", Table.Align.LEFT);
    for (BenchRow r : rows) {
      Boolean met = r.meetsTarget();
      t.row(r.name(), r.value() == null ? "n/a" : String.format(Locale.ROOT, "%,.3f %s", r.value(), r.unit()),
          r.target() == null ? "-" : "<= " + r.target() + " " + r.unit(), met == null ? "-" : met ? "yes" : "NO");
    }
    return t;
  }

  private static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
