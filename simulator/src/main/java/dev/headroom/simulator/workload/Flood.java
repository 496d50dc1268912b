package dev.headroom.simulator.workload;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Abusive traffic laid over one key: from {@code start} for {@code duration}, extra arrivals at
 * {@code multiplier} times that key's normal (legitimate) rate at the time. A retry storm, a runaway
 * batch job or a scraper with a stolen key, as far as the limiter can tell: more of the key's own
 * requests. The arrivals it adds are labelled abusive ({@link Arrivals#abusive}).
 *
 * @param key        the key's name; null for a key drawn at random (seeded)
 * @param start      when it starts
 * @param duration   how long it lasts
 * @param multiplier extra rate as a multiple of the key's normal rate then (10: eleven times the
 *                   usual traffic in all)
 */
public record Flood(String key, Instant start, Duration duration, double multiplier) {

  public Flood {
    Objects.requireNonNull(start, "start");
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("flood duration must be positive, got " + duration);
    }
    if (!(multiplier > 0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("flood multiplier must be positive and finite, got " + multiplier);
    }
  }

  public long startNanos() {
    return start.getEpochSecond() * 1_000_000_000L + start.getNano();
  }

  public long endNanos() {
    return startNanos() + duration.toNanos();
  }
}
