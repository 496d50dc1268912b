package dev.headroom.simulator.scenario;

import dev.headroom.forecaster.series.RateSeries;
import dev.headroom.simulator.model.RetryPolicy;
import java.time.Instant;

/** Small traffic for scenario tests: per-minute counts with a daily cycle, and setups without retries. */
final class Traffic {

  static final long START_MILLIS = Instant.parse("2025-01-06T00:00:00Z").toEpochMilli();

  private Traffic() {}

  /** {@code days} of per-minute counts averaging {@code perSecond}, peaking at 14:00 UTC at (1 + amplitude) times that. */
  static RateSeries daily(int days, double perSecond, double amplitude) {
    double[] v = new double[days * 1440];
    for (int i = 0; i < v.length; i++) {
      double hour = (i % 1440) / 60.0;
      v[i] = Math.round(60 * perSecond * (1 + amplitude * Math.cos(2 * Math.PI * (hour - 14) / 24)));
    }
    return RateSeries.ofMillis(START_MILLIS, 60_000, v);
  }

  /** {@code s} with clients that never retry, so counts can be compared one to one. */
  static Setup withoutRetries(Setup s) {
    return new Setup(s.scenario(), s.keys(), s.capacityPerSecond(), s.workers(), s.serviceTime(), s.queueLimit(),
        s.timeoutNanos(), s.objectiveNanos(), s.autoscaler(), s.quota(), s.quotaWindow(), s.maxWaitNanos(),
        s.providerCeiling(), s.providerLatencyNanos(), s.refreshNanos(), s.forecastStepMillis(), s.lead(),
        s.headroom(), s.burstSeconds(), new RetryPolicy(1, 0, 0, 1, false), s.seed());
  }
}
