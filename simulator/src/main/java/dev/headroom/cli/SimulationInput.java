package dev.headroom.cli;

import dev.headroom.forecaster.series.RateSeries;
import dev.headroom.forecaster.trace.Trace;
import dev.headroom.simulator.scenario.Scenario;
import dev.headroom.simulator.scenario.SimInput;
import dev.headroom.simulator.scenario.TraceSeries;
import dev.headroom.simulator.workload.FlashCrowd;
import dev.headroom.simulator.workload.Flood;
import dev.headroom.simulator.workload.Spread;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The trace and what-if options shared by {@code simulate} and {@code whatif}. */
public final class SimulationInput {

  /** The bundled trace the main job replays when no {@code --trace} is given. */
  static final String BUNDLED = "datasets/synthetic-api-4w-1m.csv.gz";

  @Option(names = "--trace", paramLabel = "FILE",
      description = "Trace to replay, any format the forecaster reads (default: the bundled " + BUNDLED + "). "
          + "Repeat it to mix several traces as tenants, one per file, aligned by whole days.")
  List<Path> traces = new ArrayList<>();

  @Mixin
  TraceInput traceInput;

  @Option(names = "--window", paramLabel = "DURATION|all", defaultValue = "2d",
      description = "Simulate the last DURATION of the trace; everything before it is history the forecaster "
          + "learns from (default: ${DEFAULT-VALUE}; 1d in the flood scenario, which runs two sweeps; 'all' for the "
          + "whole trace, with no history).")
  String window;

