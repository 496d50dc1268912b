package dev.headroom.simulator.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RngTest {

  @ParameterizedTest
  @ValueSource(doubles = {0.3, 4, 9.99, 10, 37.5, 1_000, 250_000})
  void poissonHasItsMeanAndVariance(double mean) {
    Rng rng = new Rng(42);
    int n = 200_000;
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i < n; i++) {
      long k = rng.poisson(mean);
      assertTrue(k >= 0);
      sum += k;
      sumSq += (double) k * k;
    }
    double m = sum / n;
    double var = sumSq / n - m * m;
    // The sample mean's standard error is sqrt(mean / n); the variance's about mean * sqrt(2 / n)
    // (plus a fourth-moment term that is small here).
    assertEquals(mean, m, 5 * Math.sqrt(mean / n), "mean");
    assertEquals(mean, var, 6 * mean * Math.sqrt(2.0 / n) + 6 * Math.sqrt(mean / n), "variance");
  }

  @Test
  void poissonSmallValuesHaveTheirProbabilities() {
    // P(0) for mean 12 is e^-12 ~ 6e-6: too small to test; P(12) = 0.1144 is not.
    Rng rng = new Rng(5);
    int n = 400_000;
    int twelve = 0;
    for (int i = 0; i < n; i++) {
      if (rng.poisson(12) == 12) {
        twelve++;
      }
    }
    double p = Math.exp(-12 + 12 * Math.log(12) - Rng.logFactorial(12));
    assertEquals(p, (double) twelve / n, 5 * Math.sqrt(p * (1 - p) / n));
  }

  @Test
  void logFactorialMatchesTheSumOfLogs() {
    double exact = 0;
    for (int k = 1; k <= 200; k++) {
      exact += Math.log(k);
      assertEquals(exact, Rng.logFactorial(k), 1e-9 * Math.max(1, exact), "k=" + k);
    }
  }

  @Test
  void aSeedGivesOneSequenceAndDerivedSeedsDiffer() {
    Rng a = new Rng(99);
    Rng b = new Rng(99);
    for (int i = 0; i < 1000; i++) {
      assertEquals(a.nextLong(), b.nextLong());
    }
    assertNotEquals(Rng.derive(1, 0), Rng.derive(1, 1));
    assertNotEquals(Rng.derive(1, 0), Rng.derive(2, 0));
  }

  @Test
  void stochasticRoundingKeepsTheMeanAndDrawsNothingForWholeNumbers() {
    Rng rng = new Rng(3);
    Rng untouched = new Rng(3);
    assertEquals(7, rng.roundStochastic(7.0));
    assertEquals(untouched.nextLong(), rng.nextLong(), "a whole number consumed no draw");
    int n = 100_000;
    long sum = 0;
    for (int i = 0; i < n; i++) {
      long r = rng.roundStochastic(2.3);
      assertTrue(r == 2 || r == 3);
      sum += r;
    }
    assertEquals(2.3, (double) sum / n, 5 * Math.sqrt(0.21 / n));
  }
}
