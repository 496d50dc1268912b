package dev.headroom.bench.simulator;

import dev.headroom.bench.Better;
import dev.headroom.bench.BenchRow;
import dev.headroom.bench.Table;
import dev.headroom.forecaster.series.RateSeries;
import dev.headroom.forecaster.trace.SharedDatasets;
import dev.headroom.forecaster.trace.TraceOptions;
import dev.headroom.forecaster.trace.TraceReader;
import dev.headroom.simulator.report.PolicyResult;
import dev.headroom.simulator.scenario.Experiment;
import dev.headroom.simulator.scenario.FloodVerdict;
import dev.headroom.simulator.scenario.PolicySpec;
import dev.headroom.simulator.scenario.Scenario;
import dev.headroom.simulator.scenario.Setup;
import dev.headroom.simulator.scenario.SimInput;
import dev.headroom.simulator.scenario.TraceSeries;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * The flood scenario on the six shared traces and the bundled synthetic one, every flood policy,
 * judged by the target: against the best per-key static limit, the hold stance rejects at
 * most half the legitimate requests and admits at most half the abusive ones, the shed stance
 * rejects at most half the legitimate requests, both at no more overload ({@link FloodVerdict}).
 * Each trace is split into tenants as {@code simulate --scenario flood} splits it (its own keys,
 * else three rotated copies), with the seeded flood schedule; windows and scales are in each row's params.
 */
final class FloodComparison implements BenchSection {

  static final String NAME = "flood";
  /** Every shared trace's window here: two days (the whole hour for Azure); flood compares two sweeps. */
  static final Duration WINDOW = Duration.ofDays(2);
  /** The bundled trace as {@code ./headroom simulate} replays it by default: its last day. */
  static final Duration BUNDLED_WINDOW = Duration.ofDays(1);

  @Override
  public String name() {
    return NAME;
  }

  /** One trace's outcome, or why there is none. */
  record Cell(String trace, Map<String, Object> params, Map<String, PolicyResult> results, FloodVerdict hold,
      FloodVerdict shed, List<Experiment.Sweep> sweeps, long arrivals, long abusive, int floods, double seconds,
      String error) {}

  @Override
  public Result run(SimulatorBench.Options options, PrintStream progress) throws Exception {
    long started = System.nanoTime();
    int threads = Runtime.getRuntime().availableProcessors();
    Optional<Path> dir = SharedDatasets.find();
    List<Cell> cells = new ArrayList<>();
    boolean failed = false;
    for (TraceCase trace : TraceCase.shared()) {
      Duration window = trace.window() == null ? null : options.quick() ? Duration.ofDays(1) : WINDOW;
      if (dir.isEmpty()) {
        cells.add(missing(trace.id(), params(trace.id(), trace.windowLabel(window), trace.scale()),
            "not run: shared datasets folder not found (" + SharedDatasets.location() + ")"));
        continue;
      }
      SequencedMap<String, RateSeries> keys;
      try {
        keys = trace.loader().load(dir.get());
      } catch (IOException | RuntimeException e) {
        cells.add(missing(trace.id(), params(trace.id(), trace.windowLabel(window), trace.scale()),
            "not run: cannot read " + trace.id() + ": " + e.getMessage()));
        failed |= !(e instanceof FileNotFoundException);
        continue;
      }
      Cell c = runCell(trace.id(), keys, window, trace.scale(), threads, progress);
      failed |= c.error() != null;
      cells.add(c);
    }
    Cell bundled;
    try {
      bundled = runCell("synthetic", bundled(), BUNDLED_WINDOW, 1, threads, progress);
    } catch (IOException e) {
      bundled = missing("synthetic", params("synthetic", "last 1 d", 1), "not run: " + e.getMessage());
    }
    failed |= bundled.error() != null;
    cells.add(bundled);
    double seconds = (System.nanoTime() - started) / 1e9;
    return new Result(rows(cells), table(cells, seconds, threads), failed);
  }

