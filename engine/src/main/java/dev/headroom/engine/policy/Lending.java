package dev.headroom.engine.policy;

/**
 * Keys of one limit lend each other rate by forecast: each key keeps its static rate unless its own
 * policy says it will need less, and what the lenders leave goes, max-min fairly ({@link
 * MaxMinFair#allocate}), to the keys whose policy wants more than their static rate, as far as the
 * capacity the keys are expected to leave idle allows.
 *
 * <p>So capacity only moves from keys forecast to be quiet to keys forecast to be busy: the rates
 * never add up to more than the static rates do, and a key never has less than it is forecast to
 * need (or its static rate, if that is less).
 */
public final class Lending {

  private Lending() {}

  /**
   * @param capacity    what the backend serves; grants stop where the expected use reaches it
   * @param staticRates each key's static rate
   * @param expected    each key's expected demand; up to its static rate, this is what it is
   *                    counted to use before any lending
   * @param decided     each key's own policy's rate: below its static rate the key offers the
   *                    difference, above it the key asks for the difference
   * @return per key: its static rate, plus what it was granted, minus its part of what was taken
   *         from the lenders (each gives the same fraction of what it offered)
   */
  public static double[] lend(double capacity, double[] staticRates, double[] expected, double[] decided) {
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
