package dev.headroom.forecaster.model;

import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import smile.timeseries.AR;

/**
 * Harmonic regression: a trend plus Fourier terms for each seasonal period (daily and weekly
 * together), fitted by ordinary least squares (Commons Math linear algebra), with an AR model (Smile) of the
 * residuals for the short term. The Fourier profile is smooth and averages many past days, so it is
 * steady 24 hours ahead where the seasonal naive repeats yesterday's noise; the AR carries the
 * current deviation from the profile into the next hours.
 *
 * <p>On the log scale ({@link Transform#LOG}) seasonal effects multiply: a weekday peak is a
 * weekend peak times a factor, which is how request traffic behaves. Forecasts on the log scale
 * are back-transformed without bias correction, so they are medians: the point forecast that
 * minimises absolute error (MASE).
 *
 * <p>Robustness: the fit is done twice, the second time on block means winsorized at 4 robust
 * deviations from the first fit, so flash crowds and outages do not bend the profile. Only the most
 * recent {@code windowPeriods} longest periods are used, and long windows are fitted on block means, so
 * the cost is bounded whatever the length of the history.
 */
public final class HarmonicRegression implements ForecastModel {

  /** How the values are modelled. */
  public enum Transform {
    NONE, LOG
  }

  private static final int MAX_ROWS = 1200;
  private static final int RESIDUAL_POINTS = 2048;

  private final Transform transform;
  private final int arOrder;
  private final int windowPeriods;

  /**
   * @param transform     modelling scale
   * @param arOrder       order of the residual autoregression (0 for none)
   * @param windowPeriods fit window in longest seasonal periods (2 weeks of data for a weekly period: 2),
   *                      never under 14 main periods
   */
  public HarmonicRegression(Transform transform, int arOrder, int windowPeriods) {
    if (arOrder < 0 || arOrder > 16) {
      throw new IllegalArgumentException("AR order must be in [0, 16], got " + arOrder);
    }
    if (windowPeriods < 2) {
      throw new IllegalArgumentException("fit window must cover at least 2 periods, got " + windowPeriods);
    }
    this.transform = transform;
    this.arOrder = arOrder;
    this.windowPeriods = windowPeriods;
  }

  @Override
  public String name() {
    return "harmonic" + (transform == Transform.LOG ? "-log" : "") + (arOrder > 0 ? "-ar" + arOrder : "");
  }

  @Override
  public int minHistory(Seasonality seasonality) {
    return Math.max(2 * seasonality.primary(), 32);
  }

  @Override
  public Fitted fit(double[] y, Seasonality seasonality) {
    int n = y.length;
    if (n < minHistory(seasonality)) {
      throw new IllegalArgumentException(name() + " needs " + minHistory(seasonality) + " points, got " + n);
    }
    int[] periods = usablePeriods(seasonality, n);
    // At least two weeks of the main period: a short window follows level shifts, but the harmonics
    // of a daily shape need many days to average out their noise.
    int primary = periods.length == 0 ? 1 : periods[0];
    int window = Math.min(n, Math.max(windowPeriods * maxOf(periods), Math.max(14 * primary, 4 * 32)));
    int start = n - window;
    double[] z = new double[window];
    for (int i = 0; i < window; i++) {
      z[i] = forward(y[start + i]);
    }
    int block = (window + MAX_ROWS - 1) / MAX_ROWS;
    FourierBasis basis = basis(periods, window, block);
    Rows rows = Rows.of(basis, z, block);
    double[] beta = rows.solve(rows.target);
    // Second pass: pull block means further than 4 robust deviations from the first fit back to
    // that bound and refit, so a flash crowd or an outage cannot bend the profile.
    double[] fitted = rows.fitted(beta);
    double[] residual = new double[fitted.length];
    for (int r = 0; r < fitted.length; r++) {
      residual[r] = rows.target[r] - fitted[r];
    }
    double blockSigma = Robust.sigma(residual);
    if (blockSigma > 0) {
      double[] clean = new double[fitted.length];
      for (int r = 0; r < fitted.length; r++) {
        clean[r] = fitted[r] + Math.max(-4 * blockSigma, Math.min(4 * blockSigma, residual[r]));
      }
      beta = rows.solve(clean);
    }
    // Point residuals only where the residual AR needs them: the most recent stretch.
    int from = Math.max(0, window - RESIDUAL_POINTS);
    double[] r = new double[window - from];
    basis.values(beta, from, r);
    for (int i = 0; i < r.length; i++) {
      r[i] = z[from + i] - r[i];
    }
    double sigma = Robust.sigma(r);
    if (sigma > 0) {
      for (int i = 0; i < r.length; i++) {
        r[i] = Math.max(-4 * sigma, Math.min(4 * sigma, r[i]));
      }
    }
    // Time runs from the window start: step index `window` is the next step to forecast.
    double[] phi = new double[0];
    double intercept = 0;
    if (arOrder > 0 && sigma > 0) {
      AR ar = AR.fit(r, arOrder);
      phi = ar.ar();
      intercept = ar.intercept();
    }
    double[] recent = new double[phi.length];
    for (int i = 0; i < phi.length; i++) {
      recent[i] = r[r.length - 1 - i];
    }
    return new State(this, basis, beta, phi, intercept, recent, window, 6 * Math.max(sigma, 1e-9));
  }

