/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.bench.engine;

/**
 * How the latency rows hold a steady rate with a wrk that has none. wrk2 sends on a fixed schedule
 * ({@code -R}); Debian's wrk 4 only runs closed loops, where each connection sends its next request
 * as soon as the last is answered, so throughput follows latency and the slower server is offered
 * less load. Instead each connection pauses {@code delayMillis} after every response (wrk's
 * {@code delay} hook): with N connections and latency L the rate is N / (delay + L), nearly
 * independent of L when the delay is several times L. Both servers get the same N and delay, so
 * they are offered nearly the same rate; the run first calibrates N until the gateway's rate is
 * within {@link #TOLERANCE} of half its peak, and the report gives both measured rates.
 *
 * <p>It stays a closed loop: a stalled response holds its connection back rather than letting
 * requests queue behind it as on a fixed schedule, so a stall weighs less in p99 than under wrk2
 * (coordinated omission). With 64 connections each pausing several milliseconds, a stall holds back
 * one connection of 64, not the whole load.
 */
record Pacing(int connections, int delayMillis) {

  /** Connections the pacing aims for, as in the saturating runs. */
  static final int CONNECTIONS = 64;
  /** Longest pause between requests; slower targets use fewer connections instead. */
  static final int MAX_DELAY_MILLIS = 200;
  /** How far the gateway's paced rate may be from its target. */
  static final double TOLERANCE = 0.10;

  Pacing {
    if (connections < 1 || delayMillis < 1) {
      throw new IllegalArgumentException("need connections >= 1 and delayMillis >= 1, got " + connections + ", "
          + delayMillis);
    }
  }

  /** A first setting for {@code rate} requests/s when a request takes about {@code latencyMillis}. */
  static Pacing initial(double rate, double latencyMillis, int threads) {
    if (!(rate > 0) || !(latencyMillis >= 0)) {
      throw new IllegalArgumentException("rate must be positive and latency not negative, got " + rate + ", "
          + latencyMillis);
    }
    long delay = Math.round(CONNECTIONS * 1000.0 / rate - latencyMillis);
    if (delay < 1) {
      return new Pacing(Math.max(threads, (int) Math.ceil(rate * (1 + latencyMillis) / 1000.0)), 1);
    }
    if (delay > MAX_DELAY_MILLIS) {
      return new Pacing(Math.max(threads, (int) Math.round(rate * (MAX_DELAY_MILLIS + latencyMillis) / 1000.0)),
          MAX_DELAY_MILLIS);
    }
    return new Pacing(CONNECTIONS, (int) delay);
  }

  /** The same delay with connections scaled so that a run that reached {@code achieved} reaches {@code target}. */
  Pacing toward(double achieved, double target, int threads) {
    if (!(achieved > 0)) {
      throw new IllegalArgumentException("achieved rate must be positive, got " + achieved);
    }
    return new Pacing(Math.max(threads, (int) Math.round(connections * target / achieved)), delayMillis);
  }

  static boolean near(double achieved, double target) {
    return Math.abs(achieved - target) <= TOLERANCE * target;
  }
}