  /** The bundled synthetic API trace beside the launcher (headroom.home), as {@code simulate} reads it. */
  static SequencedMap<String, RateSeries> bundled() throws IOException {
    String home = System.getProperty("headroom.home", ".");
    Path file = Path.of(home).resolve("datasets/synthetic-api-4w-1m.csv.gz");
    if (!Files.isRegularFile(file)) {
      throw new FileNotFoundException(file + " is missing");
    }
    return TraceSeries.of(TraceReader.read(file, TraceOptions.defaults()), "synthetic");
  }

  static Cell runCell(String id, SequencedMap<String, RateSeries> keys, Duration window, double scale, int threads,
      PrintStream progress) {
    Map<String, Object> params = params(id, window == null ? "whole trace" : "last " + TraceCase.human(window), scale);
    long t0 = System.nanoTime();
    try {
      SequencedMap<String, RateSeries> tenants = keys.size() > 1 ? keys
          : TraceSeries.rotatedTenants(keys.firstEntry().getValue(), "tenant", TraceCase.TENANTS);
      SimInput in = SimInput.of(id, tenants, SimInput.Plan.whole().withWindow(window).withThin(scale)
          .withFloods(List.of(), true));
      RateSeries h = in.history().getFirst();
      params.put("history", TraceCase.human(Duration.ofMillis(h.size() * h.stepMillis())));
      params.put("keys", in.keys().size());
      Setup setup = Setup.size(Scenario.FLOOD, in, Setup.defaultCapacityFactor(Scenario.FLOOD));
      progress.printf(Locale.ROOT, "%s: %s: %,d requests (%,d abusive, %d floods) over %s ...", NAME, id,
          in.arrivals().size(), in.arrivals().abusiveCount(), in.floods().size(), TraceCase.human(in.window()));
      progress.flush();
      Experiment.Outcome o = Experiment.run(in, setup,
          new Experiment.Options(PolicySpec.defaults(Scenario.FLOOD), threads, null));
      double secs = (System.nanoTime() - t0) / 1e9;
      progress.printf(Locale.ROOT, " %.1f s%n", secs);
      Map<String, PolicyResult> results = new LinkedHashMap<>();
      o.comparison().results().forEach(r -> results.put(r.policy(), r));
      PolicyResult perKey = results.get("static-per-key");
      return new Cell(id, params, results, FloodVerdict.of(results.get("predictive-hold"), perKey, true),
          FloodVerdict.of(results.get("predictive-shed"), perKey, false), o.sweeps(), in.arrivals().size(),
          in.arrivals().abusiveCount(), in.floods().size(), secs, null);
    } catch (RuntimeException e) {
      progress.println();
      progress.println(NAME + ": " + id + " failed: " + e);
      return missing(id, params, "failed: " + e);
    }
  }

  static Cell missing(String id, Map<String, Object> params, String note) {
    return new Cell(id, params, Map.of(), null, null, List.of(), 0, 0, 0, 0, note);
  }

