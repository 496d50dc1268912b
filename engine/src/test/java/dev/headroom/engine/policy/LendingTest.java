package dev.headroom.engine.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class LendingTest {

  private static final double[] STATIC = {10, 10, 10};

  @Test
  void aQuietTenantLendsWhatItsPolicyLeavesToABusyOne() {
    // Tenant 0 wants 16, tenant 2 decided 4 (offers 6); capacity 40 with 10 + 10 + 3 = 23 expected
    // in use: the 6 on offer all move, from tenant 2 to tenant 0.
    double[] r = Lending.lend(40, STATIC, new double[] {10, 10, 3}, new double[] {16, 10, 4});
    assertArrayEquals(new double[] {16, 10, 4}, r, 1e-12);
  }

  @Test
  void aGrantSmallerThanTheOffersTakesTheSameFractionFromEveryLender() {
    // Two lenders offer 6 and 2; tenant 0 needs 4: each gives half of its offer.
    double[] r = Lending.lend(100, STATIC, new double[] {10, 4, 8}, new double[] {14, 4, 8});
    assertArrayEquals(new double[] {14, 7, 9}, r, 1e-12);
  }

  @Test
  void grantsStopWhereTheExpectedUseReachesTheCapacity() {
    // Expected use 10 + 10 + 3 = 23 against a capacity of 25: only 2 of the 6 on offer can move.
    double[] r = Lending.lend(25, STATIC, new double[] {10, 10, 3}, new double[] {16, 10, 4});
    assertArrayEquals(new double[] {12, 10, 8}, r, 1e-12);
  }

  @Test
  void withNothingOnOfferOrNothingAskedTheStaticRatesStand() {
    assertArrayEquals(STATIC, Lending.lend(100, STATIC, STATIC, new double[] {20, 20, 20}), 1e-12);
    assertArrayEquals(STATIC, Lending.lend(100, STATIC, new double[3], new double[] {10, 2, 3}), 1e-12);
  }

  @Test
  void mismatchedLengthsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Lending.lend(1, new double[2], new double[2], new double[3]));
  }

  @Property(tries = 300)
  void lendingNeverRaisesTheTotalNorTakesALenderBelowItsOwnDecision(
      @ForAll @Size(min = 1, max = 6) double[] raw, @ForAll @DoubleRange(min = 0, max = 200) double capacity) {
    int n = raw.length;
    double[] decided = Arrays.stream(raw).map(x -> Double.isFinite(x) ? Math.abs(x) % 40 : 1).toArray();
    double[] statics = new double[n];
    double[] expected = new double[n];
    for (int k = 0; k < n; k++) {
      statics[k] = 5 + k;
      expected[k] = decided[k] * 0.5;
    }
    double[] r = Lending.lend(capacity, statics, expected, decided);
    assertTrue(Arrays.stream(r).sum() <= Arrays.stream(statics).sum() + 1e-9, "the total rose");
    for (int k = 0; k < n; k++) {
      assertTrue(r[k] >= Math.min(statics[k], decided[k]) - 1e-9, "tenant " + k + " went below its own decision");
      assertTrue(r[k] <= Math.max(statics[k], decided[k]) + 1e-9, "tenant " + k + " got more than it asked for");
    }
  }
}
