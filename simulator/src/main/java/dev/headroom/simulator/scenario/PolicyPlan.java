package dev.headroom.simulator.scenario;

import dev.headroom.engine.policy.LimitStep;
import dev.headroom.engine.policy.RatePolicy;
import dev.headroom.engine.policy.SurpriseConfig;

/**
 * One policy ready to run: the engine's policy object, the static rate per key it starts from and
 * falls back to, and the forecasts it reads.
 *
 * @param name        the report's name for it
 * @param policies    the engine's policy for each key (usually one object for all); null for no
 *                    limiter at all
 * @param staticRates per key, tokens per second: the starting rate, the fallback, and for a static
 *                    policy the rate for good
 * @param forecasts   demand forecasts for a forecasting policy; null otherwise
 * @param adaptive    whether rates change at each tick (false for none and static)
 * @param lending     whether keys lend rate to each other at each tick by forecast (the
 *                    several-tenants scenario, {@link dev.headroom.engine.policy.Lending})
 * @param sharedBucket whether all keys share one bucket whose rate is the sum of {@code staticRates}
 *                    (one global static limit); not adaptive
 * @param surprise    surprise shedding over the keys sharing the backend ({@link LimitStep}); null for none
 * @param sharedCapacity what the keys share in {@link LimitStep} (the shedding budget, the lending
 *                    pool), requests per second; NaN for the backend's capacity
 */
public record PolicyPlan(String name, RatePolicy[] policies, double[] staticRates, DemandForecasts forecasts,
    boolean adaptive, boolean lending, boolean sharedBucket, SurpriseConfig surprise, double sharedCapacity) {

  public PolicyPlan(String name, RatePolicy[] policies, double[] staticRates, DemandForecasts forecasts,
      boolean adaptive, boolean lending) {
    this(name, policies, staticRates, forecasts, adaptive, lending, false, null, Double.NaN);
  }

  /** This plan with surprise shedding {@code s} at each tick, within {@code capacity} (NaN: the backend's). */
  public PolicyPlan withSurprise(SurpriseConfig s, double capacity) {
    return new PolicyPlan(name, policies, staticRates, forecasts, adaptive, lending, sharedBucket, s, capacity);
  }

  /**
   * The engine's {@link LimitStep} settings this plan ticks with: the shared capacity (or else the
   * backend's) when keys lend each other rate or shed by surprise; otherwise each key on its own.
   */
  public LimitStep.Settings stepSettings(double backendCapacityPerSecond) {
    if (!lending && surprise == null) {
      return LimitStep.Settings.separate();
    }
    return new LimitStep.Settings(Double.isNaN(sharedCapacity) ? backendCapacityPerSecond : sharedCapacity, lending,
        surprise);
  }

  public PolicyPlan {
    if (surprise != null && !adaptive) {
      throw new IllegalArgumentException(name + ": surprise shedding acts at ticks, so the plan must be adaptive");
    }
    if (sharedBucket && (adaptive || policies == null)) {
      throw new IllegalArgumentException(name + ": a shared bucket is a static limit");
    }
    if (policies == null && adaptive) {
      throw new IllegalArgumentException(name + ": an adaptive plan needs policies");
    }
    if (policies != null && policies.length != staticRates.length) {
      throw new IllegalArgumentException(name + ": " + policies.length + " policies for " + staticRates.length + " keys");
    }
    policies = policies == null ? null : policies.clone();
    staticRates = staticRates.clone();
    for (int i = 0; i < staticRates.length; i++) {
      if (!(staticRates[i] > 0) || Double.isInfinite(staticRates[i])) {
        throw new IllegalArgumentException(name + ": static rate of key " + i + " must be positive, got "
            + staticRates[i]);
      }
    }
  }

  /** A plan whose keys all run {@code policy} (null: no limiter). */
  public static PolicyPlan of(String name, RatePolicy policy, double[] staticRates, DemandForecasts forecasts,
      boolean adaptive, boolean lending) {
    RatePolicy[] each = null;
    if (policy != null) {
      each = new RatePolicy[staticRates.length];
      java.util.Arrays.fill(each, policy);
    }
    return new PolicyPlan(name, each, staticRates, forecasts, adaptive, lending);
  }

  /** One static limit of {@code globalRate} for all {@code keys} together, in one bucket. */
  public static PolicyPlan global(String name, double globalRate, int keys) {
    double[] shares = new double[keys];
    java.util.Arrays.fill(shares, globalRate / keys);
    RatePolicy[] each = new RatePolicy[keys];
    java.util.Arrays.fill(each, dev.headroom.engine.policy.StaticPolicy.INSTANCE);
    return new PolicyPlan(name, each, shares, null, false, false, true, null, Double.NaN);
  }

  public boolean limited() {
    return policies != null;
  }

  @Override
  public RatePolicy[] policies() {
    return policies == null ? null : policies.clone();
  }

  RatePolicy policy(int key) {
    return policies[key];
  }

  @Override
  public double[] staticRates() {
    return staticRates.clone();
  }

  double staticRate(int key) {
    return staticRates[key];
  }
}
