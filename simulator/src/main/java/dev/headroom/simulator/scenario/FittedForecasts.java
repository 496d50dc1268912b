package dev.headroom.simulator.scenario;

import dev.headroom.engine.policy.ForecastView;
import dev.headroom.forecaster.Forecaster;
import dev.headroom.forecaster.LiveForecast;
import dev.headroom.forecaster.series.RateSeries;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The forecaster as the engine runs it, at virtual time and without peeking: at each step boundary
 * of the window, a key's forecast is what a model fitted on the demand before that boundary says.
 * The model is fitted on the history at the window's start, updated with each step's demand as the
 * step ends ({@link LiveForecast#update}), and refitted (re-selected) once per {@code refitMillis}
 * on at most {@code maxFit} of the latest demand, as the engine's policy loop does.
 *
 * <p>Computed once per comparison, key by key in parallel: demand is first attempts only, the same
 * for every policy, so the predictive policies share one timeline.
 */
public final class FittedForecasts implements DemandForecasts {

  private final Demand demand;
  private final ForecastView[][] views; // [key][step]
  private final int fits;

  private FittedForecasts(Demand demand, ForecastView[][] views, int fits) {
    this.demand = demand;
    this.views = views;
    this.fits = fits;
  }

  /**
   * @param horizon     steps each forecast covers (at least the policy's look-ahead)
   * @param refitMillis virtual time between refits
   * @param maxFitSteps most steps of demand a fit sees (the latest)
   */
  public static FittedForecasts compute(Demand demand, int horizon, long refitMillis, int maxFitSteps) {
    int refitSteps = (int) Math.max(1, refitMillis / demand.stepMillis());
    ForecastView[][] views = new ForecastView[demand.keys()][];
    int[] fits = new int[demand.keys()];
    IntStream.range(0, demand.keys()).parallel().forEach(k -> {
      Forecaster forecaster = Forecaster.defaults();
      RateSeries history = demand.history().get(k);
      double[] window = demand.window().get(k);
      ForecastView[] out = new ForecastView[window.length];
      LiveForecast live = null;
      for (int i = 0; i < window.length; i++) {
        long boundary = demand.startMillis() + i * demand.stepMillis();
        // Refit once a refit period; hourly while the demand known is under two days, so that a
        // key with little or no history gets a real model as soon as there is enough to fit.
        boolean young = history.size() + i < 2 * 86_400_000L / demand.stepMillis();
        int every = young ? (int) Math.max(1, Math.min(refitSteps, 3_600_000L / demand.stepMillis())) : refitSteps;
        if (live == null || i % every == 0) {
          RateSeries known = history.append(RateSeries.ofMillis(demand.startMillis(), demand.stepMillis(),
              Arrays.copyOf(window, i)));
          if (known.size() > maxFitSteps) {
            known = known.slice(known.size() - maxFitSteps, known.size());
          }
          live = forecaster.fit(known, horizon);
          fits[k]++;
        }
        out[i] = ForecastView.of(live.forecast(), boundary);
        live.update(window[i]);
      }
      views[k] = out;
    });
    return new FittedForecasts(demand, views, Arrays.stream(fits).sum());
  }

  @Override
  public ForecastView at(int key, long nowMillis) {
    return views[key][demand.stepAt(nowMillis)];
  }

  /** Model fits done, over all keys. */
  public int fits() {
    return fits;
  }

  /** The model chosen at the window's last step for {@code key}. */
  public String lastModel(int key) {
    ForecastView[] v = views[key];
    return v.length == 0 ? "none" : v[v.length - 1].model();
  }
}
