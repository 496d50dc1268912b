package dev.headroom.simulator.workload;

/**
 * A stream of arrivals in time order, one at a time and without allocating: a month of traffic
 * expanded from counts can be billions of requests, more than any array holds, while a simulation
 * needs only the next one. Not thread-safe; open one per simulation from its {@link Workload}.
 *
 * <p>Times are nanoseconds on the trace's own clock (epoch nanoseconds for timestamped traces), so
 * schedules and forecasts see real times of day; a simulation starts its virtual clock wherever
 * the first arrival is.
 */
public interface ArrivalSource {

  /** Returned by {@link #next()} once the stream is over (and on every call after). */
  long END = Long.MAX_VALUE;

  /** Moves to the next arrival and returns its time in nanoseconds, or {@link #END}. */
  long next();

  /** Key (client or tenant) id of the current arrival, an index into {@link Workload#keys()}. */
  int key();

  /** Cost of the current arrival in limiter units; 1 unless a cost was given. */
  double cost();
}
