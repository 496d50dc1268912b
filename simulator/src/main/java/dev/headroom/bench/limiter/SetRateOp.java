package dev.headroom.bench.limiter;

/** The rate-change operations timed by {@link SetRateLatency}, in report order. */
public enum SetRateOp {
  HEADROOM("headroom token-bucket setRate", "headroomSetRate"),
  BUCKET4J("bucket4j replaceConfiguration", "bucket4jReplaceConfiguration"),
  GUAVA("guava setRate", "guavaSetRate"),
  RESILIENCE4J("resilience4j changeLimitForPeriod", "resilience4jChangeLimitForPeriod");

  private final String label;
  private final String benchmark;

  SetRateOp(String label, String benchmark) {
    this.label = label;
    this.benchmark = benchmark;
  }

  public String label() {
    return label;
  }

  /** The JMH method in {@link SetRateLatency}. */
  public String benchmark() {
    return benchmark;
  }

  /** A timing of this operation: mean ns per call and JMH's 99.9% half-width. */
  public record Latency(SetRateOp op, double nanos, double error) {}
}
