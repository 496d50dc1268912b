package dev.headroom.simulator.report;

/**
 * Jain's fairness index, (sum x)^2 / (n * sum x^2): 1 when every tenant gets the same share, 1/n
 * when one tenant gets everything. Shares are admitted/offered per tenant, so a tenant that asks
 * for little is not counted as starved.
 */
public final class JainIndex {

  private JainIndex() {}

  /** The index over {@code shares}; 1 for no tenants or all-zero shares (nobody is favoured). */
  public static double of(double[] shares) {
    double sum = 0;
    double squares = 0;
    for (double x : shares) {
      if (!(x >= 0) || Double.isInfinite(x)) {
        throw new IllegalArgumentException("a share must be finite and non-negative, got " + x);
      }
      sum += x;
      squares += x * x;
    }
    if (squares == 0) {
      return 1;
    }
    return sum * sum / (shares.length * squares);
  }
}
