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
import dev.headroom.simulator.scenario.Verdict;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.function.Supplier;

/**
 * Every shared trace in every scenario with five policies (static with its sweep, reactive,
 * predictive, predictive+reactive, oracle), judged as the project's targets say: in tenants,
 * elastic and quota, predictive must cut the best static limit's avoidable rejections by half at
 * no more overload and reach 80% of the oracle's gain ({@link Verdict#meetsSharedTarget}); in
 * protect it must never do worse than the best static limit ({@link Verdict#meetsProtectTarget}).
 * Windows and scales per trace are in {@link TraceCase#shared()} and in every row's params.
 */
final class PolicyComparison implements BenchSection {

  static final String NAME = "policies";
  static final List<Kind> POLICIES = NasaFivePolicies.POLICIES;
  /** The policies judged against the targets. */
  static final List<Kind> JUDGED = List.of(Kind.PREDICTIVE, Kind.PREDICTIVE_REACTIVE);
  static final double SHARED_CUT = 0.5;
  static final double SHARED_ORACLE_SHARE = 0.8;
  static final double PROTECT_GOODPUT_RATIO = 0.999;
  /** The scenarios of this section; flood has a section of its own ({@link FloodComparison}). */
  static final List<Scenario> SCENARIOS = List.of(Scenario.PROTECT, Scenario.TENANTS, Scenario.ELASTIC,
      Scenario.QUOTA);

  private final Supplier<Optional<Path>> datasets;
  private final List<TraceCase> traces;
  private final Duration quickWindow;

  PolicyComparison() {
    this(SharedDatasets::find, TraceCase.shared(), Duration.ofDays(1));
  }

