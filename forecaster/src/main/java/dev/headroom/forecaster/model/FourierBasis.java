package dev.headroom.forecaster.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Regressors of a harmonic regression at step t: a linear trend and sine/cosine pairs at the
 * harmonics of each seasonal period. A harmonic that repeats a shorter period's (the 7th weekly
 * harmonic is the first daily one) is left out, since the two columns would be identical.
 */
final class FourierBasis {

  private final double[] omega; // angular frequency per pair, radians per step
  private final double trendScale;

  private FourierBasis(double[] omega, double trendScale) {
    this.omega = omega;
    this.trendScale = trendScale;
  }

  /**
   * @param periods     seasonal periods in steps
   * @param harmonics   harmonics per period (same order)
   * @param trendScale  steps per unit of the trend column, to keep the columns comparable in size
   */
  static FourierBasis of(int[] periods, int[] harmonics, double trendScale) {
    List<Double> freqs = new ArrayList<>();
    for (int j = 0; j < periods.length; j++) {
      for (int k = 1; k <= harmonics[j]; k++) {
        double f = (double) k / periods[j];
        boolean repeat = false;
        for (double g : freqs) {
          if (Math.abs(g - f) < 1e-12) {
            repeat = true;
            break;
          }
        }
        if (!repeat && f < 0.5) {
          freqs.add(f);
        }
      }
    }
    double[] omega = new double[freqs.size()];
    for (int i = 0; i < omega.length; i++) {
      omega[i] = 2 * Math.PI * freqs.get(i);
    }
    return new FourierBasis(omega, trendScale);
  }

  /** Number of regressors (without the intercept): one trend column and two per harmonic. */
  int columns() {
    return 1 + 2 * omega.length;
  }

  /** Fills {@code row} with the regressors at step t (fractional t for block means). */
  void row(double t, double[] row) {
    row[0] = t / trendScale;
    for (int i = 0; i < omega.length; i++) {
      double a = omega[i] * t;
      row[1 + 2 * i] = Math.sin(a);
      row[2 + 2 * i] = Math.cos(a);
    }
  }

  /**
   * Fitted values at steps {@code t0, t0 + 1, ...} into {@code out}. Each harmonic's sine and cosine
   * advance by rotation (the angle-addition formulas), two trig calls per harmonic instead of two
   * per step: a day ahead at 5-minute steps is 288 steps. The rounding error grows by about one ulp
   * per step, negligible over any horizon a forecast uses.
   */
  void values(double[] beta, long t0, double[] out) {
    double base = beta[0];
    double slope = beta[1] / trendScale;
    for (int h = 0; h < out.length; h++) {
      out[h] = base + slope * (t0 + h);
    }
    for (int i = 0; i < omega.length; i++) {
      double bs = beta[2 + 2 * i];
      double bc = beta[3 + 2 * i];
      double a = omega[i] * t0;
      double sin = Math.sin(a);
      double cos = Math.cos(a);
      double ds = Math.sin(omega[i]);
      double dc = Math.cos(omega[i]);
      for (int h = 0; h < out.length; h++) {
        out[h] += bs * sin + bc * cos;
        double nextSin = sin * dc + cos * ds;
        cos = cos * dc - sin * ds;
        sin = nextSin;
      }
    }
  }

  /**
   * A cursor over the fitted values at t, t + 1, ...: each step rotates every harmonic's sine and
   * cosine by its angle (multiplications only), and every 1024 steps the angles are recomputed
   * exactly so rounding cannot accumulate. This is what makes a model update cost well under a
   * microsecond.
   */
  final class Cursor {
    private final double[] beta;
    private final double[] sin = new double[omega.length];
    private final double[] cos = new double[omega.length];
    private final double[] ds = new double[omega.length];
    private final double[] dc = new double[omega.length];
    private long t;

    Cursor(double[] beta, long t) {
      this.beta = beta;
      for (int i = 0; i < omega.length; i++) {
        ds[i] = Math.sin(omega[i]);
        dc[i] = Math.cos(omega[i]);
      }
      seek(t);
    }

    private void seek(long to) {
      t = to;
      for (int i = 0; i < omega.length; i++) {
        sin[i] = Math.sin(omega[i] * to);
        cos[i] = Math.cos(omega[i] * to);
      }
    }

    long t() {
      return t;
    }

    /** The fitted value at the cursor's step. */
    double value() {
      double v = beta[0] + beta[1] * t / trendScale;
      for (int i = 0; i < omega.length; i++) {
        v += beta[2 + 2 * i] * sin[i] + beta[3 + 2 * i] * cos[i];
      }
      return v;
    }

    void advance() {
      if (((t + 1) & 1023) == 0) {
        seek(t + 1);
        return;
      }
      t++;
      for (int i = 0; i < omega.length; i++) {
        double s = sin[i] * dc[i] + cos[i] * ds[i];
        cos[i] = cos[i] * dc[i] - sin[i] * ds[i];
        sin[i] = s;
      }
    }
  }

  /** The fitted value at step t: {@code beta[0]} is the intercept. */
  double value(double[] beta, double t) {
    double v = beta[0] + beta[1] * t / trendScale;
    for (int i = 0; i < omega.length; i++) {
      double a = omega[i] * t;
      v += beta[2 + 2 * i] * Math.sin(a) + beta[3 + 2 * i] * Math.cos(a);
    }
    return v;
  }
}
