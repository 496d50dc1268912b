package dev.headroom.forecaster.model;

import java.util.Arrays;

/**
 * A one-off measurement, not a test: fit time of both Holt-Winters kinds and the period detector on
 * 30 days of per-minute data with day and week cycles (43,200 points), and the cost of one update.
 * Run it by hand; the proper numbers belong in the benchmark.
 */
public final class HoltWintersFitTiming {

  private HoltWintersFitTiming() {}

  public static void main(String[] args) {
    double[] y = HoltWintersTestSeries.daily(1, 1440, 30, 40, 0.6, 0.01);
    Seasonality dayWeek = Seasonality.of(1440, 10080);
    for (HoltWinters model : new HoltWinters[] {HoltWinters.additive(), HoltWinters.multiplicative()}) {
      double[] ms = new double[30];
      HoltWintersState last = null;
      for (int r = -10; r < ms.length; r++) {
        long t0 = System.nanoTime();
        last = model.fit(y, dayWeek);
        if (r >= 0) {
          ms[r] = (System.nanoTime() - t0) / 1e6;
        }
      }
      Arrays.sort(ms);
      int updates = 10_000_000;
      long t0 = System.nanoTime();
      for (int i = 0; i < updates; i++) {
        last.update(y[i % y.length]);
      }
      double nsPerUpdate = (System.nanoTime() - t0) / (double) updates;
      System.out.printf("%s fit on %d points: median %.2f ms, min %.2f ms; update %.1f ns; %s%n",
          model.name(), y.length, ms[ms.length / 2], ms[0], nsPerUpdate, last);
    }
    double[] ms = new double[30];
    Seasonality found = null;
    for (int r = -10; r < ms.length; r++) {
      long t0 = System.nanoTime();
      found = PeriodDetector.detect(y, 60_000L);
      if (r >= 0) {
        ms[r] = (System.nanoTime() - t0) / 1e6;
      }
    }
    Arrays.sort(ms);
    System.out.printf("PeriodDetector on %d points: median %.2f ms, min %.2f ms -> %s%n", y.length,
        ms[ms.length / 2], ms[0], found);
  }
}
