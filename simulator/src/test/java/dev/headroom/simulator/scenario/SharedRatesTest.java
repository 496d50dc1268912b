package dev.headroom.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SharedRatesTest {

  private static final double[] STATIC = {10, 10, 10};

  @Test
  void aQuietTenantLendsWhatItsForecastLeavesToABusyOne() {
    // Tenant 0 wants 16, tenant 2 is forecast at 3 (keeps 4, so offers 6), capacity 40 with
    // 10 + 10 + 3 = 23 expected in use: the grant is the 6 on offer, all of it taken from tenant 2.
    double[] r = SharedRates.lend(40, STATIC, new double[] {10, 10, 3}, new double[] {12, 10, 4},
        new double[] {16, 10, 4});
    assertArrayEquals(new double[] {16, 10, 4}, r, 1e-12);
  }

  @Test
  void aGrantSmallerThanTheOffersTakesTheSameFractionFromEveryLender() {
    // Two lenders offer 6 and 2; tenant 0 needs 4: each gives half of its offer.
    double[] r = SharedRates.lend(100, STATIC, new double[] {10, 4, 8}, new double[] {10, 4, 8},
        new double[] {14, 4, 8});
    assertArrayEquals(new double[] {14, 7, 9}, r, 1e-12);
  }

  @Test
  void grantsStopWhereTheExpectedUseReachesTheCapacity() {
    // Expected use 10 + 10 + 3 = 23 against a capacity of 25: only 2 of the 6 on offer can move.
    double[] r = SharedRates.lend(25, STATIC, new double[] {10, 10, 3}, new double[] {12, 10, 4},
        new double[] {16, 10, 4});
    assertArrayEquals(new double[] {12, 10, 8}, r, 1e-12);
  }

  @Test
  void withNothingOnOfferOrNothingWantedTheStaticRatesStand() {
    assertArrayEquals(STATIC, SharedRates.lend(100, STATIC, STATIC, STATIC, new double[] {20, 20, 20}), 1e-12);
    assertArrayEquals(STATIC, SharedRates.lend(100, STATIC, new double[3], new double[3], new double[3]), 1e-12);
  }

  @Test
  void mismatchedLengthsAreRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> SharedRates.lend(1, new double[2], new double[2], new double[3], new double[2]));
  }

  @Property(tries = 300)
  void lendingNeverRaisesTheTotalNorTakesALenderBelowWhatItKeeps(
      @ForAll @Size(min = 1, max = 6) double[] raw, @ForAll @DoubleRange(min = 0, max = 200) double capacity) {
    int n = raw.length;
    double[] v = Arrays.stream(raw).map(x -> Double.isFinite(x) ? Math.abs(x) % 40 : 1).toArray();
    double[] statics = new double[n];
    double[] keep = new double[n];
    double[] want = new double[n];
    for (int k = 0; k < n; k++) {
      statics[k] = 5 + k;
      keep[k] = v[k] * 0.5;
      want[k] = v[k];
    }
    double[] r = SharedRates.lend(capacity, statics, keep, keep, want);
    assertTrue(Arrays.stream(r).sum() <= Arrays.stream(statics).sum() + 1e-9, "the total rose");
    for (int k = 0; k < n; k++) {
      assertTrue(r[k] >= Math.min(statics[k], keep[k]) - 1e-9, "tenant " + k + " went below what it keeps");
      assertTrue(r[k] <= Math.max(statics[k], want[k]) + 1e-9, "tenant " + k + " got more than it wanted");
    }
  }
}
