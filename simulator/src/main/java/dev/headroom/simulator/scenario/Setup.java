package dev.headroom.simulator.scenario;

import dev.headroom.simulator.model.Autoscaler;
import dev.headroom.simulator.model.RetryPolicy;
import dev.headroom.simulator.model.ServiceTime;
import dev.headroom.simulator.workload.Arrivals;
import java.time.Duration;

/**
 * The system a scenario puts behind the limiter, sized from the traffic it will see, plus the
 * settings every policy in a comparison shares. Sizing from the trace is what lets one scenario
 * run on NASA's 0.7 requests a second and Twitter's 60: capacity is a multiple of the window's
 * busy-minute demand ({@code capacityFactor} of its 99th percentile), so that peaks overrun it
 * and the limit matters.
 *
 * @param scenario         which situation
 * @param keys             number of keys (tenants); each has its own bucket
 * @param capacityPerSecond what the backend completes per second at full use (elastic: at its
 *                         largest; quota: the quota's average rate)
 * @param workers          backend workers (elastic: at the start)
 * @param serviceTime      per-request work
 * @param queueLimit       backend queue bound
 * @param timeoutNanos     how long a request may wait for a worker
 * @param objectiveNanos   latency objective: goodput counts requests within it, and overload is a
 *                         queue whose expected wait passes it
 * @param autoscaler       the elastic backend's autoscaler; null otherwise
 * @param quota            quota calls per window (quota scenario; 0 otherwise)
 * @param quotaWindow      the provider's calendar window
 * @param maxWaitNanos     how long a call may wait for the pacer before it is dropped
 * @param providerCeiling  calls per calendar second above which the provider answers 429
 * @param providerLatencyNanos the provider's answer time
 * @param refreshNanos     policy tick: how often rates are recomputed
 * @param forecastStepMillis step of the demand series forecasts are fitted on
 * @param lead             how far ahead of a predicted ramp predictive rates rise
 * @param headroom         factor over forecast demand
 * @param burstSeconds     bucket size as seconds of its rate: in front of a backend, the latency
 *                         objective (a full bucket emptied at once is a backlog the backend,
 *                         running at that rate, clears within the objective); for a quota pacer,
 *                         one second
 * @param retry            the clients' retry behaviour
 * @param seed             seed of service times and retry jitter
 */
public record Setup(Scenario scenario, int keys, double capacityPerSecond, int workers, ServiceTime serviceTime,
    int queueLimit, long timeoutNanos, long objectiveNanos, Autoscaler autoscaler, long quota,
    Duration quotaWindow, long maxWaitNanos, double providerCeiling, long providerLatencyNanos, long refreshNanos,
    long forecastStepMillis, Duration lead, double headroom, double burstSeconds, RetryPolicy retry, long seed) {

  /**
   * The default {@code capacityFactor} of a scenario. Protect, elastic and quota: the capacity (or
   * quota) covers 80% of the busiest minutes, so peaks overrun it and the limit decides who is
   * served. Tenants: 100% of the busiest minutes of the total, so the capacity just fits the sum of the
   * tenants' demand while a fixed share of it (a static limit per tenant) does not fit any one
   * tenant's own peak: the case for sharing by forecast. Flood: likewise 100% of the keys' summed
   * busy-minute demand (legitimate traffic only): the backend fits everyone's normal peaks, not a flood.
   */
  public static double defaultCapacityFactor(Scenario scenario) {
    return scenario.sharedByKeys() ? 1.0 : 0.8;
  }
  private static final long SECOND = 1_000_000_000L;

  /**
   * Sizes {@code scenario}'s system for {@code input}: capacity {@code capacityFactor} times the
   * 99th percentile of the window's per-minute demand as recorded (before what-ifs) (for the elastic backend, the largest fleet
   * covers 1.5 times that percentile and the smallest a fifth of it).
   */
  public static Setup size(Scenario scenario, SimInput input, double capacityFactor) {
    if (!(capacityFactor > 0) || Double.isInfinite(capacityFactor)) {
      throw new IllegalArgumentException("capacity factor must be positive and finite, got " + capacityFactor);
    }
    double busy = input.busyPerSecond();
    // Forecast on 5-minute steps, or the nearest whole multiple of the trace's own step above it.
    long traceStep = input.history().getFirst().stepMillis();
    long step = traceStep >= 300_000L ? traceStep : Math.ceilDiv(300_000L, traceStep) * traceStep;
    RetryPolicy retry = RetryPolicy.exponentialBackoff(3, SECOND, 60 * SECOND);
    Duration lead = Duration.ofMinutes(10);
    long refresh = 60 * SECOND;
    if (scenario == Scenario.QUOTA) {
      long quota = Math.max(1, Math.round(capacityFactor * busy * 60));
      double perSecond = quota / 60.0;
      return new Setup(scenario, input.keys().size(), perSecond, 1_000_000, ServiceTime.constant(0.1 * SECOND),
          Integer.MAX_VALUE, Long.MAX_VALUE, 10 * SECOND, null, quota, Duration.ofMinutes(1), 10 * SECOND,
          Math.max(1, Math.ceil(2 * perSecond)), SECOND / 10, refresh, step, lead, 1.2, 1, retry, 7);
    }
    double capacity = capacityFactor * busy;
    if (scenario == Scenario.ELASTIC) {
      capacity = 1.5 * capacityFactor * busy;
    }
    int workers = (int) Math.max(8, Math.round(capacity * 0.1));
    double meanService = workers / capacity;
    ServiceTime service = ServiceTime.exponential(meanService * SECOND);
    long objective = Math.round(10 * meanService * SECOND); // service alone has its p99 at 4.6x the mean
    Autoscaler autoscaler = null;
    int initial = workers;
    if (scenario == Scenario.ELASTIC) {
      int min = Math.max(1, workers / 8);
      autoscaler = new Autoscaler(0.7, 60 * SECOND, 5 * 60 * SECOND, min, workers);
      double firstHour = rateOver(input.arrivals(), input.startNanos(), 3600 * SECOND);
      initial = (int) Math.max(min, Math.min(workers, Math.ceil(firstHour * meanService / 0.7)));
    }
    return new Setup(scenario, input.keys().size(), capacity, initial, service, workers * 20, 4 * objective,
        objective, autoscaler, 0, Duration.ofMinutes(1), 0, 0, 0, refresh, step, lead, 1.2, objective / 1e9, retry, 7);
  }

  /** Requests per second one backend worker completes. */
  public double ratePerWorker() {
    return serviceTime.ratePerWorker();
  }

  /** Largest worker count: the autoscaler's maximum, or the fixed fleet. */
  public int maxWorkers() {
    return autoscaler == null ? workers : autoscaler.maxWorkers();
  }

  /** Each key's nominal share of the capacity: what a static limit of factor 1 gives it. */
  public double sharePerKey() {
    return capacityPerSecond / keys;
  }

  private static double rateOver(Arrivals arrivals, long from, long span) {
    long n = 0;
    for (int i = 0; i < arrivals.size() && arrivals.time(i) < from + span; i++) {
      n++;
    }
    return n * (double) SECOND / span;
  }
}
