package dev.headroom.bench.forecast;

import dev.headroom.forecaster.Forecast;
import dev.headroom.forecaster.Forecaster;
import dev.headroom.forecaster.model.ForecastModel;
import dev.headroom.forecaster.series.RateSeries;
import java.util.List;

/**
 * Headroom's forecaster as a benchmark method: the automatic choice among all candidates, or one
 * model alone (still backtested and calibrated the same way, so its bounds are comparable). The
 * forecaster finds its own seasonal periods from the step; the protocol's season is only the MASE
 * scale.
 */
final class HeadroomMethod implements ForecastMethod {

  private final String name;
  private final Forecaster forecaster;

  private HeadroomMethod(String name, Forecaster forecaster) {
    this.name = name;
    this.forecaster = forecaster;
  }

  static HeadroomMethod automatic() {
    return new HeadroomMethod(ForecastMethods.AUTOMATIC, Forecaster.defaults());
  }

  static HeadroomMethod only(ForecastModel model) {
    return new HeadroomMethod("headroom-" + model.name(), Forecaster.defaults().withCandidates(List.of(model)));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public MethodForecast forecast(double[] train, int season, int horizon, long stepMillis) {
    Forecast f = forecaster.fit(RateSeries.ofMillis(0, stepMillis, train), horizon).forecast();
    return new MethodForecast(f.mean(), f.p90(), f.p99());
  }
}
