package dev.headroom.simulator.report;

import java.util.Arrays;
import java.util.Map;

/**
 * Collects one policy's outcome during a replay, request by request and bucket by bucket. The
 * simulation knows facts the collector cannot see (whether the backend had idle capacity, whether
 * its queue was past the objective) and passes them in; the collector only counts. Requests count
 * towards the open bucket until {@link #closeBucket} ends it. One thread, like the simulation.
 */
public final class PolicyMetrics {

  private final String policy;
  private final double bucketSeconds;
  private final long objectiveNanos;

  private long offered;
  private long admitted;
  private long rejected;
  private long avoidable;
  private double overloadSeconds;
  private long goodput;
  private long retries;
  private long quotaWasted;
  private long quotaWindows;
  private long quotaExhausted;
  private long keyTicks;
  private long fallbackTicks;
  private String fallbackReason;
  private long legitimateRejected;
  private long legitimateAvoidable;
  private long abusiveOffered;
  private long abusiveAdmitted;
  private long legitimateGoodput;
  private long shedDecisions;
  private final LatencyHistogram latency = new LatencyHistogram();
  /** Per tenant, legitimate requests only: [offered, admitted, good]; in first-use order. */
  private final Map<String, long[]> tenants = new java.util.LinkedHashMap<>();

  private long bucketOffered;
  private long bucketAdmitted;
  private long bucketRejected;
  private int buckets;
  private long[] seriesOffered = new long[64];
  private long[] seriesAdmitted = new long[64];
  private long[] seriesRejected = new long[64];
  private double[] seriesLimit = new double[64];
  private double[] seriesQueue = new double[64];
  private java.util.List<KeySeries> keySeries = java.util.List.of();

  public PolicyMetrics(String policy, double bucketSeconds, long latencyObjectiveNanos) {
    if (policy == null || policy.isBlank()) {
      throw new IllegalArgumentException("policy name must not be blank");
    }
    if (!(bucketSeconds > 0)) {
      throw new IllegalArgumentException("bucketSeconds must be positive, got " + bucketSeconds);
    }
    if (latencyObjectiveNanos <= 0) {
      throw new IllegalArgumentException(
          "latency objective must be positive, got " + latencyObjectiveNanos + " ns");
    }
    this.policy = policy;
    this.bucketSeconds = bucketSeconds;
    this.objectiveNanos = latencyObjectiveNanos;
  }

  /** Length of one time-series bucket. */
  public double bucketSeconds() {
    return bucketSeconds;
  }

  /** A request the limiter let through. */
  public void admitted(String tenant) {
    admittedFor(tenant(tenant));
  }

  /**
   * The counters of {@code tenant} ([offered, admitted]), created on first use: a replay looks each
   * tenant up once and then counts through {@link #admittedFor(long[])} and {@link #rejectedFor(long[],
   * boolean)}, keeping a map lookup off its hot path.
   */
  public long[] tenantCounters(String tenant) {
    return tenant(tenant);
  }

  /** As {@link #admitted(String)}, with counters from {@link #tenantCounters}. */
  public void admittedFor(long[] t) {
    admittedFor(t, false);
  }

  /**
   * As {@link #admittedFor(long[])}, for a request labelled {@code abusive} or legitimate; the
   * tenant's counters (and so the fairness index) count legitimate requests only.
   */
  public void admittedFor(long[] t, boolean abusive) {
    if (abusive) {
      abusiveOffered++;
      abusiveAdmitted++;
    } else {
      t[0]++;
      t[1]++;
    }
    offered++;
    admitted++;
    bucketOffered++;
    bucketAdmitted++;
  }

  /**
   * A request the limiter turned away; {@code backendIdle} says the backend had spare capacity at
   * that moment, which makes the rejection avoidable (the cost a predictive limit should cut).
   */
  public void rejected(String tenant, boolean backendIdle) {
    rejectedFor(tenant(tenant), backendIdle);
  }

  /** As {@link #rejected(String, boolean)}, with counters from {@link #tenantCounters}. */
  public void rejectedFor(long[] t, boolean backendIdle) {
    rejectedFor(t, backendIdle, false);
  }

  /** As {@link #rejectedFor(long[], boolean)}, for a request labelled {@code abusive} or legitimate. */
  public void rejectedFor(long[] t, boolean backendIdle, boolean abusive) {
    if (abusive) {
      abusiveOffered++;
    } else {
      t[0]++;
      legitimateRejected++;
      if (backendIdle) {
        legitimateAvoidable++;
      }
    }
    offered++;
    rejected++;
    bucketOffered++;
    bucketRejected++;
    if (backendIdle) {
      avoidable++;
    }
  }

  /**
   * Marks {@code n} rejections already counted as avoidable, for situations where that is known
   * only later: a call dropped while waiting for a quota that the window's end shows was left unused.
   */
  public void avoidable(long n) {
    if (n < 0 || avoidable + n > rejected) {
      throw new IllegalArgumentException("avoidable rejections must be between 0 and the rejections not yet marked, got "
          + n);
    }
    avoidable += n;
    legitimateAvoidable = Math.min(legitimateRejected, legitimateAvoidable + n);
  }

  /** An admitted request finished after {@code latencyNanos}, queueing included. */
  public void completed(long latencyNanos) {
    latency.record(latencyNanos);
    if (latencyNanos <= objectiveNanos) {
      goodput++;
      legitimateGoodput++;
    }
  }

