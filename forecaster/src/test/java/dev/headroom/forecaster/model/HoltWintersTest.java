package dev.headroom.forecaster.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class HoltWintersTest {

  private static final Seasonality DAY_WEEK_HOURLY = Seasonality.of(24, 168);

  /** Mean MASE over several day-ahead origins in the last week; seasonal naive repeats the day. */
  private static double[] meanMase(HoltWinters model, double[] y, Seasonality seasonality,
      int perDay) {
    double hw = 0;
    double naive = 0;
    int count = 0;
    for (int origin = y.length - 7 * perDay; origin + perDay <= y.length; origin += perDay * 3 / 4) {
      double[] f = model.fit(Arrays.copyOf(y, origin), seasonality).forecast(perDay);
      hw += HoltWintersTestSeries.mase(y, origin, f, perDay);
      naive += HoltWintersTestSeries.mase(y, origin,
          HoltWintersTestSeries.seasonalNaive(y, origin, perDay, perDay), perDay);
      count++;
    }
    return new double[] {hw / count, naive / count};
  }

  @ParameterizedTest
  @EnumSource(HoltWinters.Kind.class)
  void beatsSeasonalNaiveDayAheadWithWeekendsAndTrend(HoltWinters.Kind kind) {
    double[] y = HoltWintersTestSeries.daily(21, 24, 42, 800, 0.6, 0.01);
    double[] m = meanMase(new HoltWinters(kind), y, DAY_WEEK_HOURLY, 24);
    assertTrue(m[0] < 0.8 * m[1], kind + ": MASE " + m[0] + " vs seasonal naive " + m[1]);
  }

  @ParameterizedTest
  @EnumSource(HoltWinters.Kind.class)
  void beatsSeasonalNaiveOnFiveMinuteDataWithOneSeason(HoltWinters.Kind kind) {
    // Weekends look like weekdays: only the day matters, and noise is large per step.
    double[] y = HoltWintersTestSeries.daily(22, 288, 21, 60, 1.0, 0.02);
    double[] m = meanMase(new HoltWinters(kind), y, Seasonality.of(288), 288);
    assertTrue(m[0] < 0.9 * m[1], kind + ": MASE " + m[0] + " vs seasonal naive " + m[1]);
  }

  @ParameterizedTest
  @EnumSource(HoltWinters.Kind.class)
  void outageDoesNotWreckTheNextDay(HoltWinters.Kind kind) {
    // Ten hours of zeros ending two hours before the forecast is made.
    assertRobust(kind, clean -> HoltWintersTestSeries.withOutage(clean, 24 * 33 - 12, 10));
  }

  @ParameterizedTest
  @EnumSource(HoltWinters.Kind.class)
  void flashCrowdDoesNotWreckTheNextDay(HoltWinters.Kind kind) {
    // Five hours at six times the usual traffic, ending an hour before the forecast is made.
    assertRobust(kind, clean -> HoltWintersTestSeries.withFlashCrowd(clean, 24 * 33 - 6, 5, 6));
  }

  /** The day-ahead forecast after the damage stays close to the one from clean data. */
  private static void assertRobust(HoltWinters.Kind kind, UnaryOperator<double[]> damage) {
    HoltWinters model = new HoltWinters(kind);
    double[] clean = HoltWintersTestSeries.daily(23, 24, 35, 800, 0.6, 0.0);
    int origin = 24 * 33;
    double[] hit = damage.apply(clean);
    double[] fClean = model.fit(Arrays.copyOf(clean, origin), DAY_WEEK_HOURLY).forecast(24);
    double[] fHit = model.fit(Arrays.copyOf(hit, origin), DAY_WEEK_HOURLY).forecast(24);
    double maseClean = HoltWintersTestSeries.mase(clean, origin, fClean, 24);
    double maseHit = HoltWintersTestSeries.mase(clean, origin, fHit, 24);
    double naiveHit = HoltWintersTestSeries.mase(clean, origin,
        HoltWintersTestSeries.seasonalNaive(hit, origin, 24, 24), 24);
    assertTrue(maseHit < maseClean + 0.25, kind + ": after damage " + maseHit + ", clean " + maseClean);
    assertTrue(maseHit < 0.5 * naiveHit, kind + ": " + maseHit + " vs seasonal naive " + naiveHit);
  }

  @Test
  void multiplicativeSurvivesZeroNightsAndAllZeroStart() {
    // Nights of exact zeros (traffic only in the day), then a whole day of outage.
    double[] y = HoltWintersTestSeries.daily(24, 24, 28, 300, 0.6, 0.0);
    for (int t = 0; t < y.length; t++) {
      int hour = t % 24;
      if (hour < 6 || hour >= 22) {
        y[t] = 0;
      }
    }
    Arrays.fill(y, 24 * 20, 24 * 21, 0);
    HoltWintersState s = HoltWinters.multiplicative().fit(y, DAY_WEEK_HOURLY);
    double[] f = s.forecast(48);
    for (double v : f) {
      assertTrue(Double.isFinite(v) && v >= 0, "forecast " + Arrays.toString(f));
    }
    assertEquals(0, f[(24 - (y.length % 24) + 2) % 24], 1e-6, "2 am stays quiet");
    assertTrue(f[(24 - (y.length % 24) + 14) % 24] > 100, "2 pm is busy: " + Arrays.toString(f));

    double[] zeros = new double[24 * 3];
    HoltWintersState z = HoltWinters.multiplicative().fit(zeros, Seasonality.of(24));
    z.update(50);
    assertTrue(Arrays.stream(z.forecast(24)).allMatch(v -> Double.isFinite(v) && v >= 0));
  }

  @ParameterizedTest
  @EnumSource(HoltWinters.Kind.class)
  void updateContinuesExactlyWhatFittingComputed(HoltWinters.Kind kind) {
    HoltWinters model = new HoltWinters(kind);
    double[] y = HoltWintersTestSeries.daily(25, 24, 30, 500, 0.6, 0.01);
    y = HoltWintersTestSeries.withOutage(y, 24 * 27, 5);
    int n = 24 * 26;
    HoltWintersState fitted = model.fit(Arrays.copyOf(y, n), DAY_WEEK_HOURLY);
    assertArrayEquals(model.replay(y, n, DAY_WEEK_HOURLY, fitted.parameters()).forecast(0),
        new double[0]);
    assertArrayEquals(model.replay(Arrays.copyOf(y, n), n, DAY_WEEK_HOURLY, fitted.parameters())
        .forecast(48), fitted.forecast(48), 0.0);
    for (int t = n; t < y.length; t++) {
      fitted.update(y[t]);
    }
    HoltWintersState replayed = model.replay(y, n, DAY_WEEK_HOURLY, fitted.parameters());
    assertArrayEquals(replayed.forecast(48), fitted.forecast(48), 0.0);
    assertEquals(replayed.level(), fitted.level(), 0.0);
  }

  @Test
  void usesTheWeekOnlyWithTwoWeeksOfHistory() {
    double[] y = HoltWintersTestSeries.daily(26, 24, 20, 500, 0.6, 0);
    assertArrayEquals(new int[] {24}, HoltWinters.additive().fit(Arrays.copyOf(y, 24 * 13),
        DAY_WEEK_HOURLY).periods());
    assertArrayEquals(new int[] {24, 168}, HoltWinters.additive().fit(y, DAY_WEEK_HOURLY).periods());
    assertArrayEquals(new int[0], HoltWinters.additive().fit(y, Seasonality.none()).periods());
  }

  @Test
  void dampedTrendCannotRunAwayADayAhead() {
    // A steep ramp over the last day: the forecast may follow, but only up to the cap.
    double[] y = HoltWintersTestSeries.daily(27, 24, 14, 500, 1.0, 0);
    for (int t = 24 * 13; t < y.length; t++) {
      y[t] += 40.0 * (t - 24 * 13);
    }
    for (HoltWinters model : new HoltWinters[] {HoltWinters.additive(), HoltWinters.multiplicative()}) {
      HoltWintersState s = model.fit(y, Seasonality.of(24));
      double peak = Arrays.stream(y).max().orElseThrow();
      double[] f = s.forecast(24 * 7);
      assertTrue(Arrays.stream(f).allMatch(v -> v <= 4 * peak), model.name() + " " + s);
    }
  }

  @Test
  void forecastsAPlainSeriesWithoutSeasonality() {
    double[] y = new double[40];
    for (int t = 0; t < y.length; t++) {
      y[t] = 100 + 2 * t;
    }
    double[] f = HoltWinters.additive().fit(y, Seasonality.none()).forecast(3);
    assertTrue(f[0] > 170 && f[0] < 190, Arrays.toString(f));
  }

  @Test
  void rejectsShortOrMissingInputWithAClearMessage() {
    HoltWinters hw = HoltWinters.additive();
    assertEquals(48, hw.minHistory(Seasonality.of(24, 168)));
    var shortError = assertThrows(IllegalArgumentException.class,
        () -> hw.fit(new double[47], Seasonality.of(24)));
    assertTrue(shortError.getMessage().contains("at least 48"), shortError.getMessage());
    double[] y = new double[48];
    y[7] = Double.NaN;
    var nanError = assertThrows(IllegalArgumentException.class,
        () -> hw.fit(y, Seasonality.of(24)));
    assertTrue(nanError.getMessage().contains("y[7]"), nanError.getMessage());
    assertEquals("holt-winters-add-damped", hw.name());
    assertEquals("holt-winters-mul-damped", HoltWinters.multiplicative().name());
  }
}
