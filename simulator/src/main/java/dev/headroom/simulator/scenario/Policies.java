package dev.headroom.simulator.scenario;

import dev.headroom.engine.policy.MinPolicy;
import dev.headroom.engine.policy.PredictiveConfig;
import dev.headroom.engine.policy.PredictivePolicy;
import dev.headroom.engine.policy.Quantile;
import dev.headroom.engine.policy.RateBounds;
import dev.headroom.engine.policy.RatePolicy;
import dev.headroom.engine.policy.ReactiveConfig;
import dev.headroom.engine.policy.ReactivePolicy;
import dev.headroom.engine.policy.ScheduleEntry;
import dev.headroom.engine.policy.SchedulePolicy;
import dev.headroom.engine.policy.StaticPolicy;
import dev.headroom.forecaster.series.RateSeries;
import dev.headroom.simulator.scenario.PolicySpec.Kind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds each compared policy from the engine's own policy classes, configured for a scenario's
 * system: the same ceiling for all (the capacity, or the provider's ceiling in the quota scenario),
 * the same floor, and the best static limit as what adaptive policies start from and fall back to.
 */
final class Policies {

  /** Static limits tried by the sweep, as multiples of a key's share of capacity. */
  static double[] sweepFactors(Scenario scenario) {
    return switch (scenario) {
      case QUOTA -> new double[] {1, 1.25, 1.5, 2, 2.5, 3};
      // A tenant's share is a third of a capacity sized for the total: its best limit may lie far above.
      case TENANTS -> new double[] {0.6, 0.8, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0};
      default -> new double[] {0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.25};
    };
  }

  private final Setup setup;
  private final Demand demand;
  private final DemandForecasts fitted;
  private final DemandForecasts oracle;
  private final double base;

  /**
   * @param base the best static factor: adaptive policies start from and fall back to it, and in a
   *             backend scenario it is also their ceiling, because the sweep found it to be the most
   *             the backend takes with goodput (a rate above it only buys overload)
   */
  Policies(Setup setup, Demand demand, DemandForecasts fitted, DemandForecasts oracle, double base) {
    this.setup = setup;
    this.demand = demand;
    this.fitted = fitted;
    this.oracle = oracle;
    this.base = base;
  }

  /** A static limit at {@code factor} of each key's share, named by its factor. */
  PolicyPlan staticAt(double factor) {
    return PolicyPlan.of(PolicySpec.staticAt(factor).name(), StaticPolicy.INSTANCE, rates(factor), null, false,
        false);
  }

  /** The plan for {@code kind}; the best static limit is named plainly {@code static}. */
  PolicyPlan plan(Kind kind) {
    double[] baseRates = rates(base);
    return switch (kind) {
      case NONE -> PolicyPlan.of("none", null, baseRates, null, false, false);
      case STATIC -> PolicyPlan.of("static", StaticPolicy.INSTANCE, baseRates, null, false, false);
      case SCHEDULE -> {
        RatePolicy[] each = new RatePolicy[setup.keys()];
        for (int k = 0; k < each.length; k++) {
          each[k] = schedule(k, baseRates[k]);
        }
        yield new PolicyPlan("schedule", each, baseRates, null, true, lending());
      }
      case REACTIVE -> adaptive("reactive", reactive(), baseRates, null);
      case PREDICTIVE -> adaptive("predictive", predictive(), baseRates, fitted);
      case PREDICTIVE_REACTIVE -> adaptive("predictive+reactive", new MinPolicy(predictive(), reactive()),
          baseRates, fitted);
      case ORACLE -> adaptive("oracle", predictive(), baseRates, oracle);
    };
  }

  private PolicyPlan adaptive(String name, RatePolicy policy, double[] baseRates, DemandForecasts forecasts) {
    return PolicyPlan.of(name, policy, baseRates, forecasts, true, lending());
  }

  /** Tenants lend each other rate by forecast ({@link dev.headroom.engine.policy.Lending}); elsewhere keys are capped separately. */
  private boolean lending() {
    return setup.scenario() == Scenario.TENANTS && setup.keys() > 1;
  }

  private double[] rates(double factor) {
    double[] r = new double[setup.keys()];
    Arrays.fill(r, factor * setup.sharePerKey());
    return r;
  }

  /**
   * The highest rate an adaptive policy may set for one key: the provider's ceiling when pacing a
   * quota; the largest fleet's capacity for the elastic backend (capacity a forecast reserves ahead
   * is there when the peak comes); otherwise the best static limit's share of the whole capacity
   * (for tenants: all of it, since a tenant alone at its peak may use what the others leave). With a
   * fixed backend, the sweep found the best static limit to be the most it takes with goodput: a
   * rate above it only buys overload.
   */
  double max() {
    return switch (setup.scenario()) {
      case QUOTA -> setup.providerCeiling();
      case ELASTIC -> Math.max(base, 1.0) * setup.capacityPerSecond();
      default -> base * setup.capacityPerSecond();
    };
  }

  double min() {
    return Math.max(1e-3, 0.05 * setup.sharePerKey());
  }

  /**
   * The predictive policy's floor. Where a key has its own capacity (one service, an elastic one, a
   * quota) it is the best static limit: a forecast raises the limit ahead of a peak and never
   * tightens it below what a tuned static limit allows, since a limit under the capacity only turns
   * away bursts the backend had room for. Tenants get the usual floor: a quiet tenant's forecast
   * below its static rate is what it lends to busy ones ({@link dev.headroom.engine.policy.Lending}).
   */
  double predictiveFloor() {
    return setup.scenario() == Scenario.TENANTS ? min() : Math.min(max(), base * setup.sharePerKey());
  }

  PredictivePolicy predictive() {
    long step = setup.forecastStepMillis();
    return new PredictivePolicy(new PredictiveConfig(Quantile.P90, setup.lead(),
        Duration.ofNanos(setup.refreshNanos()), setup.headroom(), new RateBounds(predictiveFloor(), max(), 2.0),
        Duration.ofMillis(3 * step)));
  }

  /**
   * AIMD on latency over the objective (the quota scenario: on the provider's 429s only), 10% down
   * on trouble, up by 1% of the ceiling per tick while at least half the rate is used.
   */
  ReactivePolicy reactive() {
    double target = setup.scenario() == Scenario.QUOTA ? Double.POSITIVE_INFINITY : setup.objectiveNanos() / 1e6;
    return new ReactivePolicy(ReactiveConfig.defaults(ReactivePolicy.Mode.AIMD, target, min(), max()));
  }

  /**
   * Key {@code key}'s rate per UTC hour of the day from its history: that hour's 90th percentile of demand over
   * the past days, times the headroom, within the bounds. This is the schedule an operator would
   * write from last month's dashboards. With under a day of history there is nothing to write, and
   * the static rate holds.
   */
  RatePolicy schedule(int key, double staticRate) {
    if (demand == null) {
      return StaticPolicy.INSTANCE;
    }
    List<ScheduleEntry> entries = new ArrayList<>();
    RateSeries h = demand.history().get(key);
    if (h.size() * h.stepMillis() < 86_400_000L) {
      return StaticPolicy.INSTANCE;
    }
    List<List<Double>> byHour = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      byHour.add(new ArrayList<>());
    }
    for (int i = 0; i < h.size(); i++) {
      if (!h.isMissing(i)) {
        int hour = Instant.ofEpochMilli(h.timeMillis(i)).atZone(ZoneOffset.UTC).getHour();
        byHour.get(hour).add(h.value(i) * 1000.0 / h.stepMillis());
      }
    }
    for (int hour = 0; hour < 24; hour++) {
      List<Double> v = byHour.get(hour);
      double rate = staticRate;
      if (!v.isEmpty()) {
        double[] sorted = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double p90 = sorted[(int) Math.min(sorted.length - 1, Math.floor(0.9 * sorted.length))];
        rate = Math.clamp(p90 * setup.headroom(), min(), max());
      }
      LocalTime from = LocalTime.of(hour, 0);
      LocalTime to = LocalTime.of((hour + 1) % 24, 0); // 23:00-00:00 wraps past midnight
      entries.add(ScheduleEntry.daily(from, to, rate));
    }
    return new SchedulePolicy(ZoneOffset.UTC, entries);
  }
}
