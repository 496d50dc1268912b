package dev.headroom.simulator.scenario;

import dev.headroom.engine.policy.ForecastView;
import java.util.Arrays;

/**
 * Perfect foresight: the true demand of the coming steps, every quantile equal to it. Feeding this
 * to the predictive policy gives the upper bound of what any forecast could achieve with it.
 */
public final class OracleForecasts implements DemandForecasts {

  private final Demand demand;
  private final int horizon;

  private final double[] total;

  public OracleForecasts(Demand demand, int horizon) {
    this.demand = demand;
    this.horizon = horizon;
    this.total = new double[demand.steps()];
    for (double[] w : demand.window()) {
      for (int i = 0; i < total.length; i++) {
        total[i] += w[i];
      }
    }
  }

  @Override
  public ForecastView at(int key, long nowMillis) {
    return exact(demand.window().get(key), nowMillis);
  }

  @Override
  public ForecastView total(long nowMillis) {
    return exact(total, nowMillis);
  }

  private ForecastView exact(double[] all, long nowMillis) {
    int i = demand.stepAt(nowMillis);
    double[] next = Arrays.copyOfRange(all, i, Math.min(all.length, i + horizon));
    if (next.length == 0) {
      return null;
    }
    return ForecastView.exact(nowMillis, demand.startMillis() + i * demand.stepMillis(), demand.stepMillis(), next,
        "oracle");
  }
}
