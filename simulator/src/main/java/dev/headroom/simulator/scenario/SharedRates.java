package dev.headroom.simulator.scenario;

import dev.headroom.engine.policy.MaxMinFair;

/**
 * Tenants' rates by lending: each tenant keeps its static rate unless its forecast says it will
 * need less, and what the lenders leave goes, max-min fairly ({@link MaxMinFair#allocate}), to the
 * tenants that want more than their static rate, as far as the capacity the tenants are expected
 * to leave idle allows.
 *
 * <p>So capacity only moves from tenants forecast to be quiet to tenants forecast to be busy: the
 * rates never add up to more than the static rates do, and a tenant never has less than it is
 * forecast to need (or its static rate, if that is less).
 */
final class SharedRates {

  private SharedRates() {}

  /**
   * @param capacity    what the backend serves; grants stop where the expected use reaches it
   * @param staticRates each tenant's static rate
   * @param expected    each tenant's expected demand; up to its static rate, this is what it is
   *                    counted to use before any lending
   * @param decided     each tenant's own policy's rate: below its static rate the tenant offers the
   *                    difference, above it the tenant asks for the difference
   * @return per tenant: its static rate, plus what it was granted, minus its part of what was
   *         taken from the lenders (each gives the same fraction of what it offered)
   */
  static double[] lend(double capacity, double[] staticRates, double[] expected, double[] decided) {
    int n = staticRates.length;
    if (expected.length != n || decided.length != n) {
      throw new IllegalArgumentException("lend: " + n + " static rates but " + expected.length + " expected and "
          + decided.length + " decided");
    }
    double[] offer = new double[n];
    double[] need = new double[n];
    double offered = 0;
    double used = 0;
    for (int k = 0; k < n; k++) {
      offer[k] = Math.max(0, staticRates[k] - Math.max(0, decided[k]));
      need[k] = Math.max(0, decided[k] - staticRates[k]);
      offered += offer[k];
      used += Math.min(staticRates[k], Math.max(0, expected[k]));
    }
    double[] grant = MaxMinFair.allocate(Math.min(offered, Math.max(0, capacity - used)), need);
    double granted = 0;
    for (double g : grant) {
      granted += g;
    }
    double taken = offered == 0 ? 0 : Math.min(1, granted / offered);
    double[] rates = new double[n];
    for (int k = 0; k < n; k++) {
      rates[k] = staticRates[k] + grant[k] - taken * offer[k];
    }
    return rates;
  }
}
