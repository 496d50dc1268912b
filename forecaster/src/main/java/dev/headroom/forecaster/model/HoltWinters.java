package dev.headroom.forecaster.model;

import java.util.Arrays;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * Damped-trend Holt-Winters, additive or multiplicative, with one seasonal period or two (Taylor's
 * double-seasonal form, for day and week) when the history holds at least two cycles of each.
 *
 * <p>Fitting has to be cheap enough to refit thousands of keys every few minutes, so the parameters
 * are chosen by BOBYQA over a bounded recent window only (long enough for each seasonal term to be
 * updated and then reused). The state entering that window is initialised robustly from the cycles
 * just before it and warmed up with default parameters. The loss is the absolute error one step
 * ahead plus one primary period ahead: scoring one-step errors alone favours a level that chases
 * the last observation, which is what wrecks day-ahead forecasts.
 */
public final class HoltWinters implements ForecastModel {

  /** How seasonal terms combine with the level. */
  public enum Kind {
    ADDITIVE("add"),
    MULTIPLICATIVE("mul");

    private final String tag;

    Kind(String tag) {
      this.tag = tag;
    }
  }

  /** Plain (non-seasonal) damped Holt needs at least this many points. */
  static final int MIN_PLAIN_HISTORY = 6;
  /** The fit window covers this many cycles of the primary period... */
  static final int WINDOW_PRIMARY_CYCLES = 4;
  /** ...or one cycle of the longer period plus this many of the primary, whichever is longer... */
  static final int WINDOW_EXTRA_CYCLES = 2;
  /** ...and at least this many points, when the series has them. */
  static final int WINDOW_MIN = 400;
  /** Without seasonality the loss also scores forecasts this many steps ahead. */
  static final int PLAIN_LOSS_HORIZON = 12;
  static final int MAX_EVALUATIONS = 80;
  private static final double START_RADIUS = 0.15;
  private static final double STOP_RADIUS = 5e-3;

  private final Kind kind;

  public HoltWinters(Kind kind) {
    this.kind = kind;
  }

  public static HoltWinters additive() {
    return new HoltWinters(Kind.ADDITIVE);
  }

  public static HoltWinters multiplicative() {
    return new HoltWinters(Kind.MULTIPLICATIVE);
  }

  public Kind kind() {
    return kind;
  }

  @Override
  public String name() {
    return "holt-winters-" + kind.tag + "-damped";
  }

  /** Two cycles of the primary period; a second period is used only once two of its cycles exist. */
  @Override
  public int minHistory(Seasonality seasonality) {
    return seasonality.isEmpty() ? MIN_PLAIN_HISTORY : 2 * seasonality.primary();
  }

  @Override
  public HoltWintersState fit(double[] y, Seasonality seasonality) {
    int[] periods = usedPeriods(y, seasonality);
    int from = y.length - window(y.length, periods);
    HoltWintersState warm = warmUp(y, periods, from);
    HoltWintersState state = warm.withParameters(optimise(y, periods, warm, from));
    for (int t = from; t < y.length; t++) {
      state.absorb(y[t]);
    }
    return state;
  }

  /**
   * Keeps the smoothing parameters the earlier fit chose (they move little over a week of
   * history, and searching them is most of a fit's cost) and rebuilds the state: initialised from
   * the cycles before the recent window and run through the whole of {@code y}.
   */
  @Override
  public Fitted refit(double[] y, Seasonality seasonality, Fitted earlier) {
    if (!(earlier instanceof HoltWintersState previous)) {
      return fit(y, seasonality);
    }
    int[] periods = usedPeriods(y, seasonality);
    if (!Arrays.equals(previous.periods(), periods)) {
      return fit(y, seasonality);
    }
    int from = y.length - window(y.length, periods);
    HoltWintersState state = warmUp(y, periods, from).withParameters(previous.parameters());
    for (int t = from; t < y.length; t++) {
      state.absorb(y[t]);
    }
    return state;
  }

  /**
   * The state {@link #fit} returns when its optimiser picks {@code params}, continued over
   * {@code y[fitLength..]} with {@link Fitted#update}; lets tests check that updating continues
   * exactly what fitting computed.
   */
  HoltWintersState replay(double[] y, int fitLength, Seasonality seasonality,
      HoltWintersParameters params) {
    double[] head = Arrays.copyOf(y, fitLength);
    int[] periods = usedPeriods(head, seasonality);
    int from = fitLength - window(fitLength, periods);
    HoltWintersState state = warmUp(head, periods, from).withParameters(params);
    for (int t = from; t < y.length; t++) {
      state.absorb(y[t]);
    }
    return state;
  }

  /**
   * The state at the start of the fit window: robustly initialised from the cycles just before it
   * (older history is not read: a seasonal profile that has since shifted would only have to be
   * unlearned), then run with default parameters up to the window.
   */
  private HoltWintersState warmUp(double[] y, int[] periods, int from) {
    int cycle = HoltWintersInit.longest(periods, y.length);
    int start = Math.max(0, from - HoltWintersInit.MAX_CYCLES * cycle);
    HoltWintersState state = HoltWintersInit.initial(y, start, periods, multiplicativeKind(),
        HoltWintersParameters.defaults(periods.length));
    for (int t = start; t < from; t++) {
      state.absorb(y[t]);
    }
    return state;
  }

