package dev.headroom.cli;

import dev.headroom.bench.limiter.LimiterBench;
import dev.headroom.bench.limiter.Regime;
import java.nio.file.Path;
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
 * {@code headroom bench NAME}: JMH measurements of Headroom against rival libraries. Each prints a
 * table and writes {@code bench-results/NAME.json} (format: /work/shared/BENCHMARKS.md).
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
        "Measure Headroom against rival libraries (JMH, forked JVMs).",
        "Each benchmark prints a table and writes bench-results/NAME.json in the current directory."},
    subcommands = {BenchCommand.Limiter.class})
public final class BenchCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Options every benchmark subcommand takes. */
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

    @Option(names = "--results-dir", paramLabel = "DIR", defaultValue = "bench-results",
        description = "Where the JSON report goes (default: ${DEFAULT-VALUE}, relative to the current directory).")
    Path resultsDir;

    /** The filter compiled, or null for everything. */
    public Pattern filterPattern() {
      if (filter == null || filter.isEmpty()) {
        return null;
      }
      try {
        return Pattern.compile(filter);
      } catch (PatternSyntaxException e) {
        throw new ParameterException(mixee.commandLine(), "--filter: not a regular expression: " + e.getDescription());
      }
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
          chosen, threads.stream().distinct().toList(), options.resultsDir), System.out);
    }
  }
}
