package dev.headroom.forecaster.model;

import java.util.Arrays;

/** Robust statistics shared by the models and the selection: medians and MAD-based clipping. */
public final class Robust {

  /** 1 / Phi^-1(3/4): makes the MAD a consistent estimate of a normal standard deviation. */
  public static final double MAD_TO_SIGMA = 1.4826;

  private Robust() {}

  public static double median(double[] x, int from, int to) {
    double[] s = Arrays.copyOfRange(x, from, to);
    Arrays.sort(s);
    int n = s.length;
    if (n == 0) {
      return 0;
    }
    return (n & 1) == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
  }

  public static double median(double[] x) {
    return median(x, 0, x.length);
  }

  /** An evenly spaced sample of at most 4096 points (all of them when there are fewer). */
  public static double[] sample(double[] x) {
    if (x.length <= SIGMA_SAMPLE) {
      return x;
    }
    double[] sample = new double[SIGMA_SAMPLE];
    double stride = (double) x.length / SIGMA_SAMPLE;
    for (int i = 0; i < SIGMA_SAMPLE; i++) {
      sample[i] = x[(int) (i * stride)];
    }
    return sample;
  }

  /** Above this many points, {@link #sigma} estimates from an evenly spaced sample of them. */
  private static final int SIGMA_SAMPLE = 4096;

  /**
   * Robust standard deviation: 1.4826 x the median absolute deviation from the median. Long inputs
   * are sampled evenly (every k-th point) down to 4096 points: the estimate's own error is then
   * about 2%, and sorting 40,000 residuals twice per fit would cost more than the fit itself.
   */
  public static double sigma(double[] x) {
    if (x.length > SIGMA_SAMPLE) {
      x = sample(x);
    }
    double med = median(x);
    double[] dev = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      dev[i] = Math.abs(x[i] - med);
    }
    return MAD_TO_SIGMA * median(dev);
  }

  /**
   * A copy of {@code x} with values further than {@code k} robust deviations from the median pulled
   * back to that bound, so that one flash crowd or outage cannot dominate a least-squares fit.
   */
  public static double[] winsorize(double[] x, double k) {
    double med = x.length > SIGMA_SAMPLE ? median(sample(x)) : median(x);
    double s = sigma(x);
    double[] out = x.clone();
    if (s <= 0) {
      return out;
    }
    double lo = med - k * s;
    double hi = med + k * s;
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.max(lo, Math.min(hi, out[i]));
    }
    return out;
  }
}
