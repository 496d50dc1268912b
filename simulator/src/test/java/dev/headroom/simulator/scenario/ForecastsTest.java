package dev.headroom.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.engine.policy.ForecastView;
import dev.headroom.forecaster.series.RateSeries;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastsTest {

  private static final long STEP = 300_000L;

  /** Eight days of 5-minute demand; the last day is the window. */
  private static Demand demand(double futureFactor, int changedFrom) {
    RateSeries all = Traffic.daily(8, 10, 0.5).aggregate(java.time.Duration.ofMinutes(5));
    int split = 7 * 288;
    RateSeries history = all.slice(0, split);
    double[] window = all.slice(split, all.size()).values();
    for (int i = changedFrom; i < window.length; i++) {
      window[i] *= futureFactor;
    }
    return new Demand(STEP, all.timeMillis(split), List.of(history), List.of(window));
  }

  @Test
  void aForecastMadeAtAStepDoesNotDependOnAnyLaterDemand() {
    int from = 100;
    FittedForecasts plain = FittedForecasts.compute(demand(1, from), 12, 6 * 3_600_000L, 10_000);
    // A fall: a fivefold rise would be a flood to the FloodGuard, and not learned for an hour.
    FittedForecasts changed = FittedForecasts.compute(demand(0.2, from), 12, 6 * 3_600_000L, 10_000);
    Demand d = demand(1, from);
    for (int i = 0; i <= from; i++) {
      long t = d.startMillis() + i * STEP;
      ForecastView a = plain.at(0, t);
      ForecastView b = changed.at(0, t);
      assertArrayEquals(a.mean(), b.mean(), 0, "step " + i + ": the forecast saw the future");
      assertEquals(t, a.startMillis(), "a forecast at a step boundary starts there");
    }
    long later = d.startMillis() + (from + 2) * STEP;
    assertNotEquals(plain.at(0, later).mean()[0], changed.at(0, later).mean()[0],
        "after the change has been observed, the forecasts differ");
  }

  @Test
  void aFloodInTheDemandIsNotLearned() {
    int from = 100;
    FittedForecasts plain = FittedForecasts.compute(demand(1, from), 12, 6 * 3_600_000L, 10_000);
    FittedForecasts flooded = FittedForecasts.compute(demand(20, from), 12, 6 * 3_600_000L, 10_000);
    long later = demand(1, from).startMillis() + (from + 10) * STEP;
    double a = plain.at(0, later).p99()[0];
    double b = flooded.at(0, later).p99()[0];
    assertTrue(b < 1.5 * a, "ten steps into a twentyfold flood the band is " + b + " against " + a + " without it");
  }

  @Test
  void fittedForecastsFollowADailyCycleTheyHaveSeen() {
    Demand d = demand(1, Integer.MAX_VALUE);
    FittedForecasts f = FittedForecasts.compute(d, 12, 86_400_000L, 10_000);
    double worst = 0;
    for (int i = 0; i < d.steps(); i++) {
      ForecastView v = f.at(0, d.startMillis() + i * STEP);
      assertFalse(v.fallback(), "a week of history is enough: " + v.model());
      worst = Math.max(worst, Math.abs(v.mean()[0] - d.window().getFirst()[i]) / d.window().getFirst()[i]);
    }
    assertTrue(worst < 0.05, "a noise-free daily cycle is forecast within 5%, worst " + worst);
    assertEquals(1, f.fits(), "one fit a day over one day");
  }

  @Test
  void theOracleSeesExactlyTheComingDemand() {
    Demand d = demand(1, Integer.MAX_VALUE);
    OracleForecasts o = new OracleForecasts(d, 6);
    ForecastView v = o.at(0, d.startMillis() + 10 * STEP + 1234);
    assertEquals(d.startMillis() + 10 * STEP, v.startMillis());
    assertArrayEquals(java.util.Arrays.copyOfRange(d.window().getFirst(), 10, 16), v.p90(), 0);
  }

  @Test
  void historyIsAggregatedSoThatItsLastStepEndsWhereTheWindowStarts() {
    RateSeries perMinute = Traffic.daily(2, 1, 0.5).slice(7, 2880); // starts off the 5-minute grid
    RateSeries h = Demand.alignedEndingAt(perMinute, perMinute.endMillis(), STEP);
    assertEquals(perMinute.endMillis(), h.endMillis());
    assertEquals(STEP, h.stepMillis());
    assertEquals((2880 - 7) / 5, h.size());
  }
}
