/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.bench.engine;

import dev.headroom.engine.config.ConfigLoader;
import dev.headroom.engine.config.HeadroomConfig;

/**
 * The engine configurations the benchmark runs, written as the YAML a user would write (and parsed
 * by the real loader), so that the benchmark exercises the same path as {@code headroom serve}.
 *
 * <p>The throughput rows use a limit that admits everything (a rate of a billion a second) so that
 * the figure is the cost of deciding, not of refusing; the run checks afterwards that nothing was
 * refused. The policy is static: the policy loop runs off the request path, and a predictive one
 * would only add forecaster fits competing for the same two cores.
 */
final class BenchConfigs {

  /** The limit every throughput row goes through. */
  static final String LIMIT = "bench";
  /** Admin token of the forked engines (loopback only, never a secret). */
  static final String ADMIN_TOKEN = "bench-admin-token-not-secret";

  private BenchConfigs() {}

  private static String common(String telemetryInterval) {
    return """
        server:
          host: 127.0.0.1
          port: 0
        admin:
          token: %s
        telemetry:
          interval: %s
        """.formatted(ADMIN_TOKEN, telemetryInterval);
  }

  /**
   * Admits everything: one token bucket per API key (the decision API's "key", or X-Api-Key).
   *
   * <p>The telemetry interval is an hour, so no interval closes during a run. Every request is still
   * recorded on the request path as in production; what is left out is the flush, which runs off
   * the event loop, and with it the embedded in-memory history (no InfluxDB here): at a key's first
   * flush that history allocates a ring of 15 days / interval slots (48 bytes each: 6.2 MB per key at
   * 10 s), so the distinct-keys rows would measure an exhausted heap rather than the decision path.
   */
  static String admitAll() {
    return common("1h") + """
        limits:
          - name: %s
            match:
              key: [apiKey]
            algorithm:
              type: token-bucket
              rate: 1000000000/s
              burst: 1000000000
        """.formatted(LIMIT);
  }

  /** {@link #admitAll} with a police-mode upstream on every path the decision API does not own. */
  static String gateway(int upstreamPort) {
    return admitAll() + """
        upstreams:
          - name: hello
            url: http://127.0.0.1:%d
            route: /
            mode: police
        """.formatted(upstreamPort);
  }

  /**
   * For the memory row: a key touched once stays resident. The bucket refills one token an hour, so
   * a key that took one is not at rest (and not evicted) for an hour; the telemetry interval is an
   * hour too, so the per-key cells are neither flushed nor evicted while the heap is measured.
   */
  static String resident() {
    return common("1h") + """
        limits:
          - name: %s
            match:
              key: [apiKey]
            algorithm:
              type: token-bucket
              rate: 1/h
              burst: 10
        """.formatted(LIMIT);
  }

  static HeadroomConfig parse(String yaml, String name) {
    return new ConfigLoader().parse(yaml, name);
  }
}
