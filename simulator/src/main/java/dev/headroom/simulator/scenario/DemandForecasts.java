package dev.headroom.simulator.scenario;

import dev.headroom.engine.policy.ForecastView;

/** Each key's demand forecast as a policy sees it at a tick. */
public interface DemandForecasts {

  /** The forecast for key {@code key} that a policy may use at {@code nowMillis}; null for none. */
  ForecastView at(int key, long nowMillis);

  /**
   * The forecast of all keys together at {@code nowMillis}, which keys without a model of their own
   * follow a share of (as in the service, {@link dev.headroom.engine.policy.KeyHierarchy}); null for none.
   */
  default ForecastView total(long nowMillis) {
    return null;
  }
}
