package dev.headroom.bench.limiter;

import dev.headroom.bench.BenchReport;
import dev.headroom.bench.BenchRow;
import dev.headroom.bench.JmhProgress;
import dev.headroom.bench.JmhSettings;
import dev.headroom.bench.limiter.Contender.Shape;
import dev.headroom.bench.limiter.LimiterRows.Cell;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * {@code headroom bench limiter}: Headroom's limiter core against Bucket4j, Guava, Resilience4j and
 * Sentinel, in one run, each benchmark in a forked JVM (JMH, driven through its API and read from
 * its {@link RunResult}s). Then the bytes per idle key, in two more JVMs (compact object headers
 * off and on). Prints tables and writes {@code bench-results/limiter.json}.
 */
public final class LimiterBench {

  public static final String NAME = "limiter";
  /** Name the footprint measurement answers to in {@code --filter}. */
  public static final String FOOTPRINT = "footprint";
  static final int KEYS = 100_000;
  static final int FOOTPRINT_KEYS = 1_000_000;
  /** Keys in each rival's map for the footprint: their graphs are 2-4x larger and JOL is slow. */
  static final int FOOTPRINT_RIVAL_KEYS = 100_000;
  /** Seconds a benchmark costs beyond its iterations (fork start-up, set-up), on a 2-core machine. */
  static final double FORK_SECONDS = 1.3;

  /**
   * @param forks JVMs per benchmark, null for the preset's one (more forks show bimodal results)
   * @param filter selects benchmarks by a find() on their JMH method names (headroomTokenBucketHot,
   *     bucket4jKeyed, headroomSetRate, ...) and "footprint"; null for everything
   */
  public record Options(
      boolean quick, Integer forks, Pattern filter, List<Regime> regimes, List<Integer> threads, Path resultsDir) {

    boolean selects(String name) {
      return filter == null || filter.matcher(name).find();
    }
  }

  private LimiterBench() {}