  /** The periods this history supports: the primary, plus the next one when it fits twice. */
  int[] usedPeriods(double[] y, Seasonality seasonality) {
    int n = y.length;
    if (n < minHistory(seasonality)) {
      throw new IllegalArgumentException(name() + " needs at least " + minHistory(seasonality)
          + " points for " + seasonality + ", got " + n);
    }
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(y[i])) {
        throw new IllegalArgumentException("y[" + i + "] is " + y[i] + "; impute missing points first");
      }
    }
    int[] p = seasonality.periods();
    if (p.length == 0) {
      return p;
    }
    if (p.length >= 2 && p[1] != p[0] && n >= 2 * p[1]) {
      return new int[] {p[0], p[1]};
    }
    return new int[] {p[0]};
  }

  private boolean multiplicativeKind() {
    return kind == Kind.MULTIPLICATIVE;
  }

  /** Length of the recent window the loss is measured on. */
  static int window(int n, int[] periods) {
    int w = WINDOW_MIN;
    if (periods.length >= 1) {
      w = Math.max(w, WINDOW_PRIMARY_CYCLES * periods[0]);
    }
    if (periods.length >= 2) {
      w = Math.max(w, periods[1] + WINDOW_EXTRA_CYCLES * periods[0]);
    }
    return Math.min(w, n);
  }

  private HoltWintersParameters optimise(double[] y, int[] periods, HoltWintersState warm,
      int from) {
    int n = y.length;
    ParameterSpace space = new ParameterSpace(periods.length);
    double[] best = space.encode(warm.parameters());
    double[] bestLoss = {Double.POSITIVE_INFINITY};
    int far = periods.length == 0 ? Math.min(PLAIN_LOSS_HORIZON, n - from - 1) : periods[0];
    MultivariateFunction loss = x -> {
      HoltWintersState s = warm.withParameters(space.decode(x));
      double damp = s.damping(far);
      double sum = 0;
      for (int t = from; t < n; t++) {
        sum += Math.abs(s.absorb(y[t]));
        if (t + far < n) {
          sum += Math.abs(y[t + far] - s.forecastAt(far, damp));
        }
      }
      double mean = Double.isFinite(sum) ? sum / (n - from) : Double.MAX_VALUE;
      if (mean < bestLoss[0]) {
        bestLoss[0] = mean;
        System.arraycopy(x, 0, best, 0, x.length);
      }
      return mean;
    };
    int d = space.dimension();
    double[] lower = new double[d];
    double[] upper = new double[d];
    Arrays.fill(upper, 1);
    try {
      new BOBYQAOptimizer(2 * d + 1, START_RADIUS, STOP_RADIUS).optimize(
          new MaxEval(MAX_EVALUATIONS), new ObjectiveFunction(loss), GoalType.MINIMIZE,
          new InitialGuess(best.clone()), new SimpleBounds(lower, upper));
    } catch (RuntimeException budgetOrStall) {
      // Running out of evaluations (or BOBYQA giving up on a flat loss) still leaves the best
      // point seen, which the objective recorded; that is good enough for smoothing weights.
    }
    return space.decode(best);
  }

  /** Maps parameters to and from the unit cube BOBYQA searches (gammas only for used periods). */
  private record ParameterSpace(int seasonalTerms) {

    int dimension() {
      return 3 + seasonalTerms;
    }

    double[] encode(HoltWintersParameters p) {
      double[] x = new double[dimension()];
      x[0] = unit(p.alpha(), HoltWintersParameters.ALPHA_MIN, HoltWintersParameters.ALPHA_MAX);
      x[1] = unit(p.beta(), 0, HoltWintersParameters.BETA_MAX);
      x[2] = unit(p.phi(), HoltWintersParameters.PHI_MIN, HoltWintersParameters.PHI_MAX);
      if (seasonalTerms >= 1) {
        x[3] = unit(p.gamma1(), 0, HoltWintersParameters.GAMMA_MAX);
      }
      if (seasonalTerms >= 2) {
        x[4] = unit(p.gamma2(), 0, HoltWintersParameters.GAMMA_MAX);
      }
      return x;
    }

    HoltWintersParameters decode(double[] x) {
      return new HoltWintersParameters(
          scale(x[0], HoltWintersParameters.ALPHA_MIN, HoltWintersParameters.ALPHA_MAX),
          scale(x[1], 0, HoltWintersParameters.BETA_MAX),
          seasonalTerms >= 1 ? scale(x[3], 0, HoltWintersParameters.GAMMA_MAX) : 0,
          seasonalTerms >= 2 ? scale(x[4], 0, HoltWintersParameters.GAMMA_MAX) : 0,
          scale(x[2], HoltWintersParameters.PHI_MIN, HoltWintersParameters.PHI_MAX));
    }

    private static double unit(double v, double lo, double hi) {
      return (v - lo) / (hi - lo);
    }

    private static double scale(double x, double lo, double hi) {
      double c = Math.min(1, Math.max(0, x));
      return lo + c * (hi - lo);
    }
  }
}
