package dev.headroom.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.forecaster.Forecaster;
import dev.headroom.forecaster.LiveForecast;
import dev.headroom.forecaster.model.Seasonality;
import dev.headroom.forecaster.series.RateSeries;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A compressed "day" of 60 one-minute steps: quiet (100 requests a minute), a ramp to 1000 a minute
 * at minute 30, quiet again from minute 50. The predictive policy ticks every minute with a
 * 5-minute lead; its rate must start rising by minute 25 and be up to demand when the ramp lands.
 */
class CompressedDayTest {

  private static final long MINUTE = 60_000;
  private static final long DAY_START = 1_700_000_000_000L - 1_700_000_000_000L % MINUTE;
  private static final int DAY = 60;
  private static final int RAMP = 30;
  private static final int LEAD = 5;
  private static final double STATIC = 5;

  /** Requests in minute {@code m} of any day (m may run past the day: the pattern repeats). */
  private static double demand(int m) {
    int inDay = Math.floorMod(m, DAY);
    return inDay >= RAMP && inDay < 50 ? 1000 : 100;
  }

  private static PredictivePolicy policy(int leadMinutes) {
    return new PredictivePolicy(new PredictiveConfig(Quantile.P90, Duration.ofMinutes(leadMinutes),
        Duration.ofMinutes(1), 1.2, new RateBounds(1, 100, 1.5), Duration.ofMinutes(5)));
  }

  /** Rates in force during each minute of the day, ticking with an oracle forecast of the ramp. */
  private static double[] runWithKnownRamp(PredictivePolicy policy) {
    KeyPolicyState key = new KeyPolicyState(demand(0) / 60 * 1.2); // settled on the quiet level
    double[] rate = new double[DAY];
    for (int m = 0; m < DAY; m++) {
      long now = DAY_START + m * MINUTE;
      double[] ahead = new double[15];
      for (int h = 0; h < ahead.length; h++) {
        ahead[h] = demand(m + h);
      }
      RateDecision d = key.tick(policy, now, STATIC, Interval.EMPTY, ForecastView.exact(now, now, MINUTE, ahead, "oracle"));
      assertFalse(d.fallback(), d.reason());
      rate[m] = key.rate();
    }
    return rate;
  }

  /**
   * The first minute whose rate is clearly above the quiet level (the highest rate of the first ten
   * minutes): 25% above, so forecast noise on the quiet level does not count as a rise.
   */
  private static int firstRise(double[] rate) {
    double quiet = 0;
    for (int m = 0; m < 10; m++) {
      quiet = Math.max(quiet, rate[m]);
    }
    for (int m = 10; m < rate.length; m++) {
      if (rate[m] > quiet * 1.25) {
        return m;
      }
    }
    return -1;
  }

  @Test
  void rateRisesLeadMinutesBeforeTheRampAndIsReadyWhenItLands() {
    double[] rate = runWithKnownRamp(policy(LEAD));
    int rise = firstRise(rate);
    assertTrue(rise >= 0 && rise <= RAMP - LEAD, "rate started rising at minute " + rise);
    assertTrue(rise > RAMP - LEAD - 3, "rate rose at minute " + rise + ", long before the forecast ramp");
    double rampPerSecond = demand(RAMP) / 60;
    assertTrue(rate[RAMP] >= rampPerSecond,
        "at the ramp the rate is " + rate[RAMP] + "/s, demand " + rampPerSecond + "/s");
    // It comes down only after demand does.
    assertTrue(rate[49] >= rampPerSecond, "rate fell before demand: " + rate[49]);
    assertTrue(rate[DAY - 1] < rampPerSecond, "rate never came down: " + rate[DAY - 1]);
  }

  /** The same day without a lead shows what the lead buys: the rate is still climbing at the ramp. */
  @Test
  void withoutLeadTheRateIsLate() {
    double[] rate = runWithKnownRamp(policy(0));
    assertEquals(RAMP, firstRise(rate));
    assertTrue(rate[RAMP] < demand(RAMP) / 60, "without lead the rate was ready anyway: " + rate[RAMP]);
  }

  /**
   * The real forecaster in the loop: fitted on four noisy compressed days, updated every minute of
   * the fifth, read through {@link ForecastView#of}. The daily period is given (60 steps) because a
   * 60-minute "day" is not a calendar period the forecaster would assume.
   */
  @Test
  void withTheRealForecasterTheRateRisesBeforeTheRamp() {
    Random noise = new Random(42);
    int days = 4;
    double[] history = new double[days * DAY];
    for (int i = 0; i < history.length; i++) {
      history[i] = demand(i) * (1 + 0.05 * noise.nextGaussian());
    }
    long start = DAY_START - (long) history.length * MINUTE;
    LiveForecast live = Forecaster.defaults().withSeasonality(Seasonality.of(DAY))
        .fit(RateSeries.ofMillis(start, MINUTE, history), 15);
    assertFalse(live.forecast().model().startsWith("fallback"), live.forecast().notes().toString());

    PredictivePolicy policy = policy(LEAD);
    KeyPolicyState key = new KeyPolicyState(demand(0) / 60 * 1.2);
    double[] rate = new double[DAY];
    for (int m = 0; m < DAY; m++) {
      long now = DAY_START + m * MINUTE;
      assertEquals(now, live.nextMillis());
      RateDecision d = key.tick(policy, now, STATIC, Interval.EMPTY, ForecastView.of(live.forecast(), now));
      assertFalse(d.fallback(), d.reason());
      rate[m] = key.rate();
      live.update(demand(m) * (1 + 0.05 * noise.nextGaussian()));
    }
    int rise = firstRise(rate);
    assertTrue(rise >= 0 && rise <= RAMP - LEAD, "rate started rising at minute " + rise);
    assertTrue(rise > 15, "rate rose at minute " + rise + ", far ahead of the ramp");
    assertTrue(rate[RAMP] >= demand(RAMP) / 60,
        "at the ramp the rate is " + rate[RAMP] + "/s, demand " + demand(RAMP) / 60 + "/s");
  }
}
