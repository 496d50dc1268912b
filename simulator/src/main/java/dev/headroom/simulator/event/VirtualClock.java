package dev.headroom.simulator.event;

import dev.headroom.engine.clock.Clock;
import java.time.Instant;

/**
 * Simulated time for the engine's clock seam: the limiter and policies read it exactly as they read
 * the system clock in the service, so the simulator runs their real code at virtual time.
 *
 * <p>A plain field, not an atomic: a simulation runs on one thread, and this read sits on the hot
 * path of every admission decision. Only the {@link Simulation} (or a test) moves it, never backwards.
 */
public final class VirtualClock implements Clock {

  private long now;

  public VirtualClock(long startNanos) {
    this.now = startNanos;
  }

  public static VirtualClock at(Instant start) {
    return new VirtualClock(start.getEpochSecond() * 1_000_000_000L + start.getNano());
  }

  @Override
  public long nanos() {
    return now;
  }

  /** Moves the clock to {@code nanos}; time in a simulation never goes back. */
  public void advanceTo(long nanos) {
    if (nanos < now) {
      throw new IllegalArgumentException("virtual clock: cannot go back from " + now + " to " + nanos + " ns");
    }
    now = nanos;
  }

  @Override
  public String toString() {
    return "virtual-clock{" + now + " ns}";
  }
}
