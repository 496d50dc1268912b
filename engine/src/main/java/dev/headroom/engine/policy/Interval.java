package dev.headroom.engine.policy;

/**
 * What happened to one key in the last telemetry interval: the feedback reactive policies use.
 *
 * @param startMillis   interval start, epoch milliseconds
 * @param lengthMillis  interval length; 0 only for {@link #EMPTY}
 * @param requests      requests seen (admitted + rejected)
 * @param admitted      requests let through
 * @param rejected      requests refused by the limiter
 * @param latencyP50Ms  median upstream latency; NaN when nothing was measured
 * @param latencyP99Ms  99th percentile upstream latency; NaN when nothing was measured
 * @param upstream5xx   upstream answers with status 500-599 (gateway mode)
 * @param upstream429   upstream answers with status 429: the provider pushing back
 */
public record Interval(long startMillis, long lengthMillis, long requests, long admitted, long rejected,
    double latencyP50Ms, double latencyP99Ms, long upstream5xx, long upstream429) {

  /** No telemetry: the first tick, or a key that saw nothing. */
  public static final Interval EMPTY = new Interval(0, 0, 0, 0, 0, Double.NaN, Double.NaN, 0, 0);

  public Interval {
    if (lengthMillis < 0 || requests < 0 || admitted < 0 || rejected < 0 || upstream5xx < 0
        || upstream429 < 0) {
      throw new IllegalArgumentException("interval: length and counts must not be negative: " + lengthMillis
          + " ms, " + requests + " requests, " + admitted + " admitted, " + rejected + " rejected, "
          + upstream5xx + " 5xx, " + upstream429 + " 429");
    }
    if (latencyP50Ms < 0 || latencyP99Ms < 0) {
      throw new IllegalArgumentException("interval: latency must not be negative: p50 " + latencyP50Ms
          + " ms, p99 " + latencyP99Ms + " ms");
    }
  }

  public boolean isEmpty() {
    return requests == 0 || lengthMillis == 0;
  }

  /** Offered load (admitted and rejected) per second; 0 for an empty interval. */
  public double requestsPerSecond() {
    return lengthMillis == 0 ? 0 : requests * 1000.0 / lengthMillis;
  }

  /** Share of admitted requests that the upstream answered with a 5xx; 0 when none were admitted. */
  public double errorRatio() {
    return admitted == 0 ? 0 : (double) upstream5xx / admitted;
  }
}
