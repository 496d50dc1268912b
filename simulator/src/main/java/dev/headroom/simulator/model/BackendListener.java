package dev.headroom.simulator.model;

/**
 * What happens to each request a {@link Backend} is given, by request id, with times in
 * nanoseconds. Called synchronously at the virtual time of the outcome; primitives only, so that
 * reporting allocates nothing. Every method defaults to doing nothing.
 */
public interface BackendListener {

  BackendListener NONE = new BackendListener() {};

  /** The request got a worker after waiting {@code waitedNanos} in the queue. */
  default void admitted(long requestId, long waitedNanos) {}

  /** The request finished, {@code latencyNanos} after it reached the backend (wait plus service). */
  default void completed(long requestId, long latencyNanos) {}

  /** The queue was full when the request arrived; it was turned away at once. */
  default void rejected(long requestId) {}

  /** The request waited past the backend's timeout without getting a worker and was dropped. */
  default void timedOut(long requestId, long waitedNanos) {}
}