  /**
   * As {@link #completed(long)}, for a request of the tenant whose counters are {@code t}, labelled
   * {@code abusive} or legitimate: a legitimate one within the objective counts as the tenant's goodput.
   */
  public void completedFor(long[] t, long latencyNanos, boolean abusive) {
    latency.record(latencyNanos);
    if (latencyNanos <= objectiveNanos) {
      goodput++;
      if (!abusive) {
        legitimateGoodput++;
        t[2]++;
      }
    }
  }

  /** A key's decision this tick was cut by surprise shedding. */
  public void shed() {
    shedDecisions++;
  }

  /** A client retry the policy provoked; the retry itself is offered again as a request. */
  public void retried() {
    retries++;
  }

  /** A quota window ended with {@code unused} quota left; {@code exhausted} if it ran out early. */
  public void quotaWindowEnded(long unused, boolean exhausted) {
    if (unused < 0) {
      throw new IllegalArgumentException("unused quota must not be negative, got " + unused);
    }
    quotaWasted += unused;
    quotaWindows++;
    if (exhausted) {
      quotaExhausted++;
    }
  }

  /**
   * Ends the open bucket with the state the caller sampled for it: the limit in force (NaN when
   * none), the backend queue length, and whether the queue was past the latency objective.
   */
  public void closeBucket(double rateLimit, double queueLength, boolean overloaded) {
    closeBucket(rateLimit, queueLength, overloaded ? bucketSeconds : 0);
  }

  /**
   * As {@link #closeBucket(double, double, boolean)}, with the part of the bucket that was overloaded
   * in seconds (sampled finer than buckets by the caller), between 0 and the bucket's length.
   */
  public void closeBucket(double rateLimit, double queueLength, double overloadedSeconds) {
    if (!(overloadedSeconds >= 0 && overloadedSeconds <= bucketSeconds * (1 + 1e-9))) {
      throw new IllegalArgumentException("overloaded seconds must be in [0, " + bucketSeconds + "], got "
          + overloadedSeconds);
    }
    if (buckets == seriesOffered.length) {
      int size = buckets * 2;
      seriesOffered = Arrays.copyOf(seriesOffered, size);
      seriesAdmitted = Arrays.copyOf(seriesAdmitted, size);
      seriesRejected = Arrays.copyOf(seriesRejected, size);
      seriesLimit = Arrays.copyOf(seriesLimit, size);
      seriesQueue = Arrays.copyOf(seriesQueue, size);
    }
    seriesOffered[buckets] = bucketOffered;
    seriesAdmitted[buckets] = bucketAdmitted;
    seriesRejected[buckets] = bucketRejected;
    seriesLimit[buckets] = rateLimit;
    seriesQueue[buckets] = queueLength;
    buckets++;
    bucketOffered = 0;
    bucketAdmitted = 0;
    bucketRejected = 0;
    overloadSeconds += overloadedSeconds;
  }

  /** One policy decision for one key; a {@code fallback} to the static rate, for {@code reason}. */
  public void decided(boolean fallback, String reason) {
    keyTicks++;
    if (fallback) {
      if (fallbackTicks++ == 0) {
        fallbackReason = reason;
      }
    }
  }

  /**
   * The tracked keys' series, recorded by the replay alongside (same buckets); part of the result's
   * {@link PolicyResult.Series}.
   */
  public void keySeries(java.util.List<KeySeries> series) {
    this.keySeries = java.util.List.copyOf(series);
  }

  /** The summary so far; requests in a bucket not yet closed count in totals but not in series. */
  public PolicyResult result() {
    double[] shares = tenants.values().stream()
        .filter(t -> t[0] > 0)
        .mapToDouble(t -> (double) t[1] / t[0])
        .toArray();
    return new PolicyResult(policy, bucketSeconds, offered, admitted, rejected, avoidable,
        overloadSeconds, objectiveNanos / 1e6, latency.count(),
        latency.quantile(0.50) / 1e6, latency.quantile(0.95) / 1e6, latency.quantile(0.99) / 1e6,
        goodput, retries, quotaWasted, quotaWindows, quotaExhausted, JainIndex.of(shares), keyTicks, fallbackTicks,
        fallbackReason,
        new PolicyResult.Series(Arrays.copyOf(seriesOffered, buckets),
            Arrays.copyOf(seriesAdmitted, buckets), Arrays.copyOf(seriesRejected, buckets),
            Arrays.copyOf(seriesLimit, buckets), Arrays.copyOf(seriesQueue, buckets), keySeries),
        labels());
  }

  private PolicyResult.Labels labels() {
    Map<String, Long> perTenant = new java.util.LinkedHashMap<>();
    tenants.forEach((name, t) -> perTenant.put(name, t[2]));
    return new PolicyResult.Labels(offered - abusiveOffered, legitimateRejected, legitimateAvoidable, abusiveOffered,
        abusiveAdmitted, abusiveOffered - abusiveAdmitted, legitimateGoodput, shedDecisions, perTenant);
  }

  private long[] tenant(String tenant) {
    if (tenant == null) {
      throw new IllegalArgumentException("tenant must not be null");
    }
    return tenants.computeIfAbsent(tenant, k -> new long[3]);
  }
}
