package dev.headroom.simulator.report;

import java.util.Objects;

/**
 * What one policy did over one trace and scenario: the numbers the reports compare, immutable so
 * that writers can share it. Latencies are in milliseconds (NaN when no request completed); the
 * time series hold one entry per bucket of {@code bucketSeconds}.
 *
 * @param policy the policy's name, a report's row and legend label
 * @param bucketSeconds length of one time-series bucket
 * @param offered requests offered to the limiter, retries included
 * @param admitted requests the limiter let through
 * @param rejected requests the limiter turned away
 * @param avoidableRejections rejections made while the backend had idle capacity
 * @param overloadSeconds time the backend queue spent past the latency objective
 * @param latencyObjectiveMs the objective that defines overload and goodput
 * @param completed admitted requests the backend finished
 * @param p50Ms median latency of completed requests
 * @param p95Ms 95th percentile latency
 * @param p99Ms 99th percentile latency
 * @param goodput completed requests within the latency objective
 * @param retriesCaused retries that rejections (or timeouts) provoked
 * @param quotaWasted quota left unused when its window ended, summed over windows
 * @param quotaWindows quota windows that ended
 * @param quotaWindowsExhausted windows whose quota ran out before they ended
 * @param fairness Jain's index over per-tenant admitted/offered
 * @param keyTicks policy decisions made (one per key per tick); 0 for policies that never tick
 * @param fallbackTicks decisions that fell back to the static rate (no usable forecast, a failed
 *                      policy), so a report can tell "equal to static" from "could not predict"
 * @param fallbackReason the first fallback's reason, e.g. {@code forecaster fell back (fallback-none)};
 *                       null when none fell back
 * @param series per-bucket time series
 * @param labels the counts split by label (legitimate traffic, abusive floods)
 */
