package dev.headroom.engine.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

/** Water-filling: within capacity, nobody above demand, equal shares for the unsatisfied, no waste. */
class MaxMinFairProperties {

  private static double tolerance(double capacity) {
    return 1e-9 * Math.max(1, capacity);
  }

  @Provide
  Arbitrary<double[]> demands() {
    Arbitrary<Double> one = Arbitraries.oneOf(
        Arbitraries.just(0.0),
        Arbitraries.doubles().between(0, 10),
        Arbitraries.doubles().between(0, 10_000),
        Arbitraries.just(Double.POSITIVE_INFINITY));
    return one.list().ofMinSize(0).ofMaxSize(60)
        .map(l -> l.stream().mapToDouble(Double::doubleValue).toArray());
  }

  @Property(tries = 1000)
  void fairAndWithinCapacity(@ForAll("demands") double[] demand,
      @ForAll @DoubleRange(min = 0, max = 100_000) double capacity) {
    double[] share = MaxMinFair.allocate(capacity, demand);
    double sum = 0;
    double totalDemand = 0;
    for (int i = 0; i < demand.length; i++) {
      int k = i;
      assertTrue(share[i] >= 0, () -> "share[" + k + "] negative: " + share[k]);
      assertTrue(share[i] <= demand[i], () -> "share[" + k + "] " + share[k] + " above demand " + demand[k]);
      sum += share[i];
      totalDemand += demand[i];
    }
    double s = sum;
    assertTrue(sum <= capacity + tolerance(capacity), () -> "sum " + s + " over capacity " + capacity);

    // The unsatisfied all get the same share, and it is the largest share anyone gets.
    double unsatisfiedShare = Double.NaN;
    double maxShare = 0;
    for (int i = 0; i < demand.length; i++) {
      maxShare = Math.max(maxShare, share[i]);
      if (share[i] < demand[i]) {
        if (Double.isNaN(unsatisfiedShare)) {
          unsatisfiedShare = share[i];
        }
        assertEquals(unsatisfiedShare, share[i], 0.0, "unsatisfied keys get equal shares");
      }
    }
    if (!Double.isNaN(unsatisfiedShare)) {
      // Up to rounding: water-filling's running remainder can leave the equal share an ulp under the
      // largest satisfied demand.
      assertEquals(maxShare, unsatisfiedShare, 1e-12 * maxShare, "a satisfied key got more than an unsatisfied one");
      // Someone still wants more: nothing is left on the table.
      assertEquals(capacity, sum, tolerance(capacity), "capacity unused while demand exceeds it");
    } else {
      assertEquals(totalDemand, sum, tolerance(totalDemand), "everyone satisfied means shares equal demands");
    }
    if (totalDemand > capacity) {
      assertEquals(capacity, sum, tolerance(capacity), "all capacity used when total demand exceeds it");
    }
  }

  @Example
  void theTextbookCase() {
    // Capacity 10 over demands 2, 2.6, 4, 5: 2 and 2.6 are met, the remaining 5.4 splits 2.7 / 2.7.
    assertArrayEquals(new double[] {2.7, 2, 2.7, 2.6}, MaxMinFair.allocate(10, new double[] {4, 2, 5, 2.6}), 1e-12);
  }

  @Example
  void byKeyKeepsTheMapOrder() {
    Map<String, Double> demand = new LinkedHashMap<>();
    demand.put("b", 100.0);
    demand.put("a", 1.0);
    demand.put("c", 100.0);
    Map<String, Double> share = MaxMinFair.allocate(51, demand);
    assertEquals(List.of("b", "a", "c"), List.copyOf(share.keySet()));
    assertEquals(25, share.get("b"), 1e-12);
    assertEquals(1, share.get("a"), 1e-12);
    assertEquals(25, share.get("c"), 1e-12);
  }

  @Example
  void rejectsNonsense() {
    assertThrows(IllegalArgumentException.class, () -> MaxMinFair.allocate(-1, new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> MaxMinFair.allocate(Double.POSITIVE_INFINITY, new double[] {1}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MaxMinFair.allocate(1, new double[] {1, Double.NaN}));
    assertTrue(e.getMessage().contains("demand[1]"), e.getMessage());
  }

  @Property(tries = 500)
  void allocateAllHandsOutTheSpareSoSharesAddUpToTheCapacity(@ForAll("demands") double[] demand,
      @ForAll @DoubleRange(min = 0, max = 100_000) double capacity) {
    double[] fair = MaxMinFair.allocate(capacity, demand);
    double[] all = MaxMinFair.allocateAll(capacity, demand);
    double sum = 0;
    for (int i = 0; i < demand.length; i++) {
      int k = i;
      assertTrue(all[i] >= fair[i] - tolerance(capacity), () -> "share[" + k + "] fell below its fair share");
      sum += all[i];
    }
    if (demand.length > 0) {
      assertEquals(capacity, sum, tolerance(capacity) * (1 + demand.length));
    }
  }
}
