package dev.headroom.cli;

import dev.headroom.simulator.report.ConsoleReport;
import dev.headroom.simulator.report.PolicyResult;
import dev.headroom.simulator.report.ReportFiles;
import dev.headroom.simulator.scenario.Experiment;
import dev.headroom.simulator.scenario.FloodVerdict;
import dev.headroom.simulator.workload.FloodInjection;
import dev.headroom.simulator.scenario.PolicySpec;
import dev.headroom.simulator.scenario.ProgressBar;
import dev.headroom.simulator.scenario.Scenario;
import dev.headroom.simulator.scenario.Setup;
import dev.headroom.simulator.scenario.SimInput;
import dev.headroom.simulator.scenario.Verdict;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code headroom simulate}: replay a trace through each policy and compare them. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
        "Replay a traffic trace through the engine's own limiter and policies at virtual time, in one scenario,",
        "and compare the policies: prints a table, writes report.html, results.json, results.csv,",
        "timeseries.csv and sweep.csv into --out. With no options: the flood scenario (5) on the bundled",
        "synthetic trace as 3 tenants, its last 2 days, with a seeded schedule of floods."})
public final class SimulateCommand implements Callable<Integer> {

  @Mixin
  SimulationInput input;

  @Mixin
  RunOptions run;

  @Option(names = "--policies", paramLabel = "LIST",
      description = "Policies to compare, comma-separated (default: none,static,schedule,reactive,predictive,"
          + "predictive+reactive,oracle; in the flood scenario none,static-global,static-per-key,reactive,predictive,"
          + "predictive-hold,predictive-shed,oracle). 'static' (and in flood 'static-global', 'static-per-key') is "
          + "the best of a sweep of static limits.")
  String policies;

  @Option(names = "--capacity-factor", paramLabel = "X",
      description = "Capacity (or quota) as a multiple of the window's busy-minute demand, its 99th percentile "
          + "(default: 1.0 for tenants, 0.8 otherwise).")
  Double capacityFactor;

  @Option(names = "--report-key", paramLabel = "KEY",
      description = "The key report.html features first in its demand, forecast and limit chart (default: the key "
          + "with the largest flood, else the busiest). The report records up to 20 keys: this one, the largest "
          + "floods, then the busiest.")
  String reportKey;

  @Option(names = "--out", paramLabel = "DIR", description = "Folder for the reports (default: simulate-out/SCENARIO).")
  Path out;