  /** Runs everything {@code options} select; returns the exit code (1 if a benchmark failed). */
  public static int run(Options options, PrintStream out) throws IOException, RunnerException {
    Instant started = Instant.now();
    JmhSettings main = options.quick() ? JmhSettings.quick() : JmhSettings.full();
    if (options.forks() != null) {
      main = main.withForks(options.forks());
    }
    JmhSettings check = main.shorter();

    List<Cell> plan = new ArrayList<>();
    for (Regime regime : options.regimes()) {
      for (int threads : options.threads()) {
        for (Shape shape : Shape.values()) {
          for (Contender c : Contender.values()) {
            if (c.runsIn(regime) && options.selects(c.benchmark(shape))) {
              plan.add(new Cell(c, shape, regime, threads, shape == Shape.HOT ? 1 : KEYS));
            }
          }
        }
      }
    }
    List<SetRateOp> setRatePlan = Stream.of(SetRateOp.values()).filter(op -> options.selects(op.benchmark())).toList();
    boolean footprint = options.selects(FOOTPRINT);
    if (plan.isEmpty() && setRatePlan.isEmpty() && !footprint) {
      out.println("bench limiter: --filter " + options.filter() + " selects nothing. Benchmarks: "
          + String.join(", ", allNames()));
      return 2;
    }

    double mainSeconds = main.secondsPerBenchmark() + main.forks() * FORK_SECONDS;
    double checkSeconds = check.secondsPerBenchmark() + check.forks() * FORK_SECONDS;
    long runnable = plan.stream().filter(c -> c.unsupported().isEmpty()).count();
    int total = (int) runnable + setRatePlan.size();
    double estimate = plan.stream().filter(c -> c.unsupported().isEmpty())
        .mapToDouble(c -> c.regime() == Regime.ALLOW ? mainSeconds : checkSeconds).sum()
        + setRatePlan.size() * checkSeconds
        + (footprint ? (options.quick() ? 20 : 70) : 0);
    out.printf(Locale.ROOT, "bench limiter (%s): %d JMH benchmarks + %s, about %.0f min%n",
        options.quick() ? "quick" : "full", total, footprint ? "footprint" : "no footprint", estimate / 60);

    Path sentinelLogs = Files.createTempDirectory("headroom-bench-sentinel");
    List<Measurement> measured = new ArrayList<>();
    List<SetRateOp.Latency> latencies = new ArrayList<>();
    List<String> forkFlags = List.of();
    int done = 0;
    try {
      for (Regime regime : options.regimes()) {
        for (int threads : options.threads()) {
          List<String> methods = plan.stream()
              .filter(c -> c.regime() == regime && c.threads() == threads && c.unsupported().isEmpty())
              .map(c -> c.contender().benchmark(c.shape()))
              .toList();
          if (methods.isEmpty()) {
            continue;
          }
          ChainedOptionsBuilder jmh = jmhOptions(LimiterThroughput.class, methods,
              regime == Regime.ALLOW ? main : check, sentinelLogs)
              .param("regime", regime.id())
              .threads(threads);
          JmhProgress progress = new JmhProgress(out, done, total);
          for (RunResult r : runJmh(jmh, progress)) {
            measured.add(throughput(r));
            forkFlags = r.getParams().getJvmArgs().stream().toList();
          }
          done = progress.done();
        }
      }
      if (!setRatePlan.isEmpty()) {
        ChainedOptionsBuilder jmh = jmhOptions(SetRateLatency.class,
            setRatePlan.stream().map(SetRateOp::benchmark).toList(), check, sentinelLogs).threads(1);
        JmhProgress progress = new JmhProgress(out, done, total);
        for (RunResult r : runJmh(jmh, progress)) {
          latencies.add(latency(r));
        }
      }
    } finally {
      deleteTree(sentinelLogs);
    }

    List<FootprintProbe.Result> footprints = new ArrayList<>();
    boolean launcherCompact = KeyFootprint.compactHeaders();
    int footprintKeys = options.quick() ? FOOTPRINT_RIVAL_KEYS : FOOTPRINT_KEYS;
    if (footprint) {
      for (boolean compact : new boolean[] {false, true}) {
        out.printf(Locale.ROOT, "footprint: registry of %,d keys, compact object headers %s ... ", footprintKeys,
            compact ? "on" : "off");
        out.flush();
        FootprintProbe.Result r = FootprintProbe.measure(compact, footprintKeys, FOOTPRINT_RIVAL_KEYS, 900);
        out.println(r.error() != null ? "failed: " + r.error()
            : r.structure(LimiterRows.HEADROOM_REGISTRY)
                .map(s -> String.format(Locale.ROOT, "%.1f bytes/key", s.bytesPerKey()))
                .orElse("no figure for the registry"));
        footprints.add(r);
      }
    }

    List<BenchRow> rows = new ArrayList<>();
    rows.addAll(LimiterRows.throughput(plan, measured));
    rows.addAll(LimiterRows.setRate(setRatePlan, latencies));
    rows.addAll(LimiterRows.footprint(footprints, footprintKeys, launcherCompact));

    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("mode", options.quick() ? "quick" : "full");
    settings.put("allow_regime", main.toJson());
    settings.put("limit_regime_and_setrate", check.toJson());
    settings.put("regimes", regimeJson());
    settings.put("fork_jvm_args", forkFlags);
    settings.put("launcher_compact_headers", launcherCompact);
    if (options.filter() != null) {
      settings.put("filter", options.filter().pattern());
    }
    settings.put("duration_s", Duration.between(started, Instant.now()).toSeconds());
    BenchReport report = new BenchReport(NAME, started, BenchReport.Machine.current(), settings, rows);
    Path file = report.writeTo(options.resultsDir());

    out.println();
    if (!plan.isEmpty()) {
      out.print(LimiterRows.throughputTable(plan, measured).render());
      out.println();
    }
    if (!setRatePlan.isEmpty()) {
      out.print(LimiterRows.setRateTable(setRatePlan, latencies).render());
      out.println();
    }
    if (!footprints.isEmpty()) {
      out.print(LimiterRows.footprintTable(footprints, footprintKeys).render());
      out.println();
    }
    long misses = rows.stream().filter(r -> Boolean.FALSE.equals(r.meetsTarget())).count();
    long hits = rows.stream().filter(r -> Boolean.TRUE.equals(r.meetsTarget())).count();
    out.printf(Locale.ROOT, "targets met: %d of %d. Report: %s%n", hits, hits + misses, file);

    boolean failed = measured.size() < runnable || latencies.size() < setRatePlan.size()
        || footprints.stream().anyMatch(f -> f.error() != null || f.structure(LimiterRows.HEADROOM_REGISTRY).isEmpty());
    if (failed) {
      out.println("some benchmarks failed; their rows have no value (see the output above)");
    }
    return failed ? 1 : 0;
  }

