package dev.headroom.bench.simulator;

import dev.headroom.bench.Better;
import dev.headroom.bench.BenchRow;
import dev.headroom.bench.Table;
import dev.headroom.forecaster.series.RateSeries;
import dev.headroom.forecaster.trace.SharedDatasets;
import dev.headroom.simulator.report.PolicyResult;
import dev.headroom.simulator.scenario.Experiment;
import dev.headroom.simulator.scenario.PolicySpec.Kind;
import dev.headroom.simulator.scenario.Scenario;
import dev.headroom.simulator.scenario.Setup;
import dev.headroom.simulator.scenario.SimInput;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.function.Supplier;

/**
 * The whole NASA 1995 trace (58.6 days, 3.46 M requests, no history) in scenario 1 (protect) with
 * five policies (static with its sweep, reactive, predictive, predictive+reactive, oracle) on all
 * cores: how long one such comparison takes (target 10 s wall). Measured in this JVM after one
 * warm-up comparison on the trace's first days (JIT); the median of 3 comparisons (1 with --quick).
 * The figure is the experiment's own wall time; reading the trace and expanding it into arrivals
 * are reported beside it.
 */
final class NasaFivePolicies implements BenchSection {

  static final String NAME = "nasa-5-policies";
  static final double TARGET_SECONDS = 10;
  static final List<Kind> POLICIES = List.of(Kind.STATIC, Kind.REACTIVE, Kind.PREDICTIVE, Kind.PREDICTIVE_REACTIVE,
      Kind.ORACLE);

  private final Supplier<Optional<Path>> datasets;
  private final int warmupSeconds;

  NasaFivePolicies() {
    this(SharedDatasets::find, 2 * 86_400);
  }

  /**
   * @param datasets      the shared datasets folder, when present
   * @param warmupSeconds length of the warm-up input, taken from the trace's start
   */
  NasaFivePolicies(Supplier<Optional<Path>> datasets, int warmupSeconds) {
    this.datasets = datasets;
    this.warmupSeconds = warmupSeconds;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Result run(SimulatorBench.Options options, PrintStream progress) throws Exception {
    int threads = Runtime.getRuntime().availableProcessors();
    Optional<Path> dir = datasets.get();
    if (dir.isEmpty()) {
      String note = "not run: shared datasets folder not found (" + SharedDatasets.location()
          + "; set -D" + SharedDatasets.PROPERTY + ")";
      progress.println(NAME + ": " + note);
      return new Result(skipped(note, threads), "NASA 1995, 5 policies, scenario protect: " + note + "\n", false);
    }
    long r0 = System.nanoTime();
    SequencedMap<String, RateSeries> keys;
    try {
      keys = TraceCase.nasa(dir.get());
    } catch (java.io.IOException e) {
      String note = "not run: " + e.getMessage();
      progress.println(NAME + ": " + note);
      return new Result(skipped(note, threads), "NASA 1995, 5 policies, scenario protect: " + note + "\n", true);
    }
    RateSeries nasa = keys.firstEntry().getValue();
    double readSeconds = (System.nanoTime() - r0) / 1e9;
    SimInput.Plan plan = SimInput.Plan.whole().withWindow(null);

    int warmLength = Math.min(nasa.size(), options.quick() ? warmupSeconds / 2 : warmupSeconds);
    SimInput warm = SimInput.of("nasa warm-up", "nasa", nasa.slice(0, Math.max(1, warmLength)), plan);
    progress.printf(Locale.ROOT, "%s: warm-up on the first %s (%,d requests) ...%n", NAME,
        TraceCase.human(warm.window()), warm.arrivals().size());
    Experiment.run(warm, Setup.size(Scenario.PROTECT, warm, Setup.defaultCapacityFactor(Scenario.PROTECT)),
        new Experiment.Options(POLICIES, threads, null));

    long e0 = System.nanoTime();
    SimInput in = SimInput.of("nasa-http-1995", "nasa", nasa, plan);
    double expandSeconds = (System.nanoTime() - e0) / 1e9;
    Setup setup = Setup.size(Scenario.PROTECT, in, Setup.defaultCapacityFactor(Scenario.PROTECT));
    int runs = options.quick() ? 1 : 3;
    double[] wall = new double[runs];
    double[] cpu = new double[runs];
    Experiment.Outcome last = null;
    String nondeterminism = null;
    for (int r = 0; r < runs; r++) {
      progress.printf(Locale.ROOT, "%s: run %d of %d, %,d requests over %s ...%n", NAME, r + 1, runs,
          in.arrivals().size(), TraceCase.human(in.window()));
      long c0 = processCpuNanos();
      Experiment.Outcome o = Experiment.run(in, setup, new Experiment.Options(POLICIES, threads, null));
      long c1 = processCpuNanos();
      wall[r] = o.wallNanos() / 1e9;
      cpu[r] = c0 < 0 || c1 < 0 ? Double.NaN : (c1 - c0) / 1e9;
      progress.printf(Locale.ROOT, "  %.2f s wall, %.2f s CPU (process)%n", wall[r], cpu[r]);
      if (last != null && nondeterminism == null && !sameFigures(last, o)) {
        nondeterminism = "results differ between runs of the same input (run 1 vs run " + (r + 1) + ")";
        progress.println("  warning: " + nondeterminism);
      }
      last = o;
    }
    Figures f = new Figures(in, last, wall, cpu, readSeconds, expandSeconds, threads, nondeterminism);
    return new Result(rows(f), table(f), false);
  }

  /** What the runs gave; {@code outcome} is the last run's. */
  record Figures(SimInput input, Experiment.Outcome outcome, double[] wall, double[] cpu, double readSeconds,
      double expandSeconds, int threads, String nondeterminism) {

    double medianWall() {
      return HoldThroughput.median(wall);
    }

    /** Requests offered to the limiter over every replay (sweep included), retries included. */
    long offeredAllReplays() {
      long n = outcome.sweep().stream().mapToLong(PolicyResult::offered).sum();
      for (PolicyResult r : outcome.comparison().results()) {
        if (!r.policy().equals("static")) {
          n += r.offered();
        }
      }
      return n;
    }
  }

  static Map<String, Object> params(int threads) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("trace", "nasa-http-1995");
    p.put("window", "whole trace, no history");
    p.put("scenario", Scenario.PROTECT.id());
    p.put("policies", String.join(",", POLICIES.stream().map(Kind::id).toList()));
    p.put("threads", threads);
    return p;
  }

