package dev.headroom.simulator.scenario;

import dev.headroom.engine.policy.RatePolicy;

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
 */
public record PolicyPlan(String name, RatePolicy[] policies, double[] staticRates, DemandForecasts forecasts,
    boolean adaptive, boolean lending) {

  public PolicyPlan {
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