  static Map<String, Object> params(String id, String window, double scale) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("trace", id);
    p.put("scenario", "flood");
    p.put("window", window);
    p.put("scale", scale);
    return p;
  }

  static List<BenchRow> rows(List<Cell> cells) {
    List<BenchRow> rows = new ArrayList<>();
    for (Cell c : cells) {
      String prefix = NAME + " " + c.trace() + " ";
      if (c.error() != null) {
        for (String stance : List.of("predictive-hold", "predictive-shed")) {
          rows.add(BenchRow.builder(prefix + stance + " target met").params(c.params()).param("policy", stance)
              .metric("meets the flood target (1 yes, 0 no)").value(null, "bool").target(1, Better.HIGHER)
              .note(c.error()).build());
        }
        continue;
      }
      BenchRow.Builder time = BenchRow.builder(prefix + "comparison time").params(c.params())
          .metric("wall time of the flood comparison (both static sweeps included)")
          .value(NasaFivePolicies.round(c.seconds(), 3), "s")
          .extra("requests", c.arrivals()).extra("abusive_requests", c.abusive()).extra("floods", c.floods());
      for (Experiment.Sweep s : c.sweeps()) {
        time.extra(s.name() + "_best_factor", NasaFivePolicies.round(s.bestFactor(), 4))
            .extra(s.name() + "_tuned", !s.onEdge());
      }
      rows.add(time.build());
      for (PolicyResult r : c.results().values()) {
        PolicyResult.Labels l = r.labels();
        rows.add(BenchRow.builder(prefix + r.policy()).params(c.params()).param("policy", r.policy())
            .metric("legitimate requests rejected").value((double) l.legitimateRejected(), "requests")
            .extra("legitimate_avoidable", l.legitimateAvoidable())
            .extra("abusive_admitted", l.abusiveAdmitted())
            .extra("overload_s", NasaFivePolicies.round(r.overloadSeconds(), 1))
            .extra("goodput", r.goodput())
            .extra("legitimate_goodput", l.legitimateGoodput())
            .extra("shed_decisions", l.shedDecisions())
            .extra("fairness_jain", NasaFivePolicies.round(r.fairness(), 4))
            .build());
      }
      for (FloodVerdict v : List.of(c.hold(), c.shed())) {
        rows.add(BenchRow.builder(prefix + v.policy() + " target met").params(c.params()).param("policy", v.policy())
            .metric("meets the flood target (1 yes, 0 no)").value(v.met() ? 1.0 : 0.0, "bool")
            .target(1, Better.HIGHER).note(v.toString())
            .extra("legitimate_rejected", v.legitRejected())
            .extra("static_legitimate_rejected", v.staticLegitRejected())
            .extra("abusive_admitted", v.abusiveAdmitted())
            .extra("static_abusive_admitted", v.staticAbusiveAdmitted())
            .extra("overload_s", NasaFivePolicies.round(v.overload(), 1))
            .extra("static_overload_s", NasaFivePolicies.round(v.staticOverload(), 1))
            .build());
      }
    }
    return rows;
  }

  static String table(List<Cell> cells, double seconds, int threads) {
    Table t = new Table()
        .column("trace", Table.Align.LEFT)
        .column("requests", Table.Align.RIGHT)
        .column("abusive", Table.Align.RIGHT)
        .column("legit rej. static/key", Table.Align.RIGHT)
        .column("hold", Table.Align.RIGHT)
        .column("shed", Table.Align.RIGHT)
        .column("abusive adm. static/key", Table.Align.RIGHT)
        .column("hold ", Table.Align.RIGHT)
        .column("overload s static/key", Table.Align.RIGHT)
        .column("hold  ", Table.Align.RIGHT)
        .column("shed  ", Table.Align.RIGHT)
        .column("hold met?", Table.Align.LEFT)
        .column("shed met?", Table.Align.LEFT)
        .column("s", Table.Align.RIGHT);
    List<String> notes = new ArrayList<>();
    for (Cell c : cells) {
      if (c.error() != null) {
        t.row(c.trace(), "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "n/a", "n/a", "-");
        notes.add(c.trace() + ": " + c.error());
        continue;
      }
      FloodVerdict h = c.hold();
      FloodVerdict s = c.shed();
      t.row(c.trace(), count(c.arrivals()), count(c.abusive()), count(h.staticLegitRejected()),
          count(h.legitRejected()), count(s.legitRejected()), count(h.staticAbusiveAdmitted()),
          count(h.abusiveAdmitted()), fixed(h.staticOverload()), fixed(h.overload()), fixed(s.overload()),
          h.met() ? "yes" : "no", s.met() ? "yes" : "no", String.format(Locale.ROOT, "%.1f", c.seconds()));
      for (Experiment.Sweep sw : c.sweeps()) {
        if (sw.onEdge()) {
          notes.add(c.trace() + ": " + sw.describe(sw.name().equals("static-global") ? "the capacity"
              : "each key's busy-minute demand"));
        }
      }
    }
    StringBuilder out = new StringBuilder("Flood scenario: predictive-hold and predictive-shed against the best per-key"
        + " static limit (legitimate rejections, abusive admitted, overload)\n");
    out.append(t.render());
    for (String n : notes) {
      out.append(n).append('\n');
    }
    out.append(String.format(Locale.ROOT, "target: hold <= half static's legitimate rejections and abusive admitted,"
        + " shed <= half its legitimate rejections, both at no more overload. Section %.0f s on %d threads.%n",
        seconds, threads));
    return out.toString();
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static String fixed(double v) {
    return String.format(Locale.ROOT, "%.0f", v);
  }
}
