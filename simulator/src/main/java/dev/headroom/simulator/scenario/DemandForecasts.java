package dev.headroom.simulator.scenario;

import dev.headroom.engine.policy.ForecastView;

/** Each key's demand forecast as a policy sees it at a tick. */
public interface DemandForecasts {

  /** The forecast for key {@code key} that a policy may use at {@code nowMillis}; null for none. */
  ForecastView at(int key, long nowMillis);
}
