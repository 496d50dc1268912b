package dev.headroom.simulator.workload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.forecaster.series.RateSeries;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticTraceTest {

  private static final SyntheticTrace FOUR_WEEKS = SyntheticTrace.defaults().withDayNoise(0.1)
      .withSeed(77);

  /** Sample autocorrelation at {@code lag}. */
  private static double acf(double[] x, int lag) {
    double mean = 0;
    for (double v : x) {
      mean += v;
    }
    mean /= x.length;
    double num = 0;
    double den = 0;
    for (int i = 0; i < x.length; i++) {
      den += (x[i] - mean) * (x[i] - mean);
      if (i + lag < x.length) {
        num += (x[i] - mean) * (x[i + lag] - mean);
      }
    }
    return num / den;
  }

  @Test
  void dailyAndWeeklyCyclesShowInTheAutocorrelation() {
    double[] hourly = FOUR_WEEKS.counts().aggregate(Duration.ofHours(1)).values();
    assertEquals(28 * 24, hourly.length);
    double day = acf(hourly, 24);
    double halfDay = acf(hourly, 12);
    double week = acf(hourly, 168);
    double sixDays = acf(hourly, 144);
    assertTrue(day > 0.6, "lag 24h: " + day);
    assertTrue(halfDay < -0.3, "lag 12h, opposite phase: " + halfDay);
    // A week back is the same weekday: closer than six days back, which mixes weekends in.
    assertTrue(week > sixDays + 0.05, "lag 168h " + week + " vs 144h " + sixDays);
    System.out.printf("ACF of hourly counts: 12h %.3f, 24h %.3f, 144h %.3f, 168h %.3f%n", halfDay,
        day, sixDays, week);
    assertTrue(week > 0.6, "lag 168h: " + week);
  }

  @Test
  void perHourMeansPeakAtThePeakHourAndWeekendsSitLower() {
    // A peak at 14:30 puts the peak and trough at the middles of clock hours 14 and 2.
    SyntheticTrace t = FOUR_WEEKS.withDayNoise(0).withDailyCycle(0.5, 14.5);
    RateSeries hourly = t.counts().aggregate(Duration.ofHours(1));
    double[] byHour = new double[24];
    double weekday = 0;
    double weekend = 0;
    for (int i = 0; i < hourly.size(); i++) {
      byHour[i % 24] += hourly.value(i) / 28;
      // The trace starts on a Monday: days 5 and 6 of each week are the weekend.
      if ((i / 24) % 7 >= 5) {
        weekend += hourly.value(i) / 8;
      } else {
        weekday += hourly.value(i) / 20;
      }
    }
    int peak = 0;
    int trough = 0;
    for (int h = 0; h < 24; h++) {
      peak = byHour[h] > byHour[peak] ? h : peak;
      trough = byHour[h] < byHour[trough] ? h : trough;
    }
    assertEquals(14, peak);
    assertEquals(2, trough);
    // Per hour of day over 28 days (20 weekdays at 1, 8 weekend days at 0.6) at 360,000 an hour,
    // times the cycle averaged over the hour: 1 ± 0.5 sin(π/24) / (π/24).
    double level = 360_000 * (20 + 8 * 0.6) / 28;
    double swing = 0.5 * Math.sin(Math.PI / 24) / (Math.PI / 24);
    assertEquals((1 + swing) * level, byHour[14], 0.002 * level);
    assertEquals((1 - swing) * level, byHour[2], 0.002 * level);
    assertEquals(0.6, weekend / weekday, 0.005);
  }

  @Test
  void countsArePoissonAroundTheRate() {
    SyntheticTrace flat = SyntheticTrace.defaults().withDailyCycle(0, 0).withWeekendLevel(1)
        .withSpan(Duration.ofDays(2)).withBaseRate(3);
    double[] v = flat.counts().values();
    double mean = 0;
    for (double x : v) {
      mean += x;
    }
    mean /= v.length;
    double var = 0;
    for (double x : v) {
      var += (x - mean) * (x - mean);
    }
    var /= v.length - 1;
    assertEquals(180, mean, 5 * Math.sqrt(180.0 / v.length));
    // The index of dispersion of Poisson counts is 1; with 2880 counts its error is ~2.6%.
    assertEquals(1.0, var / mean, 0.15);
  }

  @Test
  void trendAndDayNoiseMoveTheLevels() {
    SyntheticTrace t = SyntheticTrace.defaults().withDailyCycle(0, 0).withWeekendLevel(1)
        .withTrendPerWeek(0.1);
    double[] daily = t.counts().aggregate(Duration.ofDays(1)).values();
    // Day 21 (week 3 and a bit) is (1 + 0.1 * 21.5 / 7) times day 0's (1 + 0.1 * 0.5 / 7).
    assertEquals((1 + 0.1 * 21.5 / 7) / (1 + 0.1 * 0.5 / 7), daily[21] / daily[0], 0.005);

    double[] noisy = t.withTrendPerWeek(0).withDayNoise(0.2).counts()
        .aggregate(Duration.ofDays(1)).values();
    double sum = 0;
    double sumSq = 0;
    for (double d : noisy) {
      double l = Math.log(d / 8_640_000);
      sum += l;
      sumSq += l * l;
    }
    double sd = Math.sqrt(sumSq / noisy.length - Math.pow(sum / noisy.length, 2));
    assertEquals(0.2, sd, 0.07, "log-scale spread of the daily totals");
  }

  @Test
  void flashCrowdsMultiplyTheRateInTheirWindow() {
    FlashCrowd crowd = new FlashCrowd(Instant.parse("2025-01-06T12:00:00Z"), Duration.ofHours(1),
        5, Duration.ZERO);
    SyntheticTrace flat = SyntheticTrace.defaults().withDailyCycle(0, 0)
        .withSpan(Duration.ofDays(1));
    RateSeries with = flat.withFlashCrowds(List.of(crowd)).counts().aggregate(Duration.ofHours(1));
    assertEquals(5 * 360_000, with.value(12), 5 * 5 * Math.sqrt(360_000 * 5));
    assertEquals(360_000, with.value(11), 5 * Math.sqrt(360_000));
    assertEquals(5 * 100.0, flat.withFlashCrowds(List.of(crowd))
        .rateAt(crowd.start().toEpochMilli()));
  }

  @Test
  void aShorterSpanIsThePrefixOfALongerOneAndSeedsMatter() {
    SyntheticTrace longer = FOUR_WEEKS.withSpan(Duration.ofDays(3));
    double[] head = longer.withSpan(Duration.ofDays(1)).counts().values();
    double[] full = longer.counts().values();
    for (int i = 0; i < head.length; i++) {
      assertEquals(full[i], head[i], "step " + i);
    }
    assertArrayEquals(full, longer.counts().values());
    assertFalse(java.util.Arrays.equals(full, longer.withSeed(78).counts().values()));
  }

  @Test
  void theZoneMovesTheCycle() {
    SyntheticTrace ny = SyntheticTrace.defaults().withZone(ZoneOffset.ofHours(-5))
        .withWeekendLevel(1);
    // 14:00 in New York is 19:00 UTC.
    long monday = Instant.parse("2025-01-06T19:00:00Z").toEpochMilli();
    assertEquals(150, ny.rateAt(monday), 1e-9);
  }

  @Test
  void badParametersAreRefused() {
    SyntheticTrace d = SyntheticTrace.defaults();
    assertThrows(IllegalArgumentException.class, () -> d.withSpan(Duration.ofSeconds(90)));
    assertThrows(IllegalArgumentException.class, () -> d.withDailyCycle(1.5, 12));
    assertThrows(IllegalArgumentException.class, () -> d.withBaseRate(-1));
    assertThrows(IllegalArgumentException.class, () -> d.withStep(Duration.ofNanos(10)));
  }
}