  /** The command this mixin is part of: to tell a --window given from its default. */
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--scale", paramLabel = "X", defaultValue = "1",
      description = "What-if: traffic times X, history included, against the system sized for the traffic as "
          + "recorded (default: ${DEFAULT-VALUE}).")
  double scale;

  @Option(names = "--thin", paramLabel = "F", defaultValue = "1",
      description = "Replay F of the traffic against a system sized for it: the same situation in miniature, "
          + "for traces too big to replay whole, e.g. 0.01 (default: ${DEFAULT-VALUE}). Unlike --scale, "
          + "capacity shrinks with the traffic.")
  double thin;

  @Option(names = "--flash-crowd", paramLabel = "START,DURATION,FACTOR",
      description = "What-if: a flash crowd nobody forecast, e.g. 2025-02-02T12:00:00Z,30m,4 (repeatable).")
  List<String> crowds = new ArrayList<>();

  @Option(names = "--flood", paramLabel = "KEY|random,START,DURATION,MULTIPLIER",
      description = "Flood scenario: abusive traffic on KEY (or a random one) from START for DURATION at MULTIPLIER "
          + "times the key's normal rate then, e.g. tenant-2,2025-02-02T03:00:00Z,30m,8 (repeatable). Without it "
          + "the flood scenario lays a seeded schedule of floods, some at peaks and some in troughs.")
  List<String> floods = new ArrayList<>();

  @Option(names = "--tenants", paramLabel = "N", defaultValue = "3",
      description = "Tenants and flood scenarios on a one-key trace: N copies, each a day/N later and 1/N of the "
          + "traffic (default: ${DEFAULT-VALUE}).")
  int tenants;

  @Option(names = "--spread", paramLabel = "HOW", defaultValue = "POISSON",
      description = "How an interval's count becomes arrivals: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Spread spread;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the arrivals (default: ${DEFAULT-VALUE}).")
  long seed;

  /** The file to read: the one {@code --trace}, or the bundled trace beside the launcher. */
  Path traceFile() {
    if (!traces.isEmpty()) {
      return traces.getFirst();
    }
    String home = System.getProperty("headroom.home");
    Path bundled = home == null ? Path.of(BUNDLED) : Path.of(home).resolve(BUNDLED);
    if (!Files.exists(bundled)) {
      throw new IllegalArgumentException("no --trace given and the bundled trace " + bundled + " is missing");
    }
    return bundled;
  }

  /** Reads the trace and builds the input for {@code scenario}; notes skipped lines on {@code out}. */
  SimInput load(Scenario scenario, PrintStream out) throws IOException {
    return load(scenario, scale, out);
  }

  /** As {@link #load(Scenario, PrintStream)} at another traffic scale. */
  SimInput load(Scenario scenario, double trafficScale, PrintStream out) throws IOException {
    if (traces.size() > 1) {
      return loadMix(scenario, trafficScale, out);
    }
    Path file = traceFile();
    String name = file.getFileName().toString();
    SequencedMap<String, RateSeries> series = TraceSeries.of(read(file, out), name);
    if (scenario.sharedByKeys() && series.size() == 1) {
      series = TraceSeries.rotatedTenants(series.firstEntry().getValue(), "tenant", tenants);
    } else if (!scenario.sharedByKeys()) {
      series = TraceSeries.merged(series, name);
    }
    return of(name, series, plan(scenario, trafficScale));
  }

  /** The input; a flood that names an unknown key or misses the window is an error of {@code --flood}. */
  private static SimInput of(String name, SequencedMap<String, RateSeries> series, SimInput.Plan plan) {
    try {
      return SimInput.of(name, series, plan);
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("flood ")) {
        throw new IllegalArgumentException("--flood: " + e.getMessage(), e);
      }
      throw e;
    }
  }

  /**
   * Several traces, one tenant each (a trace's own keys summed), on one time axis
   * ({@link TraceSeries#mixed}); in the scenarios without tenants, their total.
   */
  private SimInput loadMix(Scenario scenario, double trafficScale, PrintStream out) throws IOException {
    SequencedMap<String, RateSeries> each = new LinkedHashMap<>();
    for (Path file : traces) {
      String name = file.getFileName().toString();
      String tenant = name;
      for (int n = 2; each.containsKey(tenant); n++) {
        tenant = name + "#" + n;
      }
      each.put(tenant, TraceSeries.merged(TraceSeries.of(read(file, out), tenant), tenant).firstEntry().getValue());
    }
    TraceSeries.Mix mix = TraceSeries.mixed(each);
    StringBuilder moved = new StringBuilder();
    mix.shiftDays().forEach((k, d) -> moved.append(moved.isEmpty() ? "" : ", ").append(k)
        .append(d == 0 ? " as recorded" : " moved " + d + " day(s) later"));
    out.println("mix      " + mix.series().size() + " traces as tenants: " + moved);
    String name = String.join("+", mix.series().keySet());
    SequencedMap<String, RateSeries> series = scenario.sharedByKeys() ? mix.series()
        : TraceSeries.merged(mix.series(), name);
    return of(name, series, plan(scenario, trafficScale));
  }

  private Trace read(Path file, PrintStream out) throws IOException {
    Trace t = traceInput.read(file, null);
    if (t.skippedLines() > 0) {
      out.printf("skipped %d bad line(s) of %s, such as %s%n", t.skippedLines(), file.getFileName(),
          t.skippedExamples().getFirst());
    }
    return t;
  }

  /** The plan for {@code scenario}: floods only in the flood scenario, as given or else a seeded schedule. */
  SimInput.Plan plan(Scenario scenario, double trafficScale) {
    if (!floods.isEmpty() && scenario != Scenario.FLOOD) {
      throw new IllegalArgumentException("--flood: only in the flood scenario (--scenario flood), not " + scenario.id());
    }
    List<Flood> parsed = floods.stream().map(SimulationInput::flood).toList();
    String w = scenario == Scenario.FLOOD && !given("--window") ? "1d" : window;
    return plan(trafficScale, w).withFloods(parsed, scenario == Scenario.FLOOD);
  }

  SimInput.Plan plan(double trafficScale, String window) {
    if (!(trafficScale > 0) || Double.isInfinite(trafficScale)) {
      throw new IllegalArgumentException("--scale: must be a positive number, got " + trafficScale);
    }
    if (!(thin > 0) || Double.isInfinite(thin)) {
      throw new IllegalArgumentException("--thin: must be a positive number, got " + thin);
    }
    SimInput.Plan p = SimInput.Plan.whole().withSpread(spread).withScale(trafficScale).withThin(thin).withSeed(seed)
        .withCrowds(crowds.stream().map(SimulationInput::crowd).toList());
    return "all".equalsIgnoreCase(window.trim()) ? p.withWindow(null) : p.withWindow(duration("--window", window));
  }

  private boolean given(String option) {
    return command == null || command.commandLine() == null || command.commandLine().getParseResult() == null
        || command.commandLine().getParseResult().hasMatchedOption(option);
  }

  /** A duration option's value, or an error naming the option. */
  static Duration duration(String option, String text) {
    try {
      return ShortDuration.parse(text);
    } catch (picocli.CommandLine.TypeConversionException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
    }
  }

  /** {@code KEY|random,START,DURATION,MULTIPLIER}, or an error naming {@code --flood} and the bad part. */
  static Flood flood(String text) {
    String[] parts = text.split(",");
    if (parts.length != 4) {
      throw new IllegalArgumentException("--flood: expected KEY|random,START,DURATION,MULTIPLIER such as "
          + "tenant-2,2025-02-02T03:00:00Z,30m,8, got \"" + text + "\"");
    }
    String key = parts[0].trim();
    if (key.isEmpty()) {
      throw new IllegalArgumentException("--flood: the key is empty in \"" + text + "\" (name a key, or random)");
    }
    Instant start;
    try {
      start = Instant.parse(parts[1].trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("--flood: start \"" + parts[1].trim()
          + "\" is not an ISO-8601 instant such as 2025-02-02T03:00:00Z");
    }
    Duration d = duration("--flood", parts[2]);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException("--flood: duration must be positive, got \"" + parts[2].trim() + "\"");
    }
    double multiplier;
    try {
      multiplier = Double.parseDouble(parts[3].trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--flood: multiplier \"" + parts[3].trim() + "\" is not a number");
    }
    if (!(multiplier > 0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("--flood: multiplier must be a positive number, got \"" + parts[3].trim()
          + "\"");
    }
    return new Flood(key.equalsIgnoreCase("random") ? null : key, start, d, multiplier);
  }

  static FlashCrowd crowd(String text) {
    String[] parts = text.split(",");
    if (parts.length != 3) {
      throw new IllegalArgumentException("--flash-crowd: expected START,DURATION,FACTOR such as "
          + "2025-02-02T12:00:00Z,30m,4, got \"" + text + "\"");
    }
    Instant start;
    try {
      start = Instant.parse(parts[0].trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("--flash-crowd: start \"" + parts[0].trim()
          + "\" is not an ISO-8601 instant such as 2025-02-02T12:00:00Z");
    }
    Duration d = duration("--flash-crowd", parts[1]);
    double factor;
    try {
      factor = Double.parseDouble(parts[2].trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--flash-crowd: factor \"" + parts[2].trim() + "\" is not a number");
    }
    return new FlashCrowd(start, d, factor, d.dividedBy(6));
  }
}