public record PolicyResult(
    String policy,
    double bucketSeconds,
    long offered,
    long admitted,
    long rejected,
    long avoidableRejections,
    double overloadSeconds,
    double latencyObjectiveMs,
    long completed,
    double p50Ms,
    double p95Ms,
    double p99Ms,
    long goodput,
    long retriesCaused,
    long quotaWasted,
    long quotaWindows,
    long quotaWindowsExhausted,
    double fairness,
    long keyTicks,
    long fallbackTicks,
    String fallbackReason,
    Series series,
    Labels labels) {

  /** A result whose every request was legitimate (no floods), as before labels existed. */
  public PolicyResult(String policy, double bucketSeconds, long offered, long admitted, long rejected,
      long avoidableRejections, double overloadSeconds, double latencyObjectiveMs, long completed, double p50Ms,
      double p95Ms, double p99Ms, long goodput, long retriesCaused, long quotaWasted, long quotaWindows,
      long quotaWindowsExhausted, double fairness, long keyTicks, long fallbackTicks, String fallbackReason,
      Series series) {
    this(policy, bucketSeconds, offered, admitted, rejected, avoidableRejections, overloadSeconds, latencyObjectiveMs,
        completed, p50Ms, p95Ms, p99Ms, goodput, retriesCaused, quotaWasted, quotaWindows, quotaWindowsExhausted,
        fairness, keyTicks, fallbackTicks, fallbackReason, series,
        new Labels(offered, rejected, avoidableRejections, 0, 0, 0, goodput, 0, java.util.Map.of()));
  }

  /**
   * Counts by label. Legitimate requests are the trace's own (flash crowds included); abusive ones
   * were injected by a flood. Attempts count: a retry keeps its request's label.
   *
   * @param legitimateOffered   legitimate attempts offered to the limiter
   * @param legitimateRejected  of those, turned away by the limiter
   * @param legitimateAvoidable of those, turned away while the backend had an idle worker
   * @param abusiveOffered      abusive attempts offered
   * @param abusiveAdmitted     of those, let through
   * @param abusiveRejected     of those, turned away
   * @param legitimateGoodput   legitimate requests completed within the latency objective
   * @param shedDecisions       key decisions cut by surprise shedding
   * @param tenantGoodput       per key, its legitimate requests completed within the objective
   */
  public record Labels(long legitimateOffered, long legitimateRejected, long legitimateAvoidable,
      long abusiveOffered, long abusiveAdmitted, long abusiveRejected, long legitimateGoodput, long shedDecisions,
      java.util.Map<String, Long> tenantGoodput) {

    public Labels {
      tenantGoodput = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tenantGoodput));
    }
  }

  public PolicyResult {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(labels, "labels");
    if (policy.isBlank()) {
      throw new IllegalArgumentException("policy name must not be blank");
    }
    if (!(bucketSeconds > 0)) {
      throw new IllegalArgumentException("bucketSeconds must be positive, got " + bucketSeconds);
    }
  }

  /** The same result under another name (the sweep's best static limit reported as {@code static}). */
  public PolicyResult withPolicy(String name) {
    return new PolicyResult(name, bucketSeconds, offered, admitted, rejected, avoidableRejections, overloadSeconds,
        latencyObjectiveMs, completed, p50Ms, p95Ms, p99Ms, goodput, retriesCaused, quotaWasted, quotaWindows,
        quotaWindowsExhausted, fairness, keyTicks, fallbackTicks, fallbackReason, series, labels);
  }

  /** Share of policy decisions that fell back to the static rate; NaN when the policy never ticked. */
  public double fallbackShare() {
    return keyTicks == 0 ? Double.NaN : (double) fallbackTicks / keyTicks;
  }

  /** Length of the run covered by the time series. */
  public double durationSeconds() {
    return series.length() * bucketSeconds;
  }

  /** Good requests per second over the run; NaN for an empty run. */
  public double goodputPerSecond() {
    return series.length() == 0 ? Double.NaN : goodput / durationSeconds();
  }

  /** Avoidable rejections as a share of offered requests; NaN when nothing was offered. */
  public double avoidableRejectionRate() {
    return offered == 0 ? Double.NaN : (double) avoidableRejections / offered;
  }

  /**
   * Per-bucket counts and state, as primitive arrays so that a long trace stays compact; copied in
   * and out, so a result cannot change under a report.
   *
   * @param rateLimit the limit in force at the bucket's end, requests per second (NaN: none)
   * @param queueLength the backend queue length the caller sampled for the bucket
   * @param keys the tracked keys' own series (demand, forecast band, limit), then the total's; empty
   *             when the replay tracked none
   */
  public record Series(long[] offered, long[] admitted, long[] rejected, double[] rateLimit, double[] queueLength,
      java.util.List<KeySeries> keys) {

    /** Series without per-key detail. */
    public Series(long[] offered, long[] admitted, long[] rejected, double[] rateLimit, double[] queueLength) {
      this(offered, admitted, rejected, rateLimit, queueLength, java.util.List.of());
    }

    public Series {
      int n = offered.length;
      if (admitted.length != n || rejected.length != n || rateLimit.length != n
          || queueLength.length != n) {
        throw new IllegalArgumentException("time series differ in length: offered " + n
            + ", admitted " + admitted.length + ", rejected " + rejected.length + ", rateLimit "
            + rateLimit.length + ", queueLength " + queueLength.length);
      }
      offered = offered.clone();
      admitted = admitted.clone();
      rejected = rejected.clone();
      rateLimit = rateLimit.clone();
      queueLength = queueLength.clone();
      keys = java.util.List.copyOf(keys);
      for (KeySeries k : keys) {
        if (k.length() != n) {
          throw new IllegalArgumentException("key series " + k.key() + " has " + k.length() + " buckets, not " + n);
        }
      }
    }

    /** The named key's series (or {@link KeySeries#TOTAL}'s), or null when it was not tracked. */
    public KeySeries key(String name) {
      return keys.stream().filter(k -> k.key().equals(name)).findFirst().orElse(null);
    }

    public int length() {
      return offered.length;
    }

    @Override
    public long[] offered() {
      return offered.clone();
    }

    @Override
    public long[] admitted() {
      return admitted.clone();
    }

    @Override
    public long[] rejected() {
      return rejected.clone();
    }

    @Override
    public double[] rateLimit() {
      return rateLimit.clone();
    }

    @Override
    public double[] queueLength() {
      return queueLength.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Series s && java.util.Arrays.equals(offered, s.offered)
          && java.util.Arrays.equals(admitted, s.admitted)
          && java.util.Arrays.equals(rejected, s.rejected)
          && java.util.Arrays.equals(rateLimit, s.rateLimit)
          && java.util.Arrays.equals(queueLength, s.queueLength) && keys.equals(s.keys);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(offered) * 31 + java.util.Arrays.hashCode(admitted);
    }

    @Override
    public String toString() {
      return "Series[" + length() + " buckets]";
    }
  }
}
