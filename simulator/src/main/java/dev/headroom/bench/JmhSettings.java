package dev.headroom.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How long JMH measures: forks, warm-up and measurement iterations. Every benchmark command offers
 * the same two presets, {@link #quick()} for a smoke run and {@link #full()} for real figures.
 */
public record JmhSettings(
    int forks, int warmupIterations, Duration warmupTime, int measurementIterations, Duration measurementTime) {

  public JmhSettings {
    if (forks < 1) {
      throw new IllegalArgumentException("at least one fork: measurements run in a fresh JVM, got " + forks);
    }
    if (warmupIterations < 0 || measurementIterations < 1) {
      throw new IllegalArgumentException("iterations: warm-up >= 0 and measurement >= 1");
    }
  }

  /**
   * A smoke run: right code paths, rough figures (1 fork, 1 x 0.3 s warm-up, 3 x 0.2 s measured: three
   * iterations being the fewest from which JMH gives an error bar).
   */
  public static JmhSettings quick() {
    return new JmhSettings(1, 1, Duration.ofMillis(300), 3, Duration.ofMillis(200));
  }

  /**
   * Figures worth comparing on a small machine (1 fork, 2 x 1 s warm-up, 5 x 1.5 s measured): about
   * 11 s a benchmark with the fork's start-up, so that a whole comparison stays near 10 minutes.
   */
  public static JmhSettings full() {
    return new JmhSettings(1, 2, Duration.ofSeconds(1), 5, Duration.ofMillis(1500));
  }

  /** The same with {@code n} forks: each benchmark measured in n fresh JVMs, pooled. */
  public JmhSettings withForks(int n) {
    return new JmhSettings(n, warmupIterations, warmupTime, measurementIterations, measurementTime);
  }

  /** A cheaper variant for secondary checks: fewer, shorter measurement iterations. */
  public JmhSettings shorter() {
    return new JmhSettings(forks, Math.max(1, warmupIterations - 1), warmupTime,
        Math.max(3, measurementIterations - 2), measurementTime.compareTo(Duration.ofSeconds(1)) > 0
            ? Duration.ofSeconds(1) : measurementTime);
  }

  public ChainedOptionsBuilder applyTo(ChainedOptionsBuilder options) {
    return options.forks(forks)
        .warmupIterations(warmupIterations)
        .warmupTime(TimeValue.milliseconds(warmupTime.toMillis()))
        .measurementIterations(measurementIterations)
        .measurementTime(TimeValue.milliseconds(measurementTime.toMillis()));
  }

  /** Seconds JMH spends measuring one benchmark (fork start-up and set-up not included). */
  public double secondsPerBenchmark() {
    return forks * (warmupIterations * warmupTime.toMillis() + measurementIterations * measurementTime.toMillis())
        / 1000.0;
  }

  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("forks", forks);
    m.put("warmup", warmupIterations + " x " + warmupTime.toMillis() + " ms");
    m.put("measurement", measurementIterations + " x " + measurementTime.toMillis() + " ms");
    return m;
  }
}
