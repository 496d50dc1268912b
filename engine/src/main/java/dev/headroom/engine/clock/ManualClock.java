package dev.headroom.engine.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to: for tests and for anything driven at virtual time. */
public final class ManualClock implements Clock {

  private final AtomicLong nanos;

  public ManualClock(long startNanos) {
    this.nanos = new AtomicLong(startNanos);
  }

  public static ManualClock at(Instant start) {
    return new ManualClock(start.getEpochSecond() * 1_000_000_000L + start.getNano());
  }

  @Override
  public long nanos() {
    return nanos.get();
  }

  /** Moves the clock forward by {@code deltaNanos} (wrapping like {@link System#nanoTime()}). */
  public void advance(long deltaNanos) {
    if (deltaNanos < 0) {
      throw new IllegalArgumentException("a clock never goes back: advance by " + deltaNanos + " ns");
    }
    nanos.addAndGet(deltaNanos);
  }

  public void advance(Duration delta) {
    advance(delta.toNanos());
  }

  /** Sets the clock; the new time must not be before the current one. */
  public void set(long newNanos) {
    long current = nanos.get();
    if (newNanos - current < 0) {
      throw new IllegalArgumentException("a clock never goes back: " + newNanos + " < " + current);
    }
    nanos.set(newNanos);
  }
}
