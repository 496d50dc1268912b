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
   */
  public record Options(List<Kind> policies, int threads, ProgressBar progress) {

    public Options {
      policies = List.copyOf(policies);
      if (policies.isEmpty()) {
        throw new IllegalArgumentException("name at least one policy");
      }
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1, got " + threads);
      }
    }

    /** Every policy, on every core, without a bar. */
    public static Options all() {
      return new Options(List.of(Kind.values()), Runtime.getRuntime().availableProcessors(), null);
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
      double bestFactor, int forecastFits, int replays, long wallNanos) {

    /** The named policy's result, or null when it was not compared. */
    public PolicyResult result(String policy) {
      return comparison.results().stream().filter(r -> r.policy().equals(policy)).findFirst().orElse(null);
    }
  }

  private Experiment() {}

  /** Runs the comparison; the sweep always runs, even when {@code static} is not among the policies. */
  public static Outcome run(SimInput input, Setup setup, Options options) {
    long started = System.nanoTime();
    List<Kind> kinds = options.policies();
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
        sweepRuns.add(pool.submit(() -> Replay.run(input, setup, plan, progress(options))));
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
        runs.add(pool.submit(() -> Replay.run(input, setup, plan, progress(options))));
      }
      List<PolicyResult> results = new ArrayList<>();
      for (int i = 0; i < kinds.size(); i++) {
        results.add(runs.get(i) == null ? sweep.get(best).withPolicy("static") : get(runs.get(i)));
      }
      String title = input.name() + ": scenario " + setup.scenario().number() + ", " + setup.scenario().description();
      return new Outcome(input, setup, new Comparison(title, results), sweep, bestFactor,
          fitted == null ? 0 : fitted.fits(), factors.length + (int) runs.stream().filter(r -> r != null).count(),
          System.nanoTime() - started);
    } finally {
      pool.shutdownNow(); // after a failure the other replays see the interrupt within 65,536 arrivals
      try {
        pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Replays a comparison will run for {@code kinds} (for a progress bar's total). */
  public static int replays(Scenario scenario, List<Kind> kinds) {
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
