package dev.headroom.engine.service;

import dev.headroom.engine.policy.ForecastView;
import dev.headroom.forecaster.Forecaster;
import dev.headroom.forecaster.LiveForecast;
import dev.headroom.forecaster.history.HistorySource;
import dev.headroom.forecaster.series.RateSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each key's live forecast for the predictive policy: fitted from its history, kept current with
 * {@link LiveForecast#update} at each step, refitted (model re-selected) every {@code refitEvery}.
 * Keys seen together would refit together, every key in one tick; so a key's first fit counts as
 * made up to one refit period earlier, by a phase from its name, which spreads the refits evenly
 * over the period (a fit takes milliseconds; ten thousand at once stall the loop).
 * Runs on the policy thread only; a history read that fails leaves the key without a forecast,
 * and the policy's guard falls back to the static rate and says so.
 */
final class KeyForecasts {

  /** Forecast steps ahead: an hour of one-minute steps, at least twice the lead. */
  private static final int MIN_HORIZON = 60;

  private final HistorySource history;
  private final Forecaster forecaster = Forecaster.defaults();
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  private record Entry(LiveForecast live, long fittedAtMillis, String error) {}

  KeyForecasts(HistorySource history) {
    this.history = history;
  }

  /**
   * The forecast for {@code key} at {@code nowMillis}, or null (with the reason kept for the admin
   * API) when its history cannot be read.
   */
  ForecastView forecast(String key, long nowMillis, Duration step, Duration lead, Duration historyWindow,
      Duration refitEvery) {
    long stepMillis = step.toMillis();
    long boundary = Math.floorDiv(nowMillis, stepMillis) * stepMillis; // end of the last complete step
    Entry e = entries.get(key);
    try {
      if (e == null || e.live() == null || nowMillis - e.fittedAtMillis() >= refitEvery.toMillis()
          || e.live().nextMillis() > boundary || boundary - e.live().nextMillis() > 60 * stepMillis) {
        RateSeries series = history.requests(key, Instant.ofEpochMilli(boundary).minus(historyWindow),
            Instant.ofEpochMilli(boundary), step);
        int horizon = (int) Math.max(MIN_HORIZON, 2 * (lead.toMillis() / stepMillis + 2));
        long fittedAt = e == null ? nowMillis - phase(key, refitEvery.toMillis(), stepMillis) : nowMillis;
        e = new Entry(forecaster.fit(series, horizon), fittedAt, null);
      } else if (e.live().nextMillis() < boundary) {
        RateSeries fresh = history.requests(key, Instant.ofEpochMilli(e.live().nextMillis()),
            Instant.ofEpochMilli(boundary), step);
        for (int i = 0; i < fresh.size(); i++) {
          e.live().update(fresh.value(i));
        }
      }
      entries.put(key, e);
      return ForecastView.of(e.live().forecast(), nowMillis);
    } catch (RuntimeException failure) {
      entries.put(key, new Entry(null, nowMillis, String.valueOf(failure.getMessage())));
      return null;
    }
  }

  /** Whole steps in [0, refit period), fixed per key: where in the period the key refits. */
  static long phase(String key, long refitMillis, long stepMillis) {
    long steps = Math.max(1, refitMillis / stepMillis);
    long x = key.hashCode() * 0x9E3779B97F4A7C15L; // mixed (SplitMix64's finaliser): names like key-1, key-2 spread too
    x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
    x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
    return Math.floorMod(x ^ (x >>> 31), steps) * stepMillis;
  }

  /** Why the key has no forecast, or null when it has one (or was never asked). */
  String problem(String key) {
    Entry e = entries.get(key);
    return e == null ? null : e.error();
  }

  /** The latest forecast's model for the admin API, or null. */
  String model(String key) {
    Entry e = entries.get(key);
    return e == null || e.live() == null ? null : e.live().model();
  }

  void forget(String key) {
    entries.remove(key);
  }
}
