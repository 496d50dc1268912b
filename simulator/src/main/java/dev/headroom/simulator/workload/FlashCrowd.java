package dev.headroom.simulator.workload;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A sudden surge: from {@code start} the rate climbs linearly over {@code ramp} to
 * {@code multiplier} times its usual level, holds, and falls back over the last {@code ramp} of
 * {@code duration}. A ramp of zero is a step. A multiplier below 1 is a dip (an upstream outage).
 *
 * <p>For a steady rate {@code r} it adds {@code r * (duration - ramp) * (multiplier - 1)} requests.
 */
public record FlashCrowd(Instant start, Duration duration, double multiplier, Duration ramp)
    implements RateProfile {

  public FlashCrowd {
    Objects.requireNonNull(start, "start");
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("flash crowd duration must be positive, got " + duration);
    }
    if (ramp.isNegative() || ramp.multipliedBy(2).compareTo(duration) > 0) {
      throw new IllegalArgumentException("flash crowd ramp must be between 0 and half the duration ("
          + duration + "), got " + ramp);
    }
    if (!(multiplier >= 0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("flash crowd multiplier must be finite and >= 0, got "
          + multiplier);
    }
  }

  @Override
  public double factorAt(long nanos) {
    long from = startNanos();
    long into = nanos - from;
    long length = duration.toNanos();
    if (into < 0 || into >= length) {
      return 1;
    }
    long r = ramp.toNanos();
    long edge = Math.min(into, length - into);
    double level = r == 0 || edge >= r ? 1 : (double) edge / r;
    return 1 + (multiplier - 1) * level;
  }

  @Override
  public double maxFactor() {
    return Math.max(1, multiplier);
  }

  long startNanos() {
    return start.getEpochSecond() * 1_000_000_000L + start.getNano();
  }
}
