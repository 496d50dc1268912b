package dev.headroom.engine.clock;

import java.time.Instant;

/**
 * Epoch nanoseconds from {@link System#nanoTime()} anchored once to wall time.
 *
 * <p>{@code nanoTime} is monotonic and cheap (no allocation, ~20 ns), where {@link Instant#now()}
 * allocates and can step backwards when NTP steps the wall clock. Anchoring once gives both: epoch
 * semantics for calendar windows and a clock that never goes back. The price is that a later step of
 * the wall clock is not followed; NTP slews CLOCK_MONOTONIC too, so drift stays within milliseconds.
 */
public final class SystemClock implements Clock {

  static final SystemClock INSTANCE = new SystemClock();

  private final long epochNanosAtAnchor;
  private final long nanoTimeAtAnchor;

  private SystemClock() {
    Instant now = Instant.now();
    this.nanoTimeAtAnchor = System.nanoTime();
    this.epochNanosAtAnchor = now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  @Override
  public long nanos() {
    return epochNanosAtAnchor + (System.nanoTime() - nanoTimeAtAnchor);
  }
}
