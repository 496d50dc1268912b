package dev.headroom.forecaster.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.headroom.forecaster.series.RateSeries;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PeriodDetectorTest {

  private static final long HOUR = 3_600_000L;

  @Test
  void findsDayThenWeekInHourlyDataWithWeekends() {
    double[] y = HoltWintersTestSeries.daily(11, 24, 35, 500, 0.6, 0.01);
    assertEquals(Seasonality.of(24, 168), PeriodDetector.detect(y, HOUR));
  }

  @Test
  void findsOnlyTheDayWhenWeekendsLookLikeWeekdays() {
    double[] y = HoltWintersTestSeries.daily(12, 288, 30, 40, 1.0, 0.02);
    assertEquals(Seasonality.of(288), PeriodDetector.detect(y, 300_000L));
  }

  @Test
  void findsDayAndWeekInThirtyDaysPerMinute() {
    double[] y = HoltWintersTestSeries.daily(13, 1440, 30, 30, 0.6, 0.0);
    assertEquals(Seasonality.of(1440, 10080), PeriodDetector.detect(y, 60_000L));
  }

  @Test
  void survivesOutageFlashCrowdAndMissingRuns() {
    double[] y = HoltWintersTestSeries.daily(14, 24, 35, 500, 0.6, 0.0);
    y = HoltWintersTestSeries.withOutage(y, 24 * 10 + 3, 30);
    y = HoltWintersTestSeries.withFlashCrowd(y, 24 * 20 + 12, 4, 8);
    Arrays.fill(y, 24 * 25, 24 * 25 + 20, Double.NaN);
    RateSeries series = RateSeries.ofMillis(0, HOUR, y);
    assertEquals(Seasonality.of(24, 168), PeriodDetector.detect(series));
  }

  @Test
  void findsAStrongPeriodThatIsNotCalendar() {
    // A 37-step cycle in a series whose step does not divide the day.
    double[] y = new double[2000];
    SplittableRandom rnd = new SplittableRandom(15);
    for (int t = 0; t < y.length; t++) {
      y[t] = 100 + 30 * Math.sin(2 * Math.PI * t / 37) + 5 * (rnd.nextDouble() - 0.5);
    }
    assertEquals(Seasonality.of(37), PeriodDetector.detect(y, 7_000L));
  }

  @Test
  void noiseRandomWalkAndTrendHaveNoPeriod() {
    SplittableRandom rnd = new SplittableRandom(16);
    double[] noise = new double[24 * 30];
    double[] walk = new double[24 * 30];
    double[] trend = new double[24 * 30];
    double level = 1000;
    for (int t = 0; t < noise.length; t++) {
      noise[t] = 100 + 10 * (rnd.nextDouble() - 0.5);
      level += rnd.nextDouble() - 0.5;
      walk[t] = level;
      trend[t] = 5 + 0.3 * t + (rnd.nextDouble() - 0.5);
    }
    assertEquals(Seasonality.none(), PeriodDetector.detect(noise, HOUR));
    assertEquals(Seasonality.none(), PeriodDetector.detect(walk, HOUR));
    assertEquals(Seasonality.none(), PeriodDetector.detect(trend, HOUR));
  }

  @Test
  void constantAllMissingAndTooShortSeriesHaveNoPeriod() {
    double[] constant = new double[24 * 14];
    Arrays.fill(constant, 42);
    double[] missing = new double[24 * 14];
    Arrays.fill(missing, Double.NaN);
    // Fewer than two days of a clear daily cycle: not detectable.
    double[] short1 = Arrays.copyOf(HoltWintersTestSeries.daily(17, 24, 3, 500, 1, 0), 47);
    assertEquals(Seasonality.none(), PeriodDetector.detect(constant, HOUR));
    assertEquals(Seasonality.none(), PeriodDetector.detect(missing, HOUR));
    assertEquals(Seasonality.none(), PeriodDetector.detect(short1, HOUR));
    assertEquals(Seasonality.of(24),
        PeriodDetector.detect(HoltWintersTestSeries.daily(17, 24, 3, 500, 1, 0), HOUR));
  }

  @Test
  void interpolatesMissingRunsLinearlyAndHoldsTheEnds() {
    double[] x = PeriodDetector.interpolate(new double[] {Double.NaN, 1, Double.NaN, Double.NaN, 4,
        Double.NaN});
    assertEquals(Arrays.toString(new double[] {1, 1, 2, 3, 4, 4}), Arrays.toString(x));
  }

  @Test
  void autocorrelationMatchesTheDirectSum() {
    SplittableRandom rnd = new SplittableRandom(18);
    double[] x = new double[101];
    for (int t = 0; t < x.length; t++) {
      x[t] = Math.sin(t / 5.0) + rnd.nextDouble() - 0.5;
    }
    double mean = Arrays.stream(x).average().orElseThrow();
    for (int t = 0; t < x.length; t++) {
      x[t] -= mean;
    }
    double[] acf = PeriodDetector.autocorrelation(x);
    double c0 = 0;
    for (double v : x) {
      c0 += v * v;
    }
    c0 /= x.length;
    for (int k : new int[] {0, 1, 7, 31, 50}) {
      double c = 0;
      for (int t = 0; t + k < x.length; t++) {
        c += x[t] * x[t + k];
      }
      assertEquals(c / (x.length - k) / c0, acf[k], 1e-9, "lag " + k);
    }
  }

  @Test
  void ranksShareTiesAndKeepOrder() {
    assertEquals(Arrays.toString(new double[] {2.5, 0, 2.5, 1, 4}),
        Arrays.toString(PeriodDetector.ranks(new double[] {5, 1, 5, 3, 9})));
  }
}
