package dev.headroom.simulator.workload;

/** A multiplier of the traffic rate over time, as used by scaling and flash crowds. */
public interface RateProfile {

  /** The multiplier at {@code nanos}; at least 0. */
  double factorAt(long nanos);

  /**
   * The largest multiplier anywhere. When it is at most 1 no arrival is ever copied, so a stream
   * can be thinned in place without buffering.
   */
  double maxFactor();

  /** The same multiplier everywhere. */
  static RateProfile constant(double factor) {
    return new RateProfile() {
      @Override
      public double factorAt(long nanos) {
        return factor;
      }

      @Override
      public double maxFactor() {
        return factor;
      }
    };
  }
}
