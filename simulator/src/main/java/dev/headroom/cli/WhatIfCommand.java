package dev.headroom.cli;

import dev.headroom.simulator.scenario.PolicySpec;
import dev.headroom.simulator.scenario.ProgressBar;
import dev.headroom.simulator.scenario.Scenario;
import dev.headroom.simulator.scenario.SimInput;
import dev.headroom.simulator.whatif.Grid;
import dev.headroom.simulator.whatif.Metric;
import dev.headroom.simulator.whatif.WhatIf;
import dev.headroom.simulator.whatif.WhatIfFiles;
import dev.headroom.simulator.whatif.WhatIfResult;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code headroom whatif}: sweep traffic scale against capacity and map a policy's outcome. */
@Command(
    name = "whatif",
    mixinStandardHelpOptions = true,
    defaultValueProvider = WhatIfCommand.Defaults.class,
    description = {
        "Sweep traffic scale (rows) against capacity (columns) in one scenario, on all",
        "cores. Each cell replays the scaled trace through a static sweep and the mapped",
        "policies, against a system sized from the unscaled trace. Prints a table; writes",
        "whatif.html (heat maps), whatif.csv and whatif.json into --out. With no options:",
        "scenario 1 on the bundled trace, last day, policy predictive, metric goodput."},
    footer = {
        "",
        "Example: ./headroom whatif --scenario tenants --window 12h --policies static,predictive"})
public final class WhatIfCommand implements Callable<Integer> {

  /**
   * A whole grid is many comparisons: the window defaults to one day here, not simulate's two; the
   * scenario to protect, not simulate's flood.
   */
  public static final class Defaults implements CommandLine.IDefaultValueProvider {
    @Override
    public String defaultValue(CommandLine.Model.ArgSpec arg) {
      if (!(arg instanceof CommandLine.Model.OptionSpec o)) {
        return null;
      }
      return switch (o.longestName()) {
        case "--window" -> "1d";
        case "--scenario" -> "protect";
        default -> null;
      };
    }
  }

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  SimulationInput input;

  @Mixin
  RunOptions run;

  @Option(names = "--scales", paramLabel = "LIST", defaultValue = Grid.DEFAULT_SCALES,
      description = "Traffic multipliers, the rows (default: ${DEFAULT-VALUE}).")
  String scales;

  @Option(names = "--capacities", paramLabel = "LIST", defaultValue = Grid.DEFAULT_CAPACITIES,
      description = "Capacity factors, the columns: the system sized as that multiple of the unscaled trace's "
          + "busy-minute demand (default: ${DEFAULT-VALUE}).")
  String capacities;

  @Option(names = "--policy", paramLabel = "NAME",
      description = "The policy to map (default: predictive); 'static' is the best of each cell's static sweep.")
  String policy;

  @Option(names = "--policies", paramLabel = "LIST",
      description = "Map several policies, e.g. static,predictive: one heat map each, and each one's difference "
          + "from the first.")
  String policies;

  @Option(names = "--metric", paramLabel = "NAME", defaultValue = "goodput",
      description = "goodput (share of fresh demand served within the objective), avoidable (avoidable rejection "
          + "rate), overload (seconds past the objective) or p99 (latency, ms) (default: ${DEFAULT-VALUE}).")
  String metric;

  @Option(names = "--out", paramLabel = "DIR", description = "Folder for the files (default: whatif-out/SCENARIO).")
  Path out;



  @Override
  public Integer call() throws Exception {
    PrintStream o = System.out;
    CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
    if (parsed.hasMatchedOption("--scale")) {
      throw new IllegalArgumentException("--scale: whatif sweeps --scales instead");
    }
    Scenario s = run.scenario();
    Metric m = Metric.parse(metric);
    Grid grid = Grid.parse(scales, capacities);
    List<PolicySpec.Kind> kinds = kinds();
    int n = run.threads();
    SimInput reference = input.load(s, 1, o);
    o.printf(Locale.ROOT, "trace    %s: %,d requests over %s from %s (scale 1)%n", reference.name(),
        reference.arrivals().size(), Describe.duration(reference.window()), reference.start());
    o.printf(Locale.ROOT, "grid     %d scales x %d capacity factors, scenario %s, %s, %d cells on %d thread(s)%n",
        grid.rows(), grid.columns(), s, String.join(" vs ", kinds.stream().map(PolicySpec.Kind::id).toList()),
        grid.cells(), n);
    WhatIfResult r;
    try (ProgressBar bar = run.progress(WhatIf.work(reference, s, grid, kinds), "requests")) {
      PrintStream quiet = new PrintStream(OutputStream.nullOutputStream()); // skipped lines were noted once
      r = WhatIf.run(reference, scale -> input.load(s, scale, quiet), new WhatIf.Options(s, grid, kinds, n, bar));
    }
    o.println();
    StringBuilder systems = new StringBuilder();
    for (int c = 0; c < grid.columns(); c++) {
      systems.append(c == 0 ? "" : ", ").append(Grid.label(grid.capacities().get(c))).append(' ')
          .append(Describe.rate(r.capacityPerSecond(c)));
    }
    o.println("capacity " + systems + " (sized from scale 1, the same in every row)");
    o.println();
    List<String> names = r.policies();
    for (String p : names) {
      o.print(WhatIfFiles.table(r, m, p, null));
      o.println();
    }
    for (String p : names.subList(1, names.size())) {
      o.print(WhatIfFiles.table(r, m, p, names.getFirst()));
      o.println();
    }
    Path dir = out != null ? out : Path.of("whatif-out", s.id());
    Path html = WhatIfFiles.write(dir, r, m);
    o.printf(Locale.ROOT, "ran      %d cells, %d replays in %.1f s wall%n", r.cells().size(), r.replays(),
        r.wallNanos() / 1e9);
    o.println("report   " + html.toAbsolutePath().normalize());
    return 0;
  }

  private List<PolicySpec.Kind> kinds() {
    if (policy != null && policies != null) {
      throw new IllegalArgumentException("--policy: give --policy or --policies, not both");
    }
    if (policies != null) {
      return PolicySpec.parseList(policies);
    }
    String one = policy == null ? "predictive" : policy;
    if (one.isBlank() || one.contains(",")) {
      throw new IllegalArgumentException("--policy: name one policy (several: --policies), got \"" + one + "\"");
    }
    try {
      return PolicySpec.parseList(one);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage().replaceFirst("^--policies:", "--policy:"), e);
    }
  }
}
