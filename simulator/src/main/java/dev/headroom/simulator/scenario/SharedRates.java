package dev.headroom.simulator.scenario;

/**
 * Tenants' rates from a max-min fair split, held to two promises at once: no tenant goes below its
 * floor, and the rates add up to no more than the pool (unless the floors alone already do).
 *
 * <p>A fair split can hand a tenant less than its floor (its expected demand is low while the
 * others' is high). Raising it to the floor afterwards would promise the backend more than the pool,
 * so the excess the split gave the others above their floors shrinks instead, in proportion.
 */
final class SharedRates {

  private SharedRates() {}

  /**
   * @param pool   what the rates may add up to
   * @param split  each key's share of the pool (a max-min fair split)
   * @param floors each key's least rate
   * @return per key, {@code floor + s * max(0, split - floor)}, with {@code s} in [0, 1] the largest
   *         for which the total stays within {@code pool}
   */
  static double[] fit(double pool, double[] split, double[] floors) {
    if (split.length != floors.length) {
      throw new IllegalArgumentException(split.length + " shares for " + floors.length + " floors");
    }
    double floorTotal = 0;
    double excessTotal = 0;
    for (int k = 0; k < split.length; k++) {
      floorTotal += floors[k];
      excessTotal += Math.max(0, split[k] - floors[k]);
    }
    double s = excessTotal == 0 ? 0 : Math.clamp((pool - floorTotal) / excessTotal, 0, 1);
    double[] rates = new double[split.length];
    for (int k = 0; k < split.length; k++) {
      rates[k] = floors[k] + s * Math.max(0, split[k] - floors[k]);
    }
    return rates;
  }
}
