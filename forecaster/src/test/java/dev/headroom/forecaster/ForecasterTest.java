package dev.headroom.forecaster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.forecaster.series.RateSeries;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ForecasterTest {

  private static final int PER_DAY = 48; // 30-minute steps
  private static final long STEP = 1_800_000L;

  /** Days of history and the next day, from the same seeded process. */
  private static double[] traffic(int days, long seed) {
    return Synthetic.counts(PER_DAY * (days + 1), PER_DAY, 400, 0, seed);
  }

  private static RateSeries history(double[] y, int n) {
    return RateSeries.ofMillis(0, STEP, Arrays.copyOf(y, n));
  }

  private static double naiveMae(double[] y, int n) {
    double s = 0;
    for (int h = 0; h < PER_DAY; h++) {
      s += Math.abs(y[n + h] - y[n + h - PER_DAY]);
    }
    return s / PER_DAY;
  }

  @Test
  void beatsSeasonalNaiveADayAheadOnCyclicTraffic() {
    double ours = 0;
    double naive = 0;
    for (long seed = 1; seed <= 7; seed++) {
      int days = 21 + (int) seed;
      double[] y = traffic(days, seed);
      int n = PER_DAY * days;
      Forecast f = Forecaster.defaults().fit(history(y, n), PER_DAY).forecast();
      ours += Synthetic.mae(y, n, f.mean());
      naive += naiveMae(y, n);
    }
    assertTrue(ours < 0.8 * naive, "ours " + ours + " vs seasonal naive " + naive);
  }

  @Test
  void upperQuantilesCoverFutureTrafficAsLabelled() {
    int hits90 = 0;
    int hits99 = 0;
    int total = 0;
    for (long seed = 10; seed < 24; seed++) {
      int days = 14 + (int) (seed % 7); // forecast every day of the week, not always a Monday
      double[] y = traffic(days, seed);
      int n = PER_DAY * days;
      Forecast f = Forecaster.defaults().fit(history(y, n), PER_DAY).forecast();
      for (int h = 0; h < PER_DAY; h++) {
        hits90 += y[n + h] <= f.p90()[h] ? 1 : 0;
        hits99 += y[n + h] <= f.p99()[h] ? 1 : 0;
        total++;
        assertTrue(f.p50()[h] <= f.p90()[h] && f.p90()[h] <= f.p99()[h], "quantiles out of order at " + h);
      }
    }
    double c90 = (double) hits90 / total;
    double c99 = (double) hits99 / total;
    assertTrue(c90 > 0.84 && c90 < 0.96, "P90 coverage " + c90);
    assertTrue(c99 > 0.95, "P99 coverage " + c99);
  }

  @Test
  void anOutageDoesNotWreckTheNextDaysForecast() {
    double[] y = traffic(21, 5);
    int n = PER_DAY * 21;
    double[] broken = y.clone();
    Arrays.fill(broken, n - 30, n - 2, 0); // the collector died for 14 hours and came back
    Forecast clean = Forecaster.defaults().fit(history(y, n), PER_DAY).forecast();
    Forecast after = Forecaster.defaults().fit(history(broken, n), PER_DAY).forecast();
    double gap = Synthetic.mae(clean.mean(), 0, after.mean());
    assertTrue(gap < 0.1 * Synthetic.mae(new double[PER_DAY], 0, clean.mean()),
        "forecast moved by " + gap + " after an outage");
    assertTrue(after.notes().stream().anyMatch(s -> s.contains("outage")), after.notes().toString());
  }

  @Test
  void aFlashCrowdDoesNotRewriteTheProfile() {
    double[] y = traffic(21, 6);
    int n = PER_DAY * 21;
    double[] spiked = y.clone();
    for (int t = n - 3 * PER_DAY; t < n - 3 * PER_DAY + 4; t++) {
      spiked[t] *= 20; // a two-hour flash crowd three days ago
    }
    double[] truth = Arrays.copyOfRange(y, n, n + PER_DAY);
    Forecast f = Forecaster.defaults().fit(history(spiked, n), PER_DAY).forecast();
    assertTrue(Synthetic.mae(truth, 0, f.mean()) < naiveMae(y, n) * 1.1,
        "error " + Synthetic.mae(truth, 0, f.mean()) + " vs naive " + naiveMae(y, n));
  }

  @Test
  void missingIntervalsAreFilledAndSaidSo() {
    double[] y = traffic(14, 8);
    int n = PER_DAY * 14;
    double[] holes = Arrays.copyOf(y, n);
    for (int t = 100; t < n; t += 37) {
      holes[t] = Double.NaN;
    }
    Forecast f = Forecaster.defaults().fit(RateSeries.ofMillis(0, STEP, holes), PER_DAY).forecast();
    assertTrue(f.notes().stream().anyMatch(s -> s.contains("missing")), f.notes().toString());
    assertTrue(Synthetic.mae(y, n, f.mean()) < 1.2 * naiveMae(y, n));
  }

  @Test
  void dataProblemsGiveFallbacksNotExceptions() {
    Forecast empty = Forecaster.defaults().fit(RateSeries.ofMillis(0, STEP, new double[0]), 10).forecast();
    assertEquals("fallback-none", empty.model());
    double[] nan = new double[100];
    Arrays.fill(nan, Double.NaN);
    assertEquals("fallback-none", Forecaster.defaults().fit(RateSeries.ofMillis(0, STEP, nan), 10).forecast().model());
    Forecast zeros = Forecaster.defaults().fit(RateSeries.ofMillis(0, STEP, new double[500]), 10).forecast();
    assertEquals("fallback-zero", zeros.model());
    assertTrue(Arrays.stream(zeros.p99()).allMatch(v -> v == 0));
    Forecast shortOne = Forecaster.defaults().fit(RateSeries.ofMillis(0, STEP, new double[] {5, 7, 6}), 10).forecast();
    assertTrue(shortOne.model().startsWith("fallback"), shortOne.model());
    assertTrue(shortOne.notes().stream().anyMatch(s -> s.contains("too short")), shortOne.notes().toString());
    assertEquals(10, shortOne.horizon());
  }

  @Test
  void updatesMoveTheForecastAlongInTime() {
    double[] y = traffic(14, 9);
    int n = PER_DAY * 14;
    LiveForecast live = Forecaster.defaults().fit(history(y, n), PER_DAY);
    long start = live.nextMillis();
    Forecast before = live.forecast();
    live.update(y[n]);
    live.update(Double.NaN); // a missing interval is filled, never thrown on
    Forecast after = live.forecast();
    assertEquals(start + 2 * STEP, after.startMillis());
    assertEquals(before.mean()[5], after.mean()[3], 0.25 * before.mean()[5] + 5);
    assertTrue(after.notes().stream().anyMatch(s -> s.contains("filled with the forecast")));
  }
}
