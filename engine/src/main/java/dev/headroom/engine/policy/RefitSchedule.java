package dev.headroom.engine.policy;

/**
 * When a key's forecasting model is re-selected (refitted) rather than just updated with the newest
 * step. The service's forecasts and the simulator's replay both ask this one schedule, so a key
 * refits at the same moments in both.
 *
 * <ul>
 *   <li>Once per refit period; hourly while the key's known demand covers less than two days, so
 *       that a key with little or no history gets a real model as soon as there is enough to fit.</li>
 *   <li>Keys seen together would refit together, all in one tick; so a key's first fit counts as
 *       made up to one period earlier, by a phase from its name, which spreads refits evenly over
 *       the period (a fit takes milliseconds; ten thousand at once stall the loop).</li>
 * </ul>
 */
public final class RefitSchedule {

  private static final long HOUR = 3_600_000L;
  private static final long YOUNG = 2 * 86_400_000L;

  private final long refitMillis;
  private final long stepMillis;

  /**
   * @param refitMillis time between refits of a key with two days of demand or more
   * @param stepMillis  the forecast's step: refits happen on step boundaries
   */
  public RefitSchedule(long refitMillis, long stepMillis) {
    if (refitMillis <= 0 || stepMillis <= 0) {
      throw new IllegalArgumentException("refit schedule: period and step must be positive, got " + refitMillis
          + " ms and " + stepMillis + " ms");
    }
    this.refitMillis = refitMillis;
    this.stepMillis = stepMillis;
  }

  /** The time between refits for a key whose known demand spans {@code knownMillis}. */
  public long periodMillis(long knownMillis) {
    if (knownMillis < YOUNG) {
      return Math.max(stepMillis, Math.min(refitMillis, HOUR));
    }
    return refitMillis;
  }

  /** Whether a model fitted at {@code fittedAtMillis} is due for a refit at {@code nowMillis}. */
  public boolean due(long nowMillis, long fittedAtMillis, long knownMillis) {
    return nowMillis - fittedAtMillis >= periodMillis(knownMillis);
  }

  /** When a key's first fit, made at {@code nowMillis}, counts as made: earlier by the key's phase. */
  public long firstFitCountsAt(String key, long nowMillis) {
    return nowMillis - phase(key);
  }

  /** Whole steps in [0, refit period), fixed per key: where in the period the key refits. */
  public long phase(String key) {
    long steps = Math.max(1, refitMillis / stepMillis);
    long x = key.hashCode() * 0x9E3779B97F4A7C15L; // mixed (SplitMix64's finaliser): names like key-1, key-2 spread too
    x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
    x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
    return Math.floorMod(x ^ (x >>> 31), steps) * stepMillis;
  }
}