  /**
   * @param datasets    the shared datasets folder, when present
   * @param traces      the traces to run, in order
   * @param quickWindow with --quick, windows longer than this are cut to it
   */
  PolicyComparison(Supplier<Optional<Path>> datasets, List<TraceCase> traces, Duration quickWindow) {
    this.datasets = datasets;
    this.traces = List.copyOf(traces);
    this.quickWindow = quickWindow;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** One policy's figures (the results without their time series, so that 24 cells stay small). */
  record Figures(String policy, long offered, long rejected, long avoidable, double overloadSeconds, long goodput,
      double fallbackShare) {
    static Figures of(PolicyResult r) {
      return new Figures(r.policy(), r.offered(), r.rejected(), r.avoidableRejections(), r.overloadSeconds(),
          r.goodput(), r.fallbackShare());
    }
  }

  /**
   * One (trace, scenario): its figures, or why there are none.
   *
   * @param params   the row params (trace, scenario, window, scale, history)
   * @param results  per policy, in {@link #POLICIES} order; empty when not run
   * @param verdicts per judged policy
   * @param error    why the cell has no figures; null when it ran
   */
  record Cell(String trace, Scenario scenario, Map<String, Object> params, List<Figures> results,
      Map<String, Verdict> verdicts, double bestFactor, int replays, int fits, long arrivals, double capacity,
      double seconds, String error) {

    Figures result(String policy) {
      return results.stream().filter(f -> f.policy().equals(policy)).findFirst().orElse(null);
    }
  }

  @Override
  public Result run(SimulatorBench.Options options, PrintStream progress) throws Exception {
    long started = System.nanoTime();
    int threads = Runtime.getRuntime().availableProcessors();
    Optional<Path> dir = datasets.get();
    List<Cell> cells = new ArrayList<>();
    boolean failed = false;
    for (TraceCase trace : traces) {
      Duration window = window(trace, options.quick());
      if (dir.isEmpty()) {
        String note = "not run: shared datasets folder not found (" + SharedDatasets.location() + "; set -D"
            + SharedDatasets.PROPERTY + ")";
        for (Scenario s : SCENARIOS) {
          cells.add(missing(trace, s, window, note));
        }
        continue;
      }
      SequencedMap<String, RateSeries> keys;
      try {
        keys = trace.loader().load(dir.get());
      } catch (java.io.IOException | RuntimeException e) {
        String note = "not run: cannot read " + trace.id() + ": " + e.getMessage();
        progress.println(NAME + ": " + note);
        for (Scenario s : SCENARIOS) {
          cells.add(missing(trace, s, window, note));
        }
        failed |= !(e instanceof java.io.FileNotFoundException);
        continue;
      }
      for (Scenario s : SCENARIOS) {
        Cell c = runCell(trace, keys, s, window, threads, progress);
        failed |= c.error() != null;
        cells.add(c);
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return new Result(rows(cells), table(cells, seconds, threads), failed);
  }

  private Duration window(TraceCase trace, boolean quick) {
    Duration w = trace.window();
    if (quick && quickWindow != null && (w == null || w.compareTo(quickWindow) > 0)) {
      return w == null ? null : quickWindow;
    }
    return w;
  }

  static Cell runCell(TraceCase trace, SequencedMap<String, RateSeries> keys, Scenario s, Duration window,
      int threads, PrintStream progress) {
    Map<String, Object> params = params(trace, s, window);
    long t0 = System.nanoTime();
    try {
      SimInput in = trace.input(keys, s, window);
      RateSeries h = in.history().getFirst();
      params.put("history", TraceCase.human(Duration.ofMillis(h.size() * h.stepMillis())));
      params.put("keys", in.keys().size());
      // The scale here only thins the traffic to fit the time budget; systems are sized from the
      // trace as recorded, so the capacity is thinned with it and the load keeps its shape.
      Setup setup = Setup.size(s, in, Setup.defaultCapacityFactor(s));
      progress.printf(Locale.ROOT, "%s: %s, scenario %s: %,d requests over %s ...", NAME, trace.id(), s.id(),
          in.arrivals().size(), TraceCase.human(in.window()));
      progress.flush();
      Experiment.Outcome o = Experiment.run(in, setup, new Experiment.Options(POLICIES, threads, null));
      double secs = (System.nanoTime() - t0) / 1e9;
      progress.printf(Locale.ROOT, " %.1f s%n", secs);
      List<Figures> figures = o.comparison().results().stream().map(Figures::of).toList();
      PolicyResult st = o.result("static");
      PolicyResult oracle = o.result("oracle");
      Map<String, Verdict> verdicts = new LinkedHashMap<>();
      for (Kind k : JUDGED) {
        verdicts.put(k.id(), Verdict.of(o.result(k.id()), st, oracle));
      }
      return new Cell(trace.id(), s, params, figures, verdicts, o.bestFactor(), o.replays(), o.forecastFits(),
          in.arrivals().size(), setup.capacityPerSecond(), secs, null);
    } catch (RuntimeException e) {
      String note = "failed: " + e;
      progress.println();
      progress.println(NAME + ": " + trace.id() + ", scenario " + s.id() + " " + note);
      return new Cell(trace.id(), s, params, List.of(), Map.of(), Double.NaN, 0, 0, 0, Double.NaN,
          (System.nanoTime() - t0) / 1e9, note);
    }
  }

  static Cell missing(TraceCase trace, Scenario s, Duration window, String note) {
    return new Cell(trace.id(), s, params(trace, s, window), List.of(), Map.of(), Double.NaN, 0, 0, 0, Double.NaN,
        0, note);
  }

  static Map<String, Object> params(TraceCase trace, Scenario s, Duration window) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("trace", trace.id());
    p.put("scenario", s.id());
    p.put("window", trace.windowLabel(window));
    p.put("scale", trace.scale());
    return p;
  }

  static boolean shared(Scenario s) {
    return s != Scenario.PROTECT;
  }

  static String rule(Scenario s) {
    return shared(s)
        ? "target: avoidable-rejection cut >= 50% vs best static, overload no more than static's, >= 80% of the"
            + " oracle's gain"
        : "target: never worse than the best static limit (avoidable rejections, overload, goodput >= 99.9%)";
  }

  static List<BenchRow> rows(List<Cell> cells) {
    List<BenchRow> rows = new ArrayList<>();
    for (Cell c : cells) {
      String prefix = NAME + " " + c.trace() + " " + c.scenario().id() + " ";
      if (c.error() != null) {
        for (Kind k : JUDGED) {
          rows.add(BenchRow.builder(prefix + k.id() + " target met").params(c.params()).param("policy", k.id())
              .metric("meets the scenario's target (1 yes, 0 no)").value(null, "bool").target(1, Better.HIGHER)
              .note(c.error()).build());
        }
        continue;
      }
      rows.add(BenchRow.builder(prefix + "comparison time").params(c.params())
          .metric("wall time of the 5-policy comparison (static sweep included)")
          .value(NasaFivePolicies.round(c.seconds(), 3), "s")
          .extra("requests", c.arrivals())
          .extra("replays", c.replays())
          .extra("forecast_fits", c.fits())
          .extra("capacity_per_s", NasaFivePolicies.round(c.capacity(), 4))
          .extra("best_static_factor", c.bestFactor())
          .build());
      for (Figures f : c.results()) {
        rows.add(BenchRow.builder(prefix + f.policy()).params(c.params()).param("policy", f.policy())
            .metric("avoidable rejections (rejected while the backend had idle capacity)")
            .value((double) f.avoidable(), "requests")
            .extra("overload_s", f.overloadSeconds())
            .extra("goodput", f.goodput())
            .extra("offered", f.offered())
            .extra("rejected", f.rejected())
            .extra("fallback_share", Double.isNaN(f.fallbackShare()) ? null
                : NasaFivePolicies.round(f.fallbackShare(), 4))
            .build());
      }
      for (var e : c.verdicts().entrySet()) {
        rows.addAll(verdictRows(prefix + e.getKey(), c, e.getValue()));
      }
    }
    return rows;
  }

  static List<BenchRow> verdictRows(String prefix, Cell c, Verdict v) {
    boolean shared = shared(c.scenario());
    boolean met = shared ? v.meetsSharedTarget() : v.meetsProtectTarget();
    Map<String, Object> params = new LinkedHashMap<>(c.params());
    params.put("policy", v.policy());
    List<BenchRow> rows = new ArrayList<>();
    rows.add(BenchRow.builder(prefix + " target met").params(params)
        .metric("meets the scenario's target (1 yes, 0 no)")
        .value(met ? 1.0 : 0.0, "bool")
        .target(1, Better.HIGHER)
        .note(rule(c.scenario()))
        .extra("avoidable_cut", finite(v.avoidableCut()))
        .extra("overload_delta_s", finite(v.overloadDelta()))
        .extra("oracle_share", finite(v.oracleShare()))
        .extra("goodput_ratio", finite(v.goodputRatio()))
        .build());
    rows.add(BenchRow.builder(prefix + " avoidable cut").params(params)
        .metric("share of the best static limit's avoidable rejections removed")
        .value(finite(v.avoidableCut()), "fraction")
        .target(shared ? SHARED_CUT : 0, Better.HIGHER)
        .note(Double.isNaN(v.avoidableCut()) ? "the best static limit had no avoidable rejections" : null)
        .build());
    rows.add(BenchRow.builder(prefix + " overload delta").params(params)
        .metric("overload seconds minus the best static limit's")
        .value(finite(v.overloadDelta()), "s")
        .target(0, Better.LOWER)
        .build());
    if (shared) {
      rows.add(BenchRow.builder(prefix + " oracle share").params(params)
          .metric("share of the oracle's avoidable-rejection gain over the best static limit reached")
          .value(finite(v.oracleShare()), "fraction")
          .target(SHARED_ORACLE_SHARE, Better.HIGHER)
          .note(Double.isNaN(v.oracleShare()) ? "the oracle gained nothing over the best static limit" : null)
          .build());
    } else {
      rows.add(BenchRow.builder(prefix + " goodput ratio").params(params)
          .metric("goodput over the best static limit's")
          .value(finite(v.goodputRatio()), "ratio")
          .target(PROTECT_GOODPUT_RATIO, Better.HIGHER)
          .note(Double.isNaN(v.goodputRatio()) ? "the best static limit had no goodput" : null)
          .build());
    }
    return rows;
  }

  static String table(List<Cell> cells, double seconds, int threads) {
    Table t = new Table()
        .column("trace", Table.Align.LEFT)
        .column("scenario", Table.Align.LEFT)
        .column("requests", Table.Align.RIGHT)
        .column("static avoid.", Table.Align.RIGHT)
        .column("pred. avoid.", Table.Align.RIGHT)
        .column("cut %", Table.Align.RIGHT)
        .column("oracle share %", Table.Align.RIGHT)
        .column("overload delta s", Table.Align.RIGHT)
        .column("met?", Table.Align.LEFT)
        .column("p+r cut %", Table.Align.RIGHT)
        .column("p+r met?", Table.Align.LEFT)
        .column("s", Table.Align.RIGHT);
    List<String> windows = new ArrayList<>();
    String lastTrace = null;
    for (Cell c : cells) {
      if (!c.trace().equals(lastTrace)) {
        windows.add(c.trace() + ": " + c.params().get("window") + ", scale " + c.params().get("scale")
            + (c.params().containsKey("history") ? ", history " + c.params().get("history") : ""));
        lastTrace = c.trace();
      }
      if (c.error() != null) {
        t.row(c.trace(), c.scenario().id(), "-", "-", "-", "-", "-", "-", "n/a", "-", "n/a", "-");
        continue;
      }
      Figures st = c.result("static");
      Figures pr = c.result("predictive");
      Verdict v = c.verdicts().get("predictive");
      Verdict pv = c.verdicts().get("predictive+reactive");
      t.row(c.trace(), c.scenario().id(), String.format(Locale.ROOT, "%,d", c.arrivals()),
          String.format(Locale.ROOT, "%,d", st.avoidable()), String.format(Locale.ROOT, "%,d", pr.avoidable()),
          pct(v.avoidableCut()), pct(v.oracleShare()), String.format(Locale.ROOT, "%+.0f", v.overloadDelta()),
          met(c.scenario(), v), pct(pv.avoidableCut()), met(c.scenario(), pv),
          String.format(Locale.ROOT, "%.1f", c.seconds()));
    }
    StringBuilder out = new StringBuilder();
    out.append("Policies on the shared traces: predictive vs the best static limit (cut = share of its avoidable"
        + " rejections removed)\n");
    out.append(t.render());
    out.append("windows: ").append(String.join("; ", windows)).append('\n');
    List<String> errors = cells.stream().filter(c -> c.error() != null)
        .map(c -> c.trace() + "/" + c.scenario().id() + ": " + c.error()).distinct().toList();
    for (String e : errors) {
      out.append(e).append('\n');
    }
    out.append(String.format(Locale.ROOT, "targets: protect never worse than best static; tenants/elastic/quota cut"
        + " >= 50%%, overload delta <= 0, oracle share >= 80%%. Section %.0f s on %d threads.%n", seconds, threads));
    return out.toString();
  }

  static String met(Scenario s, Verdict v) {
    return (shared(s) ? v.meetsSharedTarget() : v.meetsProtectTarget()) ? "yes" : "no";
  }

  static String pct(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.0f", 100 * v);
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? NasaFivePolicies.round(v, 4) : null;
  }
}
