package dev.headroom.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.engine.policy.RefitSchedule;
import dev.headroom.forecaster.history.HistorySource;
import dev.headroom.forecaster.series.RateSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyForecastsTest {

  private static final Duration STEP = Duration.ofMinutes(1);
  private static final Duration HISTORY = Duration.ofDays(2);
  private static final Duration REFIT = Duration.ofMinutes(15);

  /** History of a daily cycle; counts the long reads (fits) per tick. */
  private static final class CountingHistory implements HistorySource {
    final Map<Long, Integer> fitsAt = new HashMap<>();
    long tick;

    @Override
    public RateSeries requests(String key, Instant from, Instant to, Duration step) {
      long stepMillis = step.toMillis();
      long start = Math.floorDiv(from.toEpochMilli(), stepMillis) * stepMillis;
      int n = (int) ((Math.floorDiv(to.toEpochMilli(), stepMillis) * stepMillis - start) / stepMillis);
      if (n > 60) {
        fitsAt.merge(tick, 1, Integer::sum);
      }
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        double hour = ((start + i * stepMillis) / 3_600_000.0) % 24;
        v[i] = 100 + 50 * Math.sin(2 * Math.PI * hour / 24);
      }
      return RateSeries.ofMillis(start, stepMillis, v);
    }
  }

  @Test
  void keysSeenTogetherRefitSpreadOverThePeriodNotAllInOneTick() {
    CountingHistory history = new CountingHistory();
    KeyForecasts forecasts = new KeyForecasts(history);
    int keys = 150;
    long t0 = Instant.parse("2026-01-05T00:00:30Z").toEpochMilli();
    for (int tick = 0; tick < 45; tick++) {
      history.tick = tick;
      long now = t0 + tick * STEP.toMillis();
      for (int k = 0; k < keys; k++) {
        assertTrue(forecasts.forecast("key-" + k, now, STEP, Duration.ofMinutes(5), HISTORY, REFIT) != null);
      }
    }
    assertEquals(keys, history.fitsAt.get(0L), "every key is fitted when first seen");
    int steady = 0;
    int most = 0;
    for (long tick = 15; tick < 45; tick++) { // two whole periods
      int n = history.fitsAt.getOrDefault(tick, 0);
      steady += n;
      most = Math.max(most, n);
    }
    assertEquals(2 * keys, steady, "each key refits once per 15 ticks: " + history.fitsAt);
    assertTrue(most <= 3 * keys / 15, "refits spread over the period, at most " + most + " in a tick: " + history.fitsAt);
  }

  @Test
  void aKeysPhaseIsAWholeNumberOfStepsWithinThePeriod() {
    for (int k = 0; k < 1000; k++) {
      long p = new RefitSchedule(REFIT.toMillis(), STEP.toMillis()).phase("k" + k);
      assertTrue(p >= 0 && p < REFIT.toMillis() && p % STEP.toMillis() == 0, "phase " + p);
    }
  }

  /** The daily cycle, with one step (if any) twenty times over. */
  private record FloodedHistory(long floodStep) implements HistorySource {
    @Override
    public RateSeries requests(String key, Instant from, Instant to, Duration step) {
      long stepMillis = step.toMillis();
      long start = Math.floorDiv(from.toEpochMilli(), stepMillis) * stepMillis;
      int n = (int) ((Math.floorDiv(to.toEpochMilli(), stepMillis) * stepMillis - start) / stepMillis);
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        long t = start + i * stepMillis;
        double hour = (t / 3_600_000.0) % 24;
        v[i] = (100 + 50 * Math.sin(2 * Math.PI * hour / 24)) * (t == floodStep ? 20 : 1);
      }
      return RateSeries.ofMillis(start, stepMillis, v);
    }
  }

  @Test
  void aStepPastTheBandJustBeforeARefitGoesThroughTheFloodGuardBeforeTheRefitReadsIt() {
    long t0 = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();
    long phase = new RefitSchedule(REFIT.toMillis(), STEP.toMillis()).phase("key-x");
    // The first fit at tick 0 counts as made `phase` earlier: the first refit is at this tick.
    int refitTick = (int) ((REFIT.toMillis() - phase) / STEP.toMillis());
    long floodStep = t0 + (refitTick - 1) * STEP.toMillis(); // the last step before the refit
    KeyForecasts forecasts = new KeyForecasts(new FloodedHistory(floodStep));
    long fits = 0;
    for (int tick = 0; tick <= refitTick; tick++) {
      forecasts.forecast("key-x", t0 + tick * STEP.toMillis(), STEP, Duration.ofMinutes(5), HISTORY, REFIT);
      if (tick == refitTick - 1) {
        fits = forecasts.fits();
      }
    }
    assertEquals(fits + 1, forecasts.fits(), "the key refits at tick " + refitTick);
    // Clipped and remembered, so the refit (and every later one) reads the clipped step, as the
    // simulator's forecasts do: each step is checked against the band made before it was seen.
    assertEquals(1, forecasts.clippedSteps("key-x"), "the twentyfold step was clipped");
  }
}
