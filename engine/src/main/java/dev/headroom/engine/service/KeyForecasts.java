package dev.headroom.engine.service;

import dev.headroom.engine.policy.FloodGuard;
import dev.headroom.engine.policy.ForecastView;
import dev.headroom.engine.policy.RefitSchedule;
import dev.headroom.forecaster.Forecaster;
import dev.headroom.forecaster.LiveForecast;
import dev.headroom.forecaster.history.HistorySource;
import dev.headroom.forecaster.series.RateSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live forecasts of series (a busy key, or a limit's total) for the predictive policy: fitted from
 * history, kept current with {@link LiveForecast#update} at each step, refitted (model re-selected)
 * when the engine's {@link RefitSchedule} says so, the same schedule the simulator replays.
 * Runs on the policy thread only; a history read that fails leaves the series without a forecast,
 * and the policy's guard falls back to the static rate and says so.
 */
final class KeyForecasts {

  /** Forecast steps ahead: an hour of one-minute steps, at least twice the lead. */
  private static final int MIN_HORIZON = 60;

  private final HistorySource history;
  private final Forecaster forecaster = Forecaster.defaults();
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private long fits;

  private record Entry(LiveForecast live, long fittedAtMillis, long knownFromMillis, String error, FloodGuard guard) {}

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
    RefitSchedule schedule = new RefitSchedule(refitEvery.toMillis(), stepMillis);
    Entry e = entries.get(key);
    try {
      boolean afresh = e == null || e.live() == null || e.live().nextMillis() > boundary
          || boundary - e.live().nextMillis() > 60 * stepMillis;
      if (!afresh && e.live().nextMillis() < boundary) {
        // Every step goes through the guard against the band made before it was seen, the steps a
        // refit is about to read included: else a flood's step just before a refit reached it raw.
        RateSeries fresh = history.requests(key, Instant.ofEpochMilli(e.live().nextMillis()),
            Instant.ofEpochMilli(boundary), step);
        for (int i = 0; i < fresh.size(); i++) {
          var f = e.live().forecast(); // this step's forecast, made before it was seen
          e.live().update(e.guard().feed(fresh.timeMillis(i), fresh.value(i), f.mean()[0], f.p99()[0]));
        }
      }
      if (afresh || schedule.due(nowMillis, e.fittedAtMillis(), nowMillis - e.knownFromMillis())) {
        FloodGuard guard = e == null ? new FloodGuard() : e.guard();
        Instant from = Instant.ofEpochMilli(boundary).minus(historyWindow);
        guard.forgetBefore(from.toEpochMilli());
        RateSeries series = guard.clean(history.requests(key, from, Instant.ofEpochMilli(boundary), step));
        int horizon = (int) Math.max(MIN_HORIZON, 2 * (lead.toMillis() / stepMillis + 2));
        long fittedAt = e == null ? schedule.firstFitCountsAt(key, nowMillis) : nowMillis;
        e = new Entry(forecaster.fit(series, horizon), fittedAt, knownFrom(series, boundary), null, guard);
        fits++;
      }
      entries.put(key, e);
      return ForecastView.of(e.live().forecast(), nowMillis);
    } catch (RuntimeException failure) {
      entries.put(key, new Entry(null, nowMillis, nowMillis, String.valueOf(failure.getMessage()),
          e == null ? new FloodGuard() : e.guard()));
      return null;
    }
  }

  /** Start of the first measured step of {@code series}: how far back the key's known demand goes. */
  private static long knownFrom(RateSeries series, long boundary) {
    for (int i = 0; i < series.size(); i++) {
      if (!series.isMissing(i)) {
        return series.timeMillis(i);
      }
    }
    return boundary;
  }

  /** Steps of {@code key}'s series its flood guard holds clipped (0 for an unknown key). */
  int clippedSteps(String key) {
    Entry e = entries.get(key);
    return e == null ? 0 : e.guard().remembered();
  }

  /** Models fitted so far (first fits and refits). */
  long fits() {
    return fits;
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
