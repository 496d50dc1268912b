package dev.headroom.cli;

import dev.headroom.bench.simulator.SimulatorBench;
import dev.headroom.bench.engine.EngineBench;
import dev.headroom.bench.forecast.FitScale;
import dev.headroom.bench.forecast.ForecastBench;
import dev.headroom.bench.forecast.ProtocolSeries;
import dev.headroom.bench.forecast.ProtocolTraces;
import dev.headroom.bench.forecast.StatsmodelsBaseline;
import dev.headroom.bench.limiter.LimiterBench;
import dev.headroom.bench.limiter.Regime;
import dev.headroom.bench.policy.PolicyBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code headroom bench NAME}: measurements of Headroom against rival libraries (limiter, with JMH),
 * forecasting baselines (forecast) and a bare HTTP server (engine, with wrk). Each prints a table and writes {@code bench-results/NAME.json} (format: /work/shared/BENCHMARKS.md).
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
        "Measure Headroom against rival libraries and baselines.",
        "Each benchmark prints a table and writes bench-results/NAME.json in the current directory."},
    subcommands = {BenchCommand.Limiter.class, BenchCommand.Forecast.class, BenchCommand.Engine.class,
        BenchCommand.Simulator.class, BenchCommand.Policy.class})
public final class BenchCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** {@code --filter} compiled, or null for everything; a bad pattern is a usage error naming the option. */
  static Pattern filterPattern(CommandSpec spec, String filter) {
    if (filter == null || filter.isEmpty()) {
      return null;
    }
    try {
      return Pattern.compile(filter);
    } catch (PatternSyntaxException e) {
      throw new ParameterException(spec.commandLine(), "--filter: not a regular expression: " + e.getDescription());
    }
  }

  /** Where a benchmark writes its JSON report: every bench subcommand takes it, alike. */
  public static final class ResultsDir {

    @Option(names = "--results-dir", paramLabel = "DIR", defaultValue = "bench-results",
        description = "Where the JSON report goes (default: ${DEFAULT-VALUE}, relative to the current directory).")
    Path dir;
  }

  /** Options of the JMH benchmark subcommands. */
  public static final class Options {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--quick", description = "Smoke run: 1 fork, short warm-up and measurement. Figures are rough.")
    boolean quick;

    @Option(names = "--forks", paramLabel = "N",
        description = "JVMs per benchmark (default 1). Contended figures on a small machine can be bimodal "
            + "from one JVM to the next; more forks pool them.")
    Integer forks;

    @Option(names = "--filter", paramLabel = "REGEX",
        description = "Run only the benchmarks whose name matches REGEX (a find, so 'Hot' or 'headroom|bucket4j' work).")
    String filter;

    @Mixin
    ResultsDir results;

    /** The filter compiled, or null for everything. */
    public Pattern filterPattern() {
      return BenchCommand.filterPattern(mixee, filter);
    }
  }

  /** {@code headroom bench limiter}. */
  @Command(
      name = "limiter",
      mixinStandardHelpOptions = true,
      description = {
          "Headroom's limiter core against Bucket4j, Guava, Resilience4j and Sentinel.",
          "Throughput of tryAcquire (and decide) on one hot key and on 100,000 random",
          "keys, 1 and 2 threads, every limiter at the same rate and burst; the cost of",
          "setRate; bytes per idle key (compact object headers off and on).",
          "Full run: about 9 minutes on 2 cores. --quick (allow regime, short",
          "iterations): under 2 minutes."},
      footer = {
          "",
          "Names for --filter (a regular expression, matched with find):",
          "  hot key    headroomTokenBucketHot headroomTokenBucketCoarseHot",
          "             headroomGcraHot headroomDecideHot",
          "             bucket4jHot guavaHot resilience4jHot sentinelHot floorHot",
          "  100k keys  headroomTokenBucketKeyed headroomTokenBucketCoarseKeyed",
          "             headroomGcraKeyed headroomDecideKeyed",
          "             bucket4jKeyed guavaKeyed resilience4jKeyed sentinelKeyed",
          "             floorKeyed",
          "Coarse: the token bucket on a clock ticking every 1 ms (CoarseClock).",
          "  setRate    headroomSetRate bucket4jReplaceConfiguration guavaSetRate",
          "             resilience4jChangeLimitForPeriod",
          "  memory     footprint",
          "floor: no limiter, only the clock read (and key lookup) every limiter pays;",
          "measured in the allow regime only."})
  public static final class Limiter implements Callable<Integer> {

    @Mixin
    Options options;

    @Option(names = "--regime", split = ",", paramLabel = "REGIME",
        description = "allow (almost every call admitted: the headline figures) and/or limit (almost every "
            + "call denied: the check that nothing depends on the regime). Default: allow,limit; "
            + "with --quick, allow.")
    List<Regime> regimes;

    @Option(names = "--threads", split = ",", paramLabel = "N", defaultValue = "1,2",
        description = "JMH thread counts. Default: ${DEFAULT-VALUE}.")
    List<Integer> threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (threads.stream().anyMatch(t -> t < 1)) {
        throw new ParameterException(spec.commandLine(), "--threads: at least 1");
      }
      if (options.forks != null && options.forks < 1) {
        throw new ParameterException(spec.commandLine(), "--forks: at least 1");
      }
      List<Regime> chosen = regimes != null ? regimes.stream().distinct().toList()
          : options.quick ? List.of(Regime.ALLOW) : List.of(Regime.ALLOW, Regime.LIMIT);
      return LimiterBench.run(new LimiterBench.Options(options.quick, options.forks, options.filterPattern(),
          chosen, threads.stream().distinct().toList(), options.results.dir), System.out);
    }
  }

  /** {@code headroom bench forecast}. */
  @Command(
      name = "forecast",
      mixinStandardHelpOptions = true,
      description = {
          "The rolling-origin evaluation of shared/FORECAST_PROTOCOL.md on every trace of the",
          "datasets folder: MASE and sMAPE at each horizon, P90/P99 coverage and fit time for",
          "each Java method (seasonal naive, Headroom's models and automatic choice) and the",
          "statsmodels baselines (damped Holt-Winters; STL with ARIMA(1,0,0)) on the same",
          "splits, in one run; then the protocol's averages and the issue's targets.",
          "Progress goes to standard error. Full run: about 5 minutes on 2 cores, nearly all",
          "of it statsmodels on the 5-minute rows; --quick: under a minute."},
      footer = {
          "",
          "Rows for --filter (a regular expression, matched with find):",
          "  nasa/5m nasa/1h twitter/5m twitter/1h worldcup/5m worldcup/1h wikipedia/1h",
          "  aws/5m aws/1h azure-code/10s azure-conv/10s",
          "statsmodels runs in one python3 process (script: a resource of this jar). Without",
          "--python, python3 on the PATH is tried, then /usr/bin/python3 (where Debian's",
          "python3-statsmodels lives); if neither imports statsmodels, its rows say so."})
  public static final class Forecast implements Callable<Integer> {

    @Option(names = "--datasets", paramLabel = "DIR",
        description = "The shared datasets folder (default: system property headroom.datasets, else "
            + "../shared/datasets beside this checkout, else /work/shared/datasets).")
    Path datasets;

    @Option(names = "--filter", paramLabel = "REGEX",
        description = "Evaluate only the rows whose name matches REGEX (a find: 'nasa', '/1h', 'azure').")
    String filter;

    @Option(names = "--quick",
        description = "Smoke run: each trace's coarsest step only and its last 2 origins. Figures are not the protocol's.")
    boolean quick;

    @Mixin
    ResultsDir results;

    @Option(names = "--python", paramLabel = "CMD",
        description = "The Python interpreter for the statsmodels baselines (default: python3, then /usr/bin/python3).")
    String python;

    @Option(names = "--python-timeout", paramLabel = "MINUTES", defaultValue = "60",
        description = "Stop the statsmodels fits after this long; unfinished rows say so (default: ${DEFAULT-VALUE}).")
    long pythonTimeoutMinutes;

    @Option(names = "--no-statsmodels", description = "Skip the statsmodels baselines (their rows then say so).")
    boolean noStatsmodels;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (pythonTimeoutMinutes < 1) {
        throw new ParameterException(spec.commandLine(), "--python-timeout: at least 1 minute");
      }
      Pattern pattern = filterPattern(spec, filter);
      Path dir = datasets != null ? datasets : ForecastBench.defaultDatasets();
      if (!Files.isDirectory(dir)) {
        throw new ParameterException(spec.commandLine(), "--datasets: " + dir + " is not a folder");
      }
      System.err.println("bench forecast: preparing the protocol rows from " + dir + " ...");
      List<ProtocolSeries> rows = ProtocolTraces.load(dir);
      ForecastBench.Options options = new ForecastBench.Options(pattern, quick, !noStatsmodels,
          new StatsmodelsBaseline.Settings(python, Duration.ofMinutes(pythonTimeoutMinutes)), results.dir);
      return ForecastBench.run(options, rows, quick ? null : FitScale.nasaMinutes(dir), System.out, System.err);
    }
  }
  /** {@code headroom bench engine}. */
  @Command(
      name = "engine",
      mixinStandardHelpOptions = true,
      description = {
          "The service under wrk on loopback, each server in a JVM of its own with this one's flags:",
          "a bare Vert.x hello route against the decision API (POST /v1/check; one key, then",
          "distinct keys), a trivial upstream direct against the gateway in front of it (throughput,",
          "then p99 at half the gateway's peak, paced with wrk's delay hook since Debian's wrk has no",
          "constant-rate mode), a minimal hand-written Vert.x proxy as the reference for what any extra",
          "HTTP hop costs, the heap one million resident keys take, and the heap a minute after one",
          "million one-shot keys through the default config. Targets: decision API >= 80%% of the",
          "bare route; gateway adds <= 1 ms p99; <= 300 MB for 1M keys, and a minute after them.",
          "Needs wrk (Debian package wrk). Progress goes to standard error.",
          "Full run: 3 interleaved rounds of 10 s per server, about 7.5 minutes;",
          "--quick: 1 round of 2 s and 100,000 keys, about a minute."})
  public static final class Engine implements Callable<Integer> {

    @Option(names = "--quick", description = "Smoke run: one round of short runs, 100,000 keys for the heap. Figures are rough.")
    boolean quick;

    @Option(names = "--duration", paramLabel = "S",
        description = "Seconds of each measured wrk run (default: 10, with --quick 2).")
    Integer duration;

    @Option(names = "--instances", paramLabel = "N",
        description = "HTTP server instances (event loops) of every server, Headroom's and the baselines' "
            + "(default: the number of cores, as headroom serve).")
    Integer instances;

    @Option(names = "--settle", paramLabel = "S",
        description = "Idle seconds after the one-shot keys before their heap is measured (default: 60, with --quick 5).")
    Integer settle;

    @Mixin
    ResultsDir results;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (duration != null && duration < 1) {
        throw new ParameterException(spec.commandLine(), "--duration: at least 1 second");
      }
      if (instances != null && instances < 1) {
        throw new ParameterException(spec.commandLine(), "--instances: at least 1");
      }
      if (settle != null && settle < 0) {
        throw new ParameterException(spec.commandLine(), "--settle: at least 0 seconds");
      }
      int n = instances != null ? instances : Runtime.getRuntime().availableProcessors();
      return EngineBench.run(new EngineBench.Options(quick, duration, n, results.dir, settle), System.out, System.err);
    }
  }

  /** {@code headroom bench simulator}. */
  @Command(
      name = "simulator",
      mixinStandardHelpOptions = true,
      description = {
          "The discrete-event simulator: raw event throughput on the hold model (1e3, 1e5 and",
          "1e6 pending events, both event queues side by side); the same M/M/1 plus token",
          "bucket model in SimPy and in ours, in one run (speed-up, and the mean queue length",
          "both find); the whole NASA 1995 trace in scenario 1 with five policies (wall time);",
          "every policy on every trace of ../shared/datasets in every scenario, judged",
          "against the targets ('policies'); and the flood scenario on those traces and the",
          "bundled synthetic one ('flood'). Progress goes to standard error. Full run: about 10 minutes on",
          "2 cores; --quick: about 2."},
      footer = {
          "",
          "Parts for --filter (a regular expression, matched with find):",
          "  hold             the hold model",
          "  simpy            the SimPy comparison",
          "  nasa-5-policies  the whole NASA trace, five policies, wall time",
          "  ^policies        policies on every shared trace in every scenario",
          "SimPy runs in one python3 process (script: a resource of this jar). Without --python,",
          "python3 on the PATH is tried, then /usr/bin/python3 (where Debian's python3-simpy",
          "lives); if neither imports simpy or SimPy, its rows say so."})
  public static final class Simulator implements Callable<Integer> {

    @Option(names = "--quick", description = "Smoke run: fewer and shorter runs. Figures are rough.")
    boolean quick;

    @Option(names = "--filter", paramLabel = "REGEX",
        description = "Run only the parts whose name matches REGEX (a find: 'hold', 'simpy').")
    String filter;

    @Mixin
    ResultsDir results;

    @Option(names = "--python", paramLabel = "CMD",
        description = "The Python interpreter for SimPy (default: python3, then /usr/bin/python3).")
    String python;

    @Option(names = "--python-timeout", paramLabel = "MINUTES", defaultValue = "10",
        description = "Stop the SimPy run after this long; its rows then say so (default: ${DEFAULT-VALUE}).")
    long pythonTimeoutMinutes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (pythonTimeoutMinutes < 1) {
        throw new ParameterException(spec.commandLine(), "--python-timeout: at least 1 minute");
      }
      Pattern pattern = filterPattern(spec, filter);
      return SimulatorBench.run(new SimulatorBench.Options(quick, pattern, results.dir, python,
          Duration.ofMinutes(pythonTimeoutMinutes)), System.out, System.err);
    }
  }

  /** {@code headroom bench policy}. */
  @Command(
      name = "policy",
      mixinStandardHelpOptions = true,
      description = {
          "The service's policy loop (the loop headroom serve runs, without HTTP or threads) on a",
          "virtual clock, with many active keys of one predictive limit: every key's interval is fed",
          "and every key decided at each refresh; the busiest keys (models) have models of their own,",
          "refitted once per refit period (15 refreshes), the rest follow their share of the limit's",
          "total. Traffic is synthetic: Zipf-distributed key volumes, a daily cycle, Poisson noise.",
          "After a warm-up (first fits, then one refit period), one refit period is measured: the loop",
          "thread's CPU time over the period's length (target: at most 1 core), time per tick, fits,",
          "and the heap the loop's state holds. Full run (100,000 keys): a few minutes; --quick:",
          "5,000 keys, 100 models, seconds."})
  public static final class Policy implements Callable<Integer> {

    @Option(names = "--quick", description = "Smoke run: 5,000 keys, 100 models, 2 days of history.")
    boolean quick;

    @Option(names = "--keys", paramLabel = "N", description = "Active keys (default 100000; with --quick 5000).")
    Integer keys;

    @Option(names = "--models", paramLabel = "N",
        description = "Keys with a model of their own, the policy's models (default 1000; with --quick 100).")
    Integer models;

    @Option(names = "--refresh", paramLabel = "DURATION", converter = ShortDuration.class,
        description = "The policy's refresh, one tick; the refit period is 15 of them (default 1m).")
    Duration refresh;

    @Option(names = "--history", paramLabel = "DURATION", converter = ShortDuration.class,
        description = "History each fit reads, the policy's history (default 7d; with --quick 2d).")
    Duration history;

    @Mixin
    ResultsDir results;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PolicyBench.Options base = quick ? PolicyBench.Options.quick(results.dir) : PolicyBench.Options.full(results.dir);
      PolicyBench.Options options;
      try {
        options = new PolicyBench.Options(keys != null ? keys : base.keys(), models != null ? models : base.models(),
            refresh != null ? refresh : base.refresh(), history != null ? history : base.history(), base.perKey(),
            quick, results.dir);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      return PolicyBench.run(options, System.out, System.err);
    }
  }
}
