package dev.headroom.simulator.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Draws match their distributions' moments within 5 standard errors, and seeds reproduce. */
class RandomSourceTest {

  static final int N = 400_000;

  @Test
  void seedsReproduceAndSplitsDiffer() {
    RandomSource a = new RandomSource(7);
    RandomSource b = new RandomSource(7);
    for (int i = 0; i < 100; i++) {
      assertEquals(a.exponential(1), b.exponential(1));
      assertEquals(a.poisson(30), b.poisson(30));
    }
    RandomSource parent = new RandomSource(7);
    RandomSource child = parent.split();
    assertTrue(child.uniform() != parent.uniform());
  }

  @Test
  void exponentialAndUniformMoments() {
    RandomSource r = new RandomSource(1);
    double[] e = new double[N];
    double[] u = new double[N];
    for (int i = 0; i < N; i++) {
      e[i] = r.exponential(2.5);
      u[i] = r.uniform(-1, 3);
      assertTrue(u[i] >= -1 && u[i] < 3);
    }
    assertMean(2.5, 2.5 * 2.5, e);
    assertMean(1, 16.0 / 12, u);
    long sum = 0;
    for (int i = 0; i < N; i++) {
      sum += r.exponentialNanos(1000);
    }
    assertEquals(1_000_000, sum / (double) N, 5 * 1_000_000 / Math.sqrt(N));
  }

  @Test
  void lognormalWithMeanHasThatMeanAndSpread() {
    RandomSource r = new RandomSource(2);
    double[] x = new double[N];
    for (int i = 0; i < N; i++) {
      x[i] = r.lognormalWithMean(0.05, 0.5);
    }
    assertMean(0.05, Math.pow(0.05 * 0.5, 2), x);
    double[] logs = new double[N];
    for (int i = 0; i < N; i++) {
      logs[i] = Math.log(r.lognormal(1, 0.3));
    }
    assertMean(1, 0.09, logs);
  }

  /** Both Poisson branches (below and above the switch at 10) have mean = variance = lambda. */
  @ParameterizedTest
  @ValueSource(doubles = {0.3, 4, 9.99, 10, 37.5, 1000, 1e7})
  void poissonMeanAndVariance(double lambda) {
    RandomSource r = new RandomSource(3);
    double[] x = new double[N];
    for (int i = 0; i < N; i++) {
      x[i] = r.poisson(lambda);
    }
    assertMean(lambda, lambda, x);
    double mean = mean(x);
    double var = 0;
    for (double v : x) {
      var += (v - mean) * (v - mean);
    }
    var /= N - 1;
    // Standard error of a sample variance: about sigma^2 sqrt(2/N) (plus the excess kurtosis 1/lambda).
    double se = lambda * Math.sqrt((2 + 1 / lambda) / N);
    assertEquals(lambda, var, 5 * se, "variance of Poisson(" + lambda + ")");
  }

  /** The rejection branch's shape, cell by cell, against the probability mass function. */
  @Test
  void poissonRejectionBranchFollowsThePmf() {
    double lambda = 25;
    RandomSource r = new RandomSource(4);
    int[] counts = new int[100];
    for (int i = 0; i < N; i++) {
      counts[(int) Math.min(99, r.poisson(lambda))]++;
    }
    for (int k = 10; k <= 45; k++) {
      double p = Math.exp(-lambda + k * Math.log(lambda) - LogFactorial.of(k));
      double expected = p * N;
      assertEquals(expected, counts[k], 5 * Math.sqrt(expected) + 1, "P(X = " + k + ")");
    }
  }

  @Test
  void logFactorialMatchesTheSumOfLogs() {
    double sum = 0;
    for (int k = 1; k <= 2000; k++) {
      sum += Math.log(k);
      assertEquals(sum, LogFactorial.of(k), 1e-9 * Math.max(1, sum), "ln " + k + "!");
    }
  }

  @Test
  void refusesNonsense() {
    RandomSource r = new RandomSource(5);
    assertThrows(IllegalArgumentException.class, () -> r.poisson(-1));
    assertThrows(IllegalArgumentException.class, () -> r.poisson(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> r.exponentialNanos(0));
    assertThrows(IllegalArgumentException.class, () -> r.uniform(2, 1));
    assertThrows(IllegalArgumentException.class, () -> r.lognormal(0, -1));
  }

  private static void assertMean(double expected, double variance, double[] x) {
    assertEquals(expected, mean(x), 5 * Math.sqrt(variance / x.length));
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }
}