  /** Every name --filter can select. */
  public static List<String> allNames() {
    List<String> names = new ArrayList<>();
    for (Shape shape : Shape.values()) {
      for (Contender c : Contender.values()) {
        names.add(c.benchmark(shape));
      }
    }
    Stream.of(SetRateOp.values()).map(SetRateOp::benchmark).forEach(names::add);
    names.add(FOOTPRINT);
    return names;
  }

  private static Map<String, Object> regimeJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Regime r : Regime.values()) {
      Map<String, Object> regime = new LinkedHashMap<>();
      regime.put("rate_per_s", r.perSecond());
      regime.put("burst", r.burst());
      m.put(r.id(), regime);
    }
    return m;
  }

  /**
   * Runs JMH with its output through {@code progress}, and the forks' standard output and error too
   * (JMH copies those to System.out and System.err directly).
   */
  private static Collection<RunResult> runJmh(ChainedOptionsBuilder options, JmhProgress progress)
      throws RunnerException {
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    System.setOut(progress.forkStream());
    System.setErr(progress.forkStream());
    try {
      return new Runner(options.build(), progress).run();
    } finally {
      System.out.flush();
      System.err.flush();
      System.setOut(stdout);
      System.setErr(stderr);
    }
  }

  private static ChainedOptionsBuilder jmhOptions(
      Class<?> benchmarks, List<String> methods, JmhSettings settings, Path sentinelLogs) {
    ChainedOptionsBuilder b = new OptionsBuilder();
    for (String m : methods) {
      b.include("^" + Pattern.quote(benchmarks.getName() + "." + m) + "$");
    }
    return settings.applyTo(b)
        .shouldFailOnError(false)
        // The fork inherits this JVM's flags (the launcher's); Sentinel's logs (and those of its
        // EagleEye tracer) go to a temporary folder instead of ~/logs.
        .jvmArgsAppend("-Dcsp.sentinel.log.dir=" + sentinelLogs,
            "-DEAGLEEYE.LOG.PATH=" + sentinelLogs.resolve("eagleeye") + "/",
            // JMH's own harness reads fields through sun.misc.Unsafe: allowed, without a warning per fork.
            "--sun-misc-unsafe-memory-access=allow");
  }

  static Measurement throughput(RunResult r) {
    BenchmarkParams p = r.getParams();
    String method = p.getBenchmark().substring(p.getBenchmark().lastIndexOf('.') + 1);
    Shape shape = method.endsWith(Shape.KEYED.suffix) ? Shape.KEYED : Shape.HOT;
    Contender contender = Stream.of(Contender.values())
        .filter(c -> c.benchmark(shape).equals(method))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("unknown benchmark " + method));
    Result<?> primary = r.getPrimaryResult();
    // The aux counters of LimiterThroughput.Admission, summed over threads and iterations.
    Result<?> allowedCount = r.getSecondaryResults().get("allowed");
    Result<?> deniedCount = r.getSecondaryResults().get("denied");
    double admitted = Double.NaN;
    if (allowedCount != null && deniedCount != null) {
      double allowed = allowedCount.getScore();
      double denied = deniedCount.getScore();
      admitted = allowed + denied > 0 ? allowed / (allowed + denied) : Double.NaN;
    }
    int keys = shape == Shape.HOT ? 1 : Integer.parseInt(p.getParam("keys"));
    return new Measurement(contender, shape, Regime.of(p.getParam("regime")), p.getThreads(), keys,
        primary.getScore(), primary.getScoreError(), primary.getScoreUnit(), admitted);
  }

  static SetRateOp.Latency latency(RunResult r) {
    String method = r.getParams().getBenchmark();
    method = method.substring(method.lastIndexOf('.') + 1);
    String m = method;
    SetRateOp op = Stream.of(SetRateOp.values()).filter(o -> o.benchmark().equals(m)).findFirst()
        .orElseThrow(() -> new IllegalStateException("unknown benchmark " + m));
    return new SetRateOp.Latency(op, r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError());
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // a temporary folder left behind
    }
  }
}
