package dev.headroom.forecaster.model;

/**
 * Smoothing parameters of {@link HoltWinters}, in error-correction form: each step the level moves
 * by {@code alpha * e}, the trend by {@code alpha * beta * e}, each seasonal term by
 * {@code gamma * e}, where {@code e} is the (clipped) one-step error. {@code gamma2} is 0 when there
 * is no second period. The ranges are deliberately narrower than the textbook [0, 1]: a trend that
 * learns fast or damps slowly is what makes a 24-hour-ahead forecast run away.
 */
public record HoltWintersParameters(double alpha, double beta, double gamma1, double gamma2, double phi) {

  public static final double ALPHA_MIN = 0.001;
  public static final double ALPHA_MAX = 0.5;
  public static final double BETA_MAX = 0.3;
  public static final double GAMMA_MAX = 0.5;
  public static final double PHI_MIN = 0.8;
  public static final double PHI_MAX = 0.98;

  public HoltWintersParameters {
    check("alpha", alpha, ALPHA_MIN, ALPHA_MAX);
    check("beta", beta, 0, BETA_MAX);
    check("gamma1", gamma1, 0, GAMMA_MAX);
    check("gamma2", gamma2, 0, GAMMA_MAX);
    check("phi", phi, PHI_MIN, PHI_MAX);
  }

  /** A reasonable start for the optimizer and for warming up the state before the fit window. */
  static HoltWintersParameters defaults(int seasonalTerms) {
    return new HoltWintersParameters(0.1, 0.05, seasonalTerms >= 1 ? 0.1 : 0,
        seasonalTerms >= 2 ? 0.1 : 0, 0.9);
  }

  private static void check(String name, double v, double lo, double hi) {
    if (!(v >= lo && v <= hi)) {
      throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "], got " + v);
    }
  }
}
