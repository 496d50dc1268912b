package dev.headroom.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SharedRatesTest {

  @Test
  void aSplitThatFitsIsKept() {
    assertArrayEquals(new double[] {6, 3, 1}, SharedRates.fit(10, new double[] {6, 3, 1}, new double[] {1, 1, 1}), 1e-12);
  }

  @Test
  void raisingALowTenantToItsFloorShrinksTheOthersExcessInsteadOfTheTotal() {
    // Split 7 + 2 + 1 = 10; floors 2 each. Raising the last to 2 would make 11: the excess above
    // the floors (5 + 0 + 0) shrinks to 4, so the rates are 6, 2, 2.
    double[] r = SharedRates.fit(10, new double[] {7, 2, 1}, new double[] {2, 2, 2});
    assertArrayEquals(new double[] {6, 2, 2}, r, 1e-12);
  }

  @Test
  void floorsThatAloneExceedThePoolAreKept() {
    assertArrayEquals(new double[] {4, 4}, SharedRates.fit(6, new double[] {5, 1}, new double[] {4, 4}), 1e-12);
  }

  @Test
  void mismatchedLengthsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> SharedRates.fit(1, new double[2], new double[3]));
  }

  @Property(tries = 300)
  void ratesStayWithinThePoolAndAboveTheirFloors(@ForAll @Size(min = 1, max = 6) double[] split,
      @ForAll @DoubleRange(min = 0, max = 100) double pool, @ForAll @DoubleRange(min = 0, max = 1) double floorShare) {
    double[] s = Arrays.stream(split).map(v -> Double.isFinite(v) ? Math.abs(v) % 50 : 1).toArray();
    double[] floors = Arrays.stream(s).map(v -> v * floorShare).toArray();
    double[] r = SharedRates.fit(pool, s, floors);
    double total = Arrays.stream(r).sum();
    double floorTotal = Arrays.stream(floors).sum();
    assertTrue(total <= Math.max(pool, floorTotal) + 1e-9, "total " + total + " over pool " + pool);
    for (int k = 0; k < r.length; k++) {
      assertTrue(r[k] >= floors[k] - 1e-12, "below floor at " + k);
      assertTrue(r[k] <= Math.max(s[k], floors[k]) + 1e-12, "above its split at " + k);
    }
    if (Arrays.stream(s).sum() <= pool) {
      for (int k = 0; k < r.length; k++) {
        assertEquals(Math.max(s[k], floors[k]), r[k], 1e-9, "a split that fits is kept above the floors");
      }
    }
  }
}
