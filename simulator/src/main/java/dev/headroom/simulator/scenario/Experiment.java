package dev.headroom.simulator.scenario;

import dev.headroom.simulator.report.Comparison;
import dev.headroom.simulator.report.PolicyResult;
import dev.headroom.simulator.scenario.PolicySpec.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * Compares policies on one input in one scenario, in parallel on all cores: first a sweep of
 * static limits (which finds the best static limit, so that the comparison is against a tuned
 * baseline, not a strawman) alongside the forecasts; then every asked policy, adaptive ones
 * starting from and falling back to that best static limit.
 */
public final class Experiment {

  /**
   * @param policies  the policies to compare, in report order
   * @param threads   replays run at once
   * @param progress  where progress goes (a bar, or nothing)
   * @param reportKey the key the report features (null: the one with the most abusive requests, else the busiest)
   */
  public record Options(List<Kind> policies, int threads, ProgressBar progress, String reportKey) {

    public Options(List<Kind> policies, int threads, ProgressBar progress) {
      this(policies, threads, progress, null);
    }

    public Options {
      policies = List.copyOf(policies);
      if (policies.isEmpty()) {
        throw new IllegalArgumentException("name at least one policy");
      }
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1, got " + threads);
      }
    }

    /** Every policy of the scenarios other than flood, on every core, without a bar. */
    public static Options all() {
      return new Options(PolicySpec.defaults(Scenario.PROTECT), Runtime.getRuntime().availableProcessors(), null);
    }
  }

  /**
   * What a comparison gives.
   *
   * @param comparison      the compared policies (the best static limit as {@code static})
   * @param sweep           every static limit tried, by factor
   * @param bestFactor      the best static limit's factor of the nominal share
   * @param forecastFits    model fits the predictive policies' forecasts took
   * @param replays         replays run (sweep included)
   * @param wallNanos       elapsed time of the whole comparison
   */
  public record Outcome(SimInput input, Setup setup, Comparison comparison, List<PolicyResult> sweep,
      double bestFactor, int forecastFits, int replays, long wallNanos, List<Sweep> sweeps) {

    public Outcome {
      sweeps = List.copyOf(sweeps);
    }

    /** The named policy's result, or null when it was not compared. */
    public PolicyResult result(String policy) {
      return comparison.results().stream().filter(r -> r.policy().equals(policy)).findFirst().orElse(null);
    }
  }

  /**
   * One sweep of static limits.
   *
   * @param name    the baseline it tunes ({@code static}, {@code static-global}, {@code static-per-key})
   * @param factors the factors tried, ascending
   * @param results per factor
   * @param best    index of the best
   * @param widened how many times the grid was widened because its best sat on an edge
   * @param onEdge  the best still sits on the grid's edge (after widening as far as allowed): not tuned
   */
  public record Sweep(String name, List<Double> factors, List<PolicyResult> results, int best, int widened,
      boolean onEdge) {

    public Sweep {
      factors = List.copyOf(factors);
      results = List.copyOf(results);
    }

    public double bestFactor() {
      return factors.get(best);
    }

    public PolicyResult bestResult() {
      return results.get(best);
    }

    /** In words, for the console: the best factor, what it is a factor of, and whether it is tuned. */
    public String describe(String unit) {
      return String.format(java.util.Locale.ROOT, "%s: best of %d limits x%.2f of %s (grid x%.2f-x%.2f%s)%s", name,
          factors.size(), bestFactor(), unit, factors.getFirst(), factors.getLast(),
          widened == 0 ? "" : ", widened " + widened + " time(s)",
          onEdge ? "; NOT TUNED: the best sits on the grid's edge" : "");
    }
  }

  /** Times a flood sweep's grid is widened at most (each step one more replay). */
  static final int MAX_WIDENING = 3;

  private Experiment() {}

  /** Runs the comparison; the sweep always runs, even when {@code static} is not among the policies. */
  public static Outcome run(SimInput input, Setup setup, Options options) {
    for (Kind k : options.policies()) {
      if (!PolicySpec.runsIn(k, setup.scenario())) {
        throw new IllegalArgumentException("policy " + k.id() + " does not run in scenario " + setup.scenario().id());
      }
    }
    if (setup.scenario() == Scenario.FLOOD) {
      return runFlood(input, setup, options);
    }
    long started = System.nanoTime();
    List<Kind> kinds = options.policies();
    int[] tracked = ReportKeys.choose(input, options.reportKey());
    boolean forecasting = kinds.stream().anyMatch(k -> k == Kind.PREDICTIVE || k == Kind.PREDICTIVE_REACTIVE);
    boolean needDemand = forecasting || kinds.contains(Kind.ORACLE) || kinds.contains(Kind.SCHEDULE);
    ExecutorService pool = Executors.newFixedThreadPool(options.threads(), daemons());
    try {
      Demand demand = needDemand ? Demand.of(input, setup.forecastStepMillis()) : null;
      int horizon = horizonSteps(setup);
      Future<FittedForecasts> fitting = forecasting
          ? pool.submit(() -> FittedForecasts.compute(demand, input.keys(), horizon, 86_400_000L,
              (int) (28 * 86_400_000L / setup.forecastStepMillis())))
          : null;
      Policies sweepPolicies = new Policies(setup, demand, null, null, 1);
      double[] factors = Policies.sweepFactors(setup.scenario());
      List<Future<PolicyResult>> sweepRuns = new ArrayList<>();
      for (double f : factors) {
        PolicyPlan plan = sweepPolicies.staticAt(f);
        sweepRuns.add(pool.submit(() -> Replay.run(input, setup, plan, tracked, progress(options))));
      }
      List<PolicyResult> sweep = new ArrayList<>();
      for (Future<PolicyResult> f : sweepRuns) {
        sweep.add(get(f));
      }
      int best = bestStatic(sweep);
      double bestFactor = factors[best];
      FittedForecasts fitted = fitting == null ? null : get(fitting);
      DemandForecasts oracle = demand == null ? null : new OracleForecasts(demand, horizon);
      Policies policies = new Policies(setup, demand, fitted, oracle, bestFactor);
      List<Future<PolicyResult>> runs = new ArrayList<>();
      for (Kind kind : kinds) {
        if (kind == Kind.STATIC) {
          runs.add(null);
          continue;
        }
        PolicyPlan plan = policies.plan(kind);
        runs.add(pool.submit(() -> Replay.run(input, setup, plan, tracked, progress(options))));
      }
      List<PolicyResult> results = new ArrayList<>();
      for (int i = 0; i < kinds.size(); i++) {
        results.add(runs.get(i) == null ? sweep.get(best).withPolicy("static") : get(runs.get(i)));
      }
      String title = input.name() + ": scenario " + setup.scenario().number() + ", " + setup.scenario().description();
      List<Double> grid = java.util.Arrays.stream(factors).boxed().toList();
      return new Outcome(input, setup, new Comparison(title, results), sweep, bestFactor,
          fitted == null ? 0 : fitted.fits(), factors.length + (int) runs.stream().filter(r -> r != null).count(),
          System.nanoTime() - started, List.of(new Sweep("static", grid, sweep, best, 0, false)));
    } finally {
      pool.shutdownNow(); // after a failure the other replays see the interrupt within 65,536 arrivals
      try {
        pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * The flood comparison: two sweeps (one global limit; a limit per key as a multiple of its
   * historical busy-minute demand), each widened until its best is inside its grid, then every asked
   * policy, adaptive ones starting from and falling back to the best per-key limits. The forecasts
   * are fitted on all traffic, floods included (a deployed forecaster cannot tell them apart); the
   * oracle forecasts the true legitimate demand.
   */
  private static Outcome runFlood(SimInput input, Setup setup, Options options) {
    long started = System.nanoTime();
    List<Kind> kinds = options.policies();
    ExecutorService pool = Executors.newFixedThreadPool(options.threads(), daemons());
    try {
      Demand demand = Demand.of(input, setup.forecastStepMillis());
      Demand legitimate = Demand.of(input, setup.forecastStepMillis(), true);
      int horizon = horizonSteps(setup);
      boolean forecasting = kinds.stream().anyMatch(k -> k.forecasting() && k != Kind.ORACLE);
      Future<FittedForecasts> fitting = forecasting
          ? pool.submit(() -> FittedForecasts.compute(demand, input.keys(), horizon, 86_400_000L,
              (int) (28 * 86_400_000L / setup.forecastStepMillis())))
          : null;
      double[] busy = Policies.busyPerKey(input, legitimate);
      int[] tracked = ReportKeys.choose(input, options.reportKey());
      int[] replays = {0};
      Sweep perKey = sweep("static-per-key", Policies.perKeySweepFactors(), f -> Policies.perKeyAt(busy, f), input,
          setup, pool, options, replays);
      Sweep global = sweep("static-global", Policies.globalSweepFactors(), f -> Policies.globalAt(setup, f), input,
          setup, pool, options, replays);
      FittedForecasts fitted = fitting == null ? null : get(fitting);
      DemandForecasts oracle = new OracleForecasts(legitimate, horizon);
      Policies policies = new Policies(setup, demand, fitted, oracle, busy, perKey.bestFactor(), global.bestFactor());
      List<Future<PolicyResult>> runs = new ArrayList<>();
      for (Kind kind : kinds) {
        if (kind == Kind.STATIC_PER_KEY || kind == Kind.STATIC_GLOBAL) {
          runs.add(null);
          continue;
        }
        PolicyPlan plan = policies.plan(kind);
        runs.add(pool.submit(() -> Replay.run(input, setup, plan, tracked, progress(options))));
        replays[0]++;
      }
      List<PolicyResult> results = new ArrayList<>();
      for (int i = 0; i < kinds.size(); i++) {
        Kind k = kinds.get(i);
        results.add(k == Kind.STATIC_PER_KEY ? perKey.bestResult().withPolicy(k.id())
            : k == Kind.STATIC_GLOBAL ? global.bestResult().withPolicy(k.id()) : get(runs.get(i)));
      }
      List<PolicyResult> both = new ArrayList<>(global.results());
      both.addAll(perKey.results());
      String title = input.name() + ": scenario " + setup.scenario().number() + ", " + setup.scenario().description();
      return new Outcome(input, setup, new Comparison(title, results), both, perKey.bestFactor(),
          fitted == null ? 0 : fitted.fits(), replays[0], System.nanoTime() - started, List.of(global, perKey));
    } finally {
      pool.shutdownNow();
      try {
        pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Runs {@code plans} at every factor of {@code grid} and keeps the best by {@link #bestForFlood};
   * while the best sits on an edge, tries one factor further out (x0.7 below, x1.4 above), at most
   * {@link #MAX_WIDENING} times. A best still on the edge is reported as not tuned.
   */
  static Sweep sweep(String name, double[] grid, java.util.function.DoubleFunction<PolicyPlan> plans, SimInput input,
      Setup setup, ExecutorService pool, Options options, int[] replays) {
    List<Double> factors = new ArrayList<>();
    List<Future<PolicyResult>> runs = new ArrayList<>();
    int[] tracked = ReportKeys.choose(input, options.reportKey()); // the best becomes a baseline in the report
    for (double f : grid) {
      PolicyPlan plan = plans.apply(f);
      factors.add(f);
      runs.add(pool.submit(() -> Replay.run(input, setup, plan, tracked, progress(options))));
    }
    List<PolicyResult> results = new ArrayList<>();
    for (Future<PolicyResult> r : runs) {
      results.add(get(r));
    }
    replays[0] += grid.length;
    int widened = 0;
    int best = bestForFlood(results);
    while ((best == 0 || best == factors.size() - 1) && widened < MAX_WIDENING) {
      boolean low = best == 0;
      double f = low ? factors.getFirst() * 0.7 : factors.getLast() * 1.4;
      PolicyResult r = Replay.run(input, setup, plans.apply(f), tracked, progress(options));
      replays[0]++;
      widened++;
      if (low) {
        factors.addFirst(f);
        results.addFirst(r);
      } else {
        factors.addLast(f);
        results.addLast(r);
      }
      best = bestForFlood(results);
    }
    return new Sweep(name, factors, results, best, widened, best == 0 || best == factors.size() - 1);
  }

  /**
   * The flood scenario's best static limit, the same rule for both sweeps: the loosest limit that
   * keeps the backend as healthy as any limit tried. Among the limits whose overload time is within
   * {@link #OVERLOAD_TOLERANCE_SECONDS} (or 5%) of the sweep's least, the fewest legitimate
   * rejections; then the most legitimate goodput; then the fewest abusive requests admitted.
   */
  static int bestForFlood(List<PolicyResult> sweep) {
    double least = sweep.stream().mapToDouble(PolicyResult::overloadSeconds).min().orElse(0);
    double bar = least + Math.max(OVERLOAD_TOLERANCE_SECONDS, 0.05 * least);
    Comparator<Integer> order = Comparator.<Integer>comparingLong(i -> sweep.get(i).labels().legitimateRejected())
        .thenComparingLong(i -> -sweep.get(i).labels().legitimateGoodput())
        .thenComparingLong(i -> sweep.get(i).labels().abusiveAdmitted());
    int best = -1;
    for (int i = 0; i < sweep.size(); i++) {
      if (sweep.get(i).overloadSeconds() <= bar && (best < 0 || order.compare(i, best) < 0)) {
        best = i;
      }
    }
    return best;
  }

  /** Overload within this of a sweep's least counts as equal: sampling noise, not a difference. */
  static final double OVERLOAD_TOLERANCE_SECONDS = 60;

  /** Replays a comparison will run for {@code kinds} (for a progress bar's total; flood sweeps may widen beyond it). */
  public static int replays(Scenario scenario, List<Kind> kinds) {
    if (scenario == Scenario.FLOOD) {
      return Policies.perKeySweepFactors().length + Policies.globalSweepFactors().length
          + (int) kinds.stream().filter(k -> k != Kind.STATIC_PER_KEY && k != Kind.STATIC_GLOBAL).count();
    }
    return Policies.sweepFactors(scenario).length + (int) kinds.stream().filter(k -> k != Kind.STATIC).count();
  }

  /**
   * The best static limit: the most goodput (completed within the objective); near-ties (within
   * 0.5%) go to fewer avoidable rejections, then to less overload.
   */
  static int bestStatic(List<PolicyResult> sweep) {
    long top = sweep.stream().mapToLong(PolicyResult::goodput).max().orElse(0);
    Comparator<Integer> order = Comparator.<Integer>comparingLong(i -> sweep.get(i).avoidableRejections())
        .thenComparingDouble(i -> sweep.get(i).overloadSeconds());
    int best = -1;
    for (int i = 0; i < sweep.size(); i++) {
      if (sweep.get(i).goodput() >= top * 0.995 && (best < 0 || order.compare(i, best) < 0)) {
        best = i;
      }
    }
    return best;
  }

  /** Forecast steps the policies look ahead: the lead, a refresh and the provisioning delay, twice. */
  static int horizonSteps(Setup setup) {
    long ahead = setup.lead().toMillis() + setup.refreshNanos() / 1_000_000L
        + (setup.autoscaler() == null ? 0 : setup.autoscaler().provisioningDelayNanos() / 1_000_000L);
    return (int) Math.max(12, 2 * Math.ceilDiv(ahead, setup.forecastStepMillis()) + 2);
  }

  private static java.util.function.LongConsumer progress(Options options) {
    return options.progress() == null ? n -> { } : options.progress()::add;
  }

  private static <T> T get(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("simulation interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      Throwable root = e.getCause();
      while (root.getCause() != null) {
        root = root.getCause();
      }
      // Errors (a bug, a missing native library) keep their stack trace through the cause.
      throw new IllegalStateException("simulation failed: " + e.getCause() + (root == e.getCause() ? ""
          : " caused by " + root), e.getCause());
    }
  }

  private static ThreadFactory daemons() {
    return Thread.ofPlatform().daemon().name("replay-", 0).factory();
  }
}
