package dev.headroom.bench.forecast;

import dev.headroom.forecaster.Forecaster;
import dev.headroom.forecaster.model.ForecastModel;
import java.util.ArrayList;
import java.util.List;

/** The Java methods {@code headroom bench forecast} scores, besides the statsmodels baselines. */
public final class ForecastMethods {

  /**
   * Name of Headroom's automatic model choice, the method the targets are about. Until a
   * method by this name is in {@link #all}, the target rows say so instead of a figure.
   */
  public static final String AUTOMATIC = "headroom-auto";

  private ForecastMethods() {}

  /** Every Java method, each on every row; adding a method is adding it here. */
  public static List<ForecastMethod> all() {
    List<ForecastMethod> methods = new ArrayList<>();
    methods.add(new SeasonalNaive());
    methods.add(HeadroomMethod.automatic());
    for (ForecastModel model : Forecaster.allModels()) {
      methods.add(HeadroomMethod.only(model));
    }
    return List.copyOf(methods);
  }
}