  static List<BenchRow> rows(Figures f) {
    Map<String, Object> params = params(f.threads());
    List<BenchRow> rows = new ArrayList<>();
    double median = f.medianWall();
    int runs = f.wall().length;
    rows.add(BenchRow.builder(NAME + " wall time")
        .params(params)
        .metric("wall time of one 5-policy comparison (static sweep included) on the whole trace")
        .value(median, "s")
        .target(TARGET_SECONDS, Better.LOWER)
        .note((runs == 1 ? "1 run" : "median of " + runs + " runs")
            + " after a warm-up comparison on the trace's first days, same JVM")
        .note(f.nondeterminism())
        .extra("runs_s", round(f.wall(), 3))
        .extra("process_cpu_s", round(f.cpu(), 3))
        .extra("read_trace_s", round(f.readSeconds(), 3))
        .extra("expand_arrivals_s", round(f.expandSeconds(), 3))
        .build());
    rows.add(BenchRow.builder(NAME + " requests")
        .params(params)
        .metric("requests in the simulated window (arrivals each replay starts from)")
        .value((double) f.input().arrivals().size(), "requests")
        .extra("offered_all_replays", f.offeredAllReplays())
        .build());
    rows.add(BenchRow.builder(NAME + " replays")
        .params(params)
        .metric("replays per comparison (static sweep included)")
        .value((double) f.outcome().replays(), "replays")
        .build());
    rows.add(BenchRow.builder(NAME + " replay throughput")
        .params(params)
        .metric("requests offered to the limiter per wall second, all replays, retries included")
        .value(f.offeredAllReplays() / median, "requests/s")
        .note("the experiment does not count simulation events; requests offered stand in for them")
        .build());
    rows.add(BenchRow.builder(NAME + " forecast fits")
        .params(params)
        .metric("forecast model fits the predictive policies took")
        .value((double) f.outcome().forecastFits(), "fits")
        .build());
    for (PolicyResult r : f.outcome().comparison().results()) {
      rows.add(BenchRow.builder(NAME + " " + r.policy())
          .params(params)
          .param("policy", r.policy())
          .metric("avoidable rejections")
          .value((double) r.avoidableRejections(), "requests")
          .extra("overload_s", r.overloadSeconds())
          .extra("goodput", r.goodput())
          .extra("offered", r.offered())
          .extra("rejected", r.rejected())
          .extra("best_static_factor", r.policy().equals("static") ? f.outcome().bestFactor() : null)
          .build());
    }
    return rows;
  }