  /** Periods with at least two full cycles in the data; harmonics need two cycles to separate. */
  private static int[] usablePeriods(Seasonality seasonality, int n) {
    return java.util.Arrays.stream(seasonality.periods()).filter(p -> 2 * p <= n).toArray();
  }

  private static int maxOf(int[] periods) {
    int m = 1;
    for (int p : periods) {
      m = Math.max(m, p);
    }
    return m;
  }

  /**
   * Harmonics per period: up to 12 for the main period (sharp daily peaks need them), 4 for the
   * others (a weekly shape on top of the daily one), never more than the rows can support.
   */
  private static FourierBasis basis(int[] periods, int window, int block) {
    int[] harmonics = new int[periods.length];
    int rows = window / block;
    int budget = Math.max(1, rows / 8);
    for (int j = 0; j < periods.length; j++) {
      int cap = j == 0 ? 12 : 4;
      int k = Math.min(cap, (periods[j] / block - 1) / 2);
      harmonics[j] = Math.max(0, Math.min(k, budget / 2));
      budget -= 2 * harmonics[j];
    }
    return FourierBasis.of(periods, harmonics, Math.max(1, window));
  }

  /**
   * The regression's rows: block means of the (transformed) values (block = 1 for short windows)
   * and the regressors at each block's centre, computed once and used by both passes. Solved by
   * the normal equations with a Commons Math Cholesky decomposition: the Fourier columns are close
   * to orthogonal and the trend column is scaled to [0, 1], so the small (columns x columns) system
   * is well conditioned; a tiny ridge keeps it positive definite when a column is constant over a
   * short window.
   */
  private record Rows(double[][] x, double[] target) {

    static Rows of(FourierBasis basis, double[] z, int block) {
      int count = z.length / block;
      int offset = z.length - count * block; // drop the oldest partial block
      int p = basis.columns() + 1;
      double[][] x = new double[count][p];
      double[] target = new double[count];
      double[] features = new double[p - 1];
      for (int r = 0; r < count; r++) {
        int from = offset + r * block;
        double sum = 0;
        for (int i = from; i < from + block; i++) {
          sum += z[i];
        }
        target[r] = sum / block;
        basis.row(from + (block - 1) / 2.0, features);
        x[r][0] = 1;
        System.arraycopy(features, 0, x[r], 1, p - 1);
      }
      return new Rows(x, target);
    }

    double[] solve(double[] y) {
      int p = x[0].length;
      double[][] xtx = new double[p][p];
      double[] xty = new double[p];
      for (int r = 0; r < x.length; r++) {
        double[] row = x[r];
        for (int i = 0; i < p; i++) {
          double xi = row[i];
          xty[i] += xi * y[r];
          double[] acc = xtx[i];
          for (int j = 0; j <= i; j++) {
            acc[j] += xi * row[j];
          }
        }
      }
      for (int i = 0; i < p; i++) {
        for (int j = 0; j < i; j++) {
          xtx[j][i] = xtx[i][j];
        }
        xtx[i][i] += 1e-9 * (xtx[i][i] + 1);
      }
      RealMatrix a = MatrixUtils.createRealMatrix(xtx);
      return new CholeskyDecomposition(a, 1e-12, 1e-14).getSolver()
          .solve(MatrixUtils.createRealVector(xty)).toArray();
    }

    double[] fitted(double[] beta) {
      double[] out = new double[x.length];
      for (int r = 0; r < x.length; r++) {
        double v = 0;
        for (int i = 0; i < beta.length; i++) {
          v += beta[i] * x[r][i];
        }
        out[r] = v;
      }
      return out;
    }
  }

  private double forward(double v) {
    return transform == Transform.LOG ? Math.log1p(Math.max(0, v)) : v;
  }

  private double back(double v) {
    return transform == Transform.LOG ? Math.expm1(v) : v;
  }

  private static final class State implements Fitted {
    private final HarmonicRegression model;
    private final FourierBasis basis;
    private final double[] beta;
    private final double[] phi;
    private final double intercept;
    private final double[] recent; // newest residual first
    private final double clip;
    private final FourierBasis.Cursor cursor; // at the next step to forecast

    State(HarmonicRegression model, FourierBasis basis, double[] beta, double[] phi, double intercept,
        double[] recent, long t, double clip) {
      this.model = model;
      this.basis = basis;
      this.beta = beta;
      this.phi = phi;
      this.intercept = intercept;
      this.recent = recent;
      this.clip = clip;
      this.cursor = basis.new Cursor(beta, t);
    }

    @Override
    public double[] forecast(int horizon) {
      double[] lags = recent.clone();
      int p = phi.length;
      double[] out = new double[horizon];
      basis.values(beta, cursor.t(), out);
      for (int h = 0; h < horizon; h++) {
        double r = 0;
        if (p > 0) {
          r = intercept;
          for (int i = 0; i < p; i++) {
            r += phi[i] * lags[i];
          }
          System.arraycopy(lags, 0, lags, 1, p - 1);
          lags[0] = r;
        }
        out[h] = Math.max(0, model.back(out[h] + r));
      }
      return out;
    }

    @Override
    public void update(double y) {
      if (phi.length > 0) {
        double r = model.forward(y) - cursor.value();
        System.arraycopy(recent, 0, recent, 1, recent.length - 1);
        recent[0] = Math.max(-clip, Math.min(clip, r));
      }
      cursor.advance();
    }
  }
}
