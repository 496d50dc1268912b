package dev.headroom.simulator.event;

/**
 * Something that reacts to events: a source, a client, the limiter, a backend. Events carry a
 * process-defined type (0 to {@link Simulation#MAX_TYPE}) and a long payload (a request id, a
 * worker index, a packed pair) instead of an object, so that scheduling and dispatching allocate
 * nothing.
 */
@FunctionalInterface
public interface Process {

  /** Handles an event now due; the simulation's clock already reads its time. */
  void onEvent(int type, long payload);
}
