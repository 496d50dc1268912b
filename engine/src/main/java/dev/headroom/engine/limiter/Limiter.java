package dev.headroom.engine.limiter;

/**
 * A rate or concurrency limiter: try to acquire a cost now, get a {@link Decision}.
 *
 * <p>Implementations are pure state machines on an injected clock, thread-safe without locks, so the
 * service, the simulator and the benchmarks run the same code.
 */
public interface Limiter {

  /** Tries to take {@code cost} now; consumes it only when the decision is allowed. */
  Decision decide(long cost);

  /**
   * Same as {@code decide(cost).allowed()} without building the decision: the path for callers that
   * only need yes or no.
   */
  boolean tryAcquire(long cost);

  default Decision decide() {
    return decide(1);
  }

  default boolean tryAcquire() {
    return tryAcquire(1);
  }

  /** The most this limiter admits at once (burst, quota per window, concurrency limit). */
  long limit();
}
