package dev.headroom.engine.clock;

/**
 * Where "now" comes from. Every pure class (limiters, policies) takes one, so the service runs on
 * system time, the simulator on virtual time and the tests on a hand-moved clock, through the same
 * code. Nothing in the core reads the system clock directly.
 */
@FunctionalInterface
public interface Clock {

  /**
   * Nanoseconds since the Unix epoch. Never decreases. Being epoch-based (not an arbitrary origin
   * like {@link System#nanoTime()}) lets calendar quotas find the start of the hour or day.
   */
  long nanos();

  /** The process-wide system clock: epoch-anchored, monotonic, nanosecond resolution. */
  static Clock system() {
    return SystemClock.INSTANCE;
  }
}