  static List<BenchRow> skipped(String note, int threads) {
    Map<String, Object> params = params(threads);
    return List.of(
        BenchRow.builder(NAME + " wall time").params(params)
            .metric("wall time of one 5-policy comparison (static sweep included) on the whole trace")
            .value(null, "s").target(TARGET_SECONDS, Better.LOWER).note(note).build(),
        BenchRow.builder(NAME + " requests").params(params)
            .metric("requests in the simulated window (arrivals each replay starts from)")
            .value(null, "requests").note(note).build());
  }

  static String table(Figures f) {
    Table t = new Table()
        .column("policy", Table.Align.LEFT)
        .column("offered", Table.Align.RIGHT)
        .column("rejected", Table.Align.RIGHT)
        .column("avoidable", Table.Align.RIGHT)
        .column("overload s", Table.Align.RIGHT)
        .column("goodput", Table.Align.RIGHT);
    for (PolicyResult r : f.outcome().comparison().results()) {
      t.row(r.policy(), n(r.offered()), n(r.rejected()), n(r.avoidableRejections()),
          String.format(Locale.ROOT, "%.0f", r.overloadSeconds()), n(r.goodput()));
    }
    String runs = f.wall().length == 1 ? "1 run" : "median of " + f.wall().length + " runs";
    return String.format(Locale.ROOT,
        "NASA 1995 whole trace (%,d requests, %s), scenario protect, 5 policies on %d threads%n",
        f.input().arrivals().size(), TraceCase.human(f.input().window()), f.threads())
        + t.render()
        + String.format(Locale.ROOT,
            "wall %.2f s (%s: %s; target <= %.0f s), %d replays, %d forecast fits, %,.0f requests/s replayed;"
                + " read %.1f s, expand %.1f s%s%n",
            f.medianWall(), runs, join(f.wall()), TARGET_SECONDS, f.outcome().replays(), f.outcome().forecastFits(),
            f.offeredAllReplays() / f.medianWall(), f.readSeconds(), f.expandSeconds(),
            f.nondeterminism() == null ? "" : "; WARNING: " + f.nondeterminism());
  }

  /** Whether two outcomes of the same input agree on every policy's figures. */
  static boolean sameFigures(Experiment.Outcome a, Experiment.Outcome b) {
    List<PolicyResult> x = a.comparison().results();
    List<PolicyResult> y = b.comparison().results();
    if (x.size() != y.size()) {
      return false;
    }
    for (int i = 0; i < x.size(); i++) {
      if (x.get(i).offered() != y.get(i).offered() || x.get(i).avoidableRejections() != y.get(i).avoidableRejections()
          || x.get(i).goodput() != y.get(i).goodput() || x.get(i).overloadSeconds() != y.get(i).overloadSeconds()) {
        return false;
      }
    }
    return true;
  }

  /** CPU time of the whole process (every thread, JIT and GC included), or -1 when unknown. */
  static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  private static String join(double[] v) {
    List<String> s = new ArrayList<>();
    for (double x : v) {
      s.add(String.format(Locale.ROOT, "%.2f", x));
    }
    return String.join(", ", s);
  }

  private static String n(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }

  static List<Double> round(double[] v, int digits) {
    List<Double> out = new ArrayList<>();
    for (double x : v) {
      out.add(Double.isFinite(x) ? round(x, digits) : null);
    }
    return out;
  }

  static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }
}