  @Override
  public Integer call() throws Exception {
    PrintStream o = System.out;
    Scenario s = run.scenario();
    List<PolicySpec.Kind> kinds = policies == null ? PolicySpec.defaults(s) : PolicySpec.parseList(policies);
    for (PolicySpec.Kind k : kinds) {
      if (!PolicySpec.runsIn(k, s)) {
        throw new IllegalArgumentException("--policies: " + k.id() + " does not run in scenario " + s.id()
            + (s == Scenario.FLOOD ? " (its static baselines are static-global and static-per-key)"
                : " (static-global, static-per-key, predictive-hold and predictive-shed are the flood scenario's)"));
      }
    }
    double factor = capacityFactor != null ? capacityFactor : Setup.defaultCapacityFactor(s);
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("--capacity-factor: must be a positive number, got " + factor);
    }
    SimInput in = input.load(s, o); // after the options' checks: a long trace takes a while to read
    Setup setup = Setup.size(s, in, factor);
    o.printf(Locale.ROOT, "trace    %s: %,d requests over %s from %s; %s of history before it%n", in.name(),
        in.arrivals().size(), Describe.duration(in.window()), in.start(),
        Describe.duration(java.time.Duration.ofMillis(historyMillis(in))));
    o.println("system   " + Describe.setup(setup));
    printFloods(o, in);
    long total = (long) in.arrivals().size() * Experiment.replays(s, kinds);
    Experiment.Outcome r;
    try (ProgressBar bar = run.progress(total, "requests")) {
      r = Experiment.run(in, setup, new Experiment.Options(kinds, run.threads(), bar, reportKey));
    }
    o.println();
    o.print(ConsoleReport.render(r.comparison()));
    o.println();
    if (s == Scenario.FLOOD) {
      printFloodVerdicts(o, r);
    } else {
      o.printf(Locale.ROOT, "static   best of %d static limits: x%.2f of the nominal share (%s); sweep in sweep.csv%n",
          r.sweep().size(), r.bestFactor(), Describe.rate(r.bestFactor() * setup.sharePerKey()) + " per key");
    }
    PolicyResult st = r.result("static");
    PolicyResult oracle = r.result("oracle");
    if (st != null) {
      for (PolicyResult p : r.comparison().results()) {
        if (p.policy().startsWith("predictive") || p.policy().equals("reactive") || p.policy().equals("schedule")) {
          o.println("verdict  " + Verdict.of(p, st, oracle));
        }
      }
    }
    for (PolicyResult p : r.comparison().results()) {
      if (p.fallbackTicks() > 0) {
        o.printf(Locale.ROOT, "fallback %s: static rate in %,d of %,d decisions (%.1f%%); the first: %s%n", p.policy(),
            p.fallbackTicks(), p.keyTicks(), 100 * p.fallbackShare(), p.fallbackReason());
      }
    }
    Path dir = out != null ? out : Path.of("simulate-out", s.id());
    Path html = ReportFiles.write(dir, r.comparison(), r.sweep());
    o.printf(Locale.ROOT, "ran      %d replays of %,d requests in %.1f s wall (%d forecast fits)%n", r.replays(),
        in.arrivals().size(), r.wallNanos() / 1e9, r.forecastFits());
    o.println("report   " + html.toAbsolutePath().normalize());
    PolicyResult perKey = r.result("static-per-key");
    if (perKey != null && (r.result("predictive-hold") != null || r.result("predictive-shed") != null)) {
      o.println("gained   " + FloodVerdict.gained(perKey, r.result("predictive-hold"), r.result("predictive-shed")));
    }
    return 0;
  }

  /** The floods laid: each one when there are a few, else a count and the first few. */
  private static void printFloods(PrintStream o, SimInput in) {
    if (in.floods().isEmpty()) {
      return;
    }
    long peaks = in.floods().stream().filter(FloodInjection.Laid::atPeak).count();
    o.printf(Locale.ROOT, "floods   %d (%d at a peak, %d in a trough), %,d abusive requests of %,d%n", in.floods().size(),
        peaks, in.floods().size() - peaks, in.arrivals().abusiveCount(), in.arrivals().size());
    int shown = 0;
    for (FloodInjection.Laid f : in.floods()) {
      if (shown++ == 8) {
        o.printf(Locale.ROOT, "         ... and %d more%n", in.floods().size() - 8);
        break;
      }
      o.printf(Locale.ROOT, "         %s at %s for %s, x%s its normal rate (%s): %,d requests%n", f.flood().key(),
          f.flood().start(), Describe.duration(f.flood().duration()), String.format(Locale.ROOT, "%.1f", f.flood().multiplier()),
          f.atPeak() ? "peak" : "trough", f.added());
    }
  }

  /** The two sweeps (and whether they are tuned) and the stances' verdicts against the target. */
  private static void printFloodVerdicts(PrintStream o, Experiment.Outcome r) {
    for (Experiment.Sweep sw : r.sweeps()) {
      o.println("static   " + sw.describe(sw.name().equals("static-global") ? "the capacity"
          : "each key's historical busy-minute demand") + "; sweep in sweep.csv");
    }
    o.println("static   best = the loosest limit as healthy as any: overload within 60 s (or 5%) of the sweep's"
        + " least, then the fewest legitimate rejections");
    PolicyResult perKey = r.result("static-per-key");
    if (perKey == null) {
      return;
    }
    PolicyResult hold = r.result("predictive-hold");
    PolicyResult shed = r.result("predictive-shed");
    if (hold != null) {
      o.println("verdict  " + FloodVerdict.of(hold, perKey, true));
    }
    if (shed != null) {
      o.println("verdict  " + FloodVerdict.of(shed, perKey, false));
    }
  }

  private static long historyMillis(SimInput in) {
    var h = in.history().getFirst();
    return h.size() * h.stepMillis();
  }
}
