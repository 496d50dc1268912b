/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.forecaster.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole steps a {@link HistorySource#requests} call covers: both ends rounded down to multiples
 * of the step since the epoch, so every source returns the same grid for the same arguments and an
 * interval still in progress at {@code to} (a partial count that would read as a dip) is left out.
 *
 * @param startMillis start of the first interval, a multiple of {@code stepMillis}
 * @param stepMillis  interval length, positive
 * @param count       number of intervals
 */
public record StepRange(long startMillis, long stepMillis, int count) {

  public StepRange {
    if (stepMillis <= 0) {
      throw new IllegalArgumentException("step must be positive, got " + stepMillis + " ms");
    }
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative, got " + count);
    }
  }

  /**
   * The steps of {@code [from, to)}.
   *
   * @throws IllegalArgumentException if the step is not a positive whole number of milliseconds,
   *     {@code to} is before {@code from}, or the range has more than {@link Integer#MAX_VALUE} steps
   */
  public static StepRange of(Instant from, Instant to, Duration step) {
    if (step.isNegative() || step.isZero() || step.toNanos() % 1_000_000 != 0) {
      throw new IllegalArgumentException("step must be a positive whole number of milliseconds, got " + step);
    }
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("range ends (" + to + ") before it starts (" + from + ")");
    }
    long stepMillis = step.toMillis();
    long start = Math.floorDiv(from.toEpochMilli(), stepMillis) * stepMillis;
    long end = Math.floorDiv(to.toEpochMilli(), stepMillis) * stepMillis;
    long count = (end - start) / stepMillis;
    if (count > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("range " + from + " to " + to + " has " + count + " steps of " + step
          + ", more than one series holds");
    }
    return new StepRange(start, stepMillis, (int) count);
  }

  /** Just after the last interval. */
  public long endMillis() {
    return startMillis + stepMillis * count;
  }

  public long timeMillis(int i) {
    return startMillis + stepMillis * i;
  }

  /** Consecutive pieces of at most {@code maxSteps} steps each, covering this range in order. */
  public List<StepRange> chunks(int maxSteps) {
    if (maxSteps <= 0) {
      throw new IllegalArgumentException("maxSteps must be positive, got " + maxSteps);
    }
    List<StepRange> out = new ArrayList<>(count / maxSteps + 1);
    for (int first = 0; first < count; first += maxSteps) {
      out.add(new StepRange(timeMillis(first), stepMillis, Math.min(maxSteps, count - first)));
    }
    return out;
  }

  @Override
  public String toString() {
    return Instant.ofEpochMilli(startMillis) + " to " + Instant.ofEpochMilli(endMillis()) + " ("
        + count + " steps of " + Duration.ofMillis(stepMillis) + ")";
  }
}
