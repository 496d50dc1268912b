package dev.headroom.bench.limiter;

/**
 * One JMH result, reduced to what the report needs.
 *
 * @param score ops/s (throughput) or ns/op (latency)
 * @param error JMH's 99.9% confidence half-width, NaN when too few iterations to tell
 * @param admitted fraction of calls admitted, NaN when not counted
 */
public record Measurement(
    Contender contender, Contender.Shape shape, Regime regime, int threads, int keys,
    double score, double error, String unit, double admitted) {

  /** Whether this is the measurement of {@code c} in the same cell (shape, regime, threads). */
  boolean sameCell(Contender c, Contender.Shape s, Regime r, int t) {
    return contender == c && shape == s && regime == r && threads == t;
  }
}
