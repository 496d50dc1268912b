package dev.headroom.engine.service;

import dev.headroom.engine.clock.Clock;
import dev.headroom.engine.config.HeadroomConfig;
import dev.headroom.engine.config.LimitConfig;
import dev.headroom.engine.limiter.RefillLimit;
import dev.headroom.engine.telemetry.IntervalSnapshot;
import dev.headroom.forecaster.history.HistorySource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The service's limits and policy loop without the HTTP server, the telemetry pipeline or any
 * thread, on the caller's clock and history: the loop {@code ./headroom serve} runs, for benchmarks
 * and for tests that replay traffic through it at virtual time. The caller feeds closed intervals
 * ({@link #onInterval}) and ticks ({@link #tick}) when it likes.
 */
public final class OfflineLoop {

  private final Map<String, LimitRuntime> limits;
  private final KeyForecasts forecasts;
  private final PolicyLoop loop;

  /** Each limit holds at most its configured {@code maxKeys} bucket keys, as in the service. */
  public OfflineLoop(HeadroomConfig config, Clock clock, HistorySource history) {
    Map<String, LimitRuntime> m = new LinkedHashMap<>();
    for (LimitConfig l : config.limits()) {
      m.put(l.name(), new LimitRuntime(l, clock));
    }
    this.limits = Collections.unmodifiableMap(m);
    this.forecasts = new KeyForecasts(history);
    this.loop = new PolicyLoop(() -> limits, config::capacities, forecasts, clock);
  }

  /** Checks one request of {@code cost} for bucket key {@code key} ({@code limit|values}); true if admitted. */
  public boolean check(String key, long cost) {
    LimitRuntime limit = limits.get(PolicyLoop.limitOf(key));
    if (limit == null) {
      throw new IllegalArgumentException("no limit for key '" + key + "'");
    }
    return limit.check(key, cost, Optional.empty()).allowed();
  }

  public void onInterval(IntervalSnapshot snapshot) {
    loop.onInterval(snapshot);
  }

  /** Runs every limit whose refresh is due at the clock's time. */
  public void tick() {
    loop.tick();
  }

  /** The refill rate in force for {@code key}, per second (the static rate for a key not resident). */
  public double rate(String key) {
    LimitRuntime limit = limits.get(PolicyLoop.limitOf(key));
    return RefillLimit.of(limit.registry().config(key)).rate().perSecond();
  }

  /** The policy state of {@code key}, or null when the loop holds none. */
  public PolicyLoop.KeyStatus status(String key) {
    return loop.status(PolicyLoop.limitOf(key), key);
  }

  public PolicyLoop.LimitSummary summary(String limit) {
    return loop.summary(limit);
  }

  /** Forecasting models fitted so far (first fits and refits), over all series. */
  public long fits() {
    return forecasts.fits();
  }
}
