package dev.headroom.simulator.scenario;

import dev.headroom.engine.policy.FloodGuard;
import dev.headroom.engine.policy.ForecastView;
import dev.headroom.engine.policy.RefitSchedule;
import dev.headroom.forecaster.Forecaster;
import dev.headroom.forecaster.LiveForecast;
import dev.headroom.forecaster.series.RateSeries;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The forecaster as the engine runs it, at virtual time and without peeking: at each step boundary
 * of the window, a key's forecast is what a model fitted on the demand before that boundary says.
 * The model is fitted on the history at the window's start, updated with each step's demand as the
 * step ends ({@link LiveForecast#update}), and refitted (re-selected) on at most {@code maxFit} of the
 * latest demand when the engine's own {@link RefitSchedule} says so, as the service's forecasts are.
 *
 * <p>Computed once per comparison, key by key in parallel: demand is first attempts only, the same
 * for every policy, so the predictive policies share one timeline.
 */
public final class FittedForecasts implements DemandForecasts {

  private final Demand demand;
  private final ForecastView[][] views; // [key][step], then the total's
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
    return compute(demand, null, horizon, refitMillis, maxFitSteps);
  }

  /**
   * As {@link #compute(Demand, int, long, int)}, with each key's first fit counted as made at its
   * phase of the refit period ({@link RefitSchedule#phase}) by its name, as the service does; null
   * names fit every key first at the window's start.
   */
  public static FittedForecasts compute(Demand demand, List<String> names, int horizon, long refitMillis,
      int maxFitSteps) {
    RefitSchedule schedule = new RefitSchedule(refitMillis, demand.stepMillis());
    int keys = demand.keys();
    // Several keys also get their total fitted, as the service fits each limit's total.
    Demand all = keys > 1 ? demand.withTotal() : demand;
    List<String> allNames = names == null || keys == 1 ? names : java.util.stream.Stream.concat(names.stream(),
        java.util.stream.Stream.of("total")).toList();
    ForecastView[][] views = new ForecastView[all.keys()][];
    int[] fits = new int[all.keys()];
    IntStream.range(0, all.keys()).parallel().forEach(k -> {
      Forecaster forecaster = Forecaster.defaults();
      RateSeries history = all.history().get(k);
      double[] window = all.window().get(k);
      long knownFrom = knownFrom(history, all.startMillis());
      ForecastView[] out = new ForecastView[window.length];
      double[] learned = window.clone(); // what the model learns: floods clipped, as the service does
      FloodGuard guard = new FloodGuard();
      LiveForecast live = null;
      long fittedAt = 0;
      for (int i = 0; i < window.length; i++) {
        long boundary = demand.startMillis() + i * demand.stepMillis();
        if (live == null || schedule.due(boundary, fittedAt, boundary - knownFrom)) {
          RateSeries known = history.append(RateSeries.ofMillis(demand.startMillis(), demand.stepMillis(),
              Arrays.copyOf(learned, i)));
          if (known.size() > maxFitSteps) {
            known = known.slice(known.size() - maxFitSteps, known.size());
          }
          fittedAt = live == null && allNames != null ? schedule.firstFitCountsAt(allNames.get(k), boundary)
              : boundary;
          live = forecaster.fit(known, horizon);
          fits[k]++;
        }
        out[i] = ForecastView.of(live.forecast(), boundary);
        learned[i] = guard.feed(boundary, window[i], out[i].p99()[0]);
        live.update(learned[i]);
      }
      views[k] = out;
    });
    return new FittedForecasts(demand, views, Arrays.stream(fits).sum());
  }

  /** Start of the first measured step of a key's history, or the window's start without one. */
  private static long knownFrom(RateSeries history, long windowStart) {
    for (int i = 0; i < history.size(); i++) {
      if (!history.isMissing(i)) {
        return history.timeMillis(i);
      }
    }
    return windowStart;
  }

  @Override
  public ForecastView at(int key, long nowMillis) {
    return views[key][demand.stepAt(nowMillis)];
  }

  /** The total's forecast: fitted on the sum of the keys' demand (for one key, that key's). */
  @Override
  public ForecastView total(long nowMillis) {
    return views[views.length - 1][demand.stepAt(nowMillis)];
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
