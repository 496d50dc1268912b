package dev.headroom.engine.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SurpriseSheddingTest {

  @Test
  void theMostSurprisingKeyIsCutFirstAndKeysWithinTheirForecastKeepTheirRate() {
    // Key 0 at its forecast, key 1 at 2x its forecast, key 2 at 10x. Budget 100: expected parts
    // 20 + 10 + 5 = 35 fit; 65 spare goes to key 1's excess (10) first, then key 2 gets 55 of its 45? no:
    // key 2's excess is 45, 55 is left, so nobody is cut. With budget 50, spare 15: key 1 gets 10, key 2 gets 5.
    double[] recent = {20, 20, 50};
    double[] expected = {25, 10, 5};
    double[] rates = {100, 100, 100};
    boolean[] shed = new boolean[3];
    double[] out = SurpriseShedding.allocate(50, recent, expected, rates, shed);
    assertArrayEquals(new double[] {100, 100, 10}, out, 1e-9);
    assertArrayEquals(new boolean[] {false, false, true}, shed);
  }

  @Test
  void whenEvenExpectedTrafficDoesNotFitEveryKeyIsSharedDownAndNoExcessPasses() {
    double[] recent = {30, 30, 80};
    double[] expected = {30, 10, 10};
    boolean[] shed = new boolean[3];
    double[] out = SurpriseShedding.allocate(30, recent, expected, new double[] {50, 50, 50}, shed);
    // within parts 30, 10, 10 over a budget of 30: max-min gives 10 each
    assertArrayEquals(new double[] {10, 10, 10}, out, 1e-9);
    assertArrayEquals(new boolean[] {true, true, true}, shed);
  }

  @Test
  void aKeyWithoutForecastIsNeverCalledSurprising() {
    double[] recent = {40, 40};
    double[] expected = {Double.NaN, 10};
    boolean[] shed = new boolean[2];
    double[] out = SurpriseShedding.allocate(55, recent, expected, new double[] {60, 60}, shed);
    assertEquals(60, out[0], 1e-9);
    assertEquals(15, out[1], 1e-9);
    assertFalse(shed[0]);
    assertTrue(shed[1]);
  }

  @Test
  void surpriseIsRecentOverExpected() {
    assertEquals(2.0, SurpriseShedding.surprise(20, 10), 1e-12);
    assertTrue(Double.isNaN(SurpriseShedding.surprise(20, Double.NaN)));
    assertEquals(Double.POSITIVE_INFINITY, SurpriseShedding.surprise(1, 0));
  }

  @Property
  void neverRaisesARateAndStaysWithinBudgetWhereItCuts(
      @ForAll @Size(min = 1, max = 12) double[] seed, @ForAll @DoubleRange(min = 0, max = 500) double budget) {
    int n = seed.length;
    double[] recent = new double[n];
    double[] expected = new double[n];
    double[] rates = new double[n];
    for (int k = 0; k < n; k++) {
      double x = Math.abs(seed[k]) % 100;
      recent[k] = x;
      expected[k] = k % 3 == 0 ? Double.NaN : (x * 7 + k) % 60;
      rates[k] = 1 + (x * 3 + k) % 90;
    }
    boolean[] shed = new boolean[n];
    double[] out = SurpriseShedding.allocate(budget, recent, expected, rates, shed);
    for (int k = 0; k < n; k++) {
      assertTrue(out[k] <= rates[k] + 1e-12, "raised key " + k);
      assertTrue(out[k] > 0);
      assertTrue(!shed[k] || (out[k] < rates[k] && out[k] < recent[k]), "shed only where a cut refuses demand");
    }
  }
}
