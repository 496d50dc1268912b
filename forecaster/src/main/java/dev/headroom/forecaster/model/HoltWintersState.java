package dev.headroom.forecaster.model;

import java.util.Arrays;

/**
 * The running state of a damped Holt-Winters model with up to two seasonal terms (Taylor's
 * double-seasonal form), standing just before the next observation.
 *
 * <p>Updating is robust: each one-step error is clipped at {@link #CLIP} robust standard deviations
 * before it moves level, trend and seasonal terms (Huberised updating), and the scale itself follows
 * clipped squared errors. An outage or a flash crowd therefore moves the state by a bounded amount
 * per step instead of rewriting the seasonal profile; a lasting level shift is still absorbed, since
 * the clipped errors keep pulling and the scale grows while they persist.
 *
 * <p>A series without seasonality, or with one period, uses a one-slot seasonal term that never
 * moves (gamma is 0), so the update has no branches on the number of periods.
 */
public final class HoltWintersState implements Fitted {

  /** Errors beyond this many robust standard deviations are clipped. */
  static final double CLIP = 3.0;
  /** Weight of the newest squared (clipped) error in the scale; about 100 steps of memory. */
  static final double SCALE_RATE = 0.01;
  /** Largest trend contribution to a forecast, as a fraction of the level (or of the unit). */
  static final double TREND_CAP = 0.5;
  /** Multiplicative seasonal factors stay in [0, SEASON_MAX]. */
  static final double SEASON_MAX = 50;
  /** Regularises 1/x in multiplicative updates: x / (x^2 + d) behaves as 1/x until x is about sqrt(d). */
  private static final double SEASON_GUARD = 0.05 * 0.05;
  private static final double LEVEL_GUARD_FRACTION = 0.05;

  private final boolean multiplicative;
  private final HoltWintersParameters params;
  /** Typical magnitude of the series (mean |y| of the initial window); scales guards and caps. */
  private final double unit;
  private final double levelGuard;
  private final double scaleFloor2;
  private final double[] s1;
  private final double[] s2;
  private double level;
  private double trend;
  private int i1;
  private int i2;
  /** Robust variance of one-step errors. */
  private double scale2;

  HoltWintersState(boolean multiplicative, HoltWintersParameters params, double unit, double level,
      double trend, double[] s1, double[] s2, double scale) {
    this.multiplicative = multiplicative;
    this.params = params;
    this.unit = unit;
    this.levelGuard = (LEVEL_GUARD_FRACTION * unit) * (LEVEL_GUARD_FRACTION * unit);
    double floor = 1e-6 * unit;
    this.scaleFloor2 = floor * floor;
    this.level = level;
    this.trend = trend;
    this.s1 = s1;
    this.s2 = s2;
    this.scale2 = Math.max(scale * scale, scaleFloor2);
  }

  /** A deep copy of this state that will update with {@code p} from now on. */
  HoltWintersState withParameters(HoltWintersParameters p) {
    HoltWintersState c = new HoltWintersState(multiplicative, p, unit, level, trend, s1.clone(),
        s2.clone(), 0);
    c.i1 = i1;
    c.i2 = i2;
    c.scale2 = scale2;
    return c;
  }

  public HoltWintersParameters parameters() {
    return params;
  }

  public boolean multiplicative() {
    return multiplicative;
  }

  /** Seasonal periods in use: none, one or two. */
  public int[] periods() {
    if (s1.length == 1) {
      return new int[0];
    }
    return s2.length == 1 ? new int[] {s1.length} : new int[] {s1.length, s2.length};
  }

  public double level() {
    return level;
  }

  public double trend() {
    return trend;
  }

  /** Robust standard deviation of recent one-step errors. */
  public double scale() {
    return Math.sqrt(scale2);
  }

  @Override
  public void update(double y) {
    absorb(y);
  }

  /** Absorbs {@code y} and returns its one-step error (before clipping), which fitting scores. */
  double absorb(double y) {
    double a = s1[i1];
    double b = s2[i2];
    double base = level + params.phi() * trend;
    double pred = multiplicative ? base * a * b : base + a + b;
    double e = y - pred;
    double sigma = Math.sqrt(scale2);
    double limit = CLIP * sigma;
    double ec = e > limit ? limit : (e < -limit ? -limit : e);
    // The scale follows clipped squared errors so one outlier cannot blow it up.
    double u2 = (ec * ec) / scale2;
    scale2 = Math.max(scale2 * (1 - SCALE_RATE + SCALE_RATE * u2), scaleFloor2);

    double alpha = params.alpha();
    if (multiplicative) {
      double ab = a * b;
      double inv = ab / (ab * ab + SEASON_GUARD);
      level = Math.max(base + alpha * ec * inv, 0);
      trend = params.phi() * trend + alpha * params.beta() * ec * inv;
      s1[i1] = clampSeason(a + params.gamma1() * ec * guarded(base * b));
      s2[i2] = clampSeason(b + params.gamma2() * ec * guarded(base * a));
    } else {
      level = base + alpha * ec;
      trend = params.phi() * trend + alpha * params.beta() * ec;
      s1[i1] = a + params.gamma1() * ec;
      s2[i2] = b + params.gamma2() * ec;
    }
    if (++i1 == s1.length) {
      i1 = 0;
    }
    if (++i2 == s2.length) {
      i2 = 0;
    }
    return e;
  }

  private double guarded(double x) {
    return x / (x * x + levelGuard);
  }

  private static double clampSeason(double s) {
    return s < 0 ? 0 : (s > SEASON_MAX ? SEASON_MAX : s);
  }

  /**
   * Means for the next {@code horizon} steps, never negative. The damped trend's contribution is
   * capped at {@link #TREND_CAP} of the level so a day-ahead forecast cannot run away.
   */
  @Override
  public double[] forecast(int horizon) {
    if (horizon < 0) {
      throw new IllegalArgumentException("horizon must be non-negative, got " + horizon);
    }
    double[] out = new double[horizon];
    double phi = params.phi();
    double damp = 0;
    double power = 1;
    for (int h = 1; h <= horizon; h++) {
      power *= phi;
      damp += power;
      out[h - 1] = forecastAt(h, damp);
    }
    return out;
  }

  /** Sum of phi^1..phi^h: how many steps of the current trend a forecast h ahead carries. */
  double damping(int h) {
    double phi = params.phi();
    return phi * (1 - Math.pow(phi, h)) / (1 - phi);
  }

  /** The forecast {@code h} steps ahead in O(1), given {@code damp = damping(h)}. */
  double forecastAt(int h, double damp) {
    double cap = TREND_CAP * Math.max(Math.abs(level), unit);
    double t = trend * damp;
    t = t > cap ? cap : (t < -cap ? -cap : t);
    double base = level + t;
    double a = s1[slot(i1, h, s1.length)];
    double b = s2[slot(i2, h, s2.length)];
    double f = multiplicative ? base * a * b : base + a + b;
    return f > 0 ? f : 0;
  }

  /** Index {@code h - 1} slots after {@code i}; avoids a division in the common case h <= length. */
  private static int slot(int i, int h, int length) {
    int j = i + h - 1;
    if (j < length) {
      return j;
    }
    j -= length;
    return j < length ? j : (int) (j % (long) length);
  }

  @Override
  public String toString() {
    return "HoltWintersState[" + (multiplicative ? "mul" : "add") + ", periods="
        + Arrays.toString(periods()) + ", " + params + ", level=" + level + ", trend=" + trend
        + ", scale=" + scale() + "]";
  }
}
