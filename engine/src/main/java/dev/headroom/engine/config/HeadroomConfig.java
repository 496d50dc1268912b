/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

import java.util.List;
import java.util.Optional;

/**
 * A whole, validated configuration: immutable, so a reload builds a new one and the service swaps
 * it in, comparing the two with {@link ConfigDiff}.
 *
 * @param source      where it came from (a file path, or the embedded default), for messages
 * @param influx      empty: history and telemetry stay in memory and are lost on restart
 * @param limits      in file order: the first limit whose match fits a request decides it
 * @param capacities  shared capacity groups that limits may draw from
 * @param upstreams   gateway mode's upstreams; empty when Headroom only answers decision calls
 */
public record HeadroomConfig(
    String source,
    ServerConfig server,
    AdminConfig admin,
    Optional<InfluxConfig> influx,
    TelemetryConfig telemetry,
    List<LimitConfig> limits,
    List<CapacityConfig> capacities,
    List<UpstreamConfig> upstreams) {

  public HeadroomConfig {
    limits = List.copyOf(limits);
    capacities = List.copyOf(capacities);
    upstreams = List.copyOf(upstreams);
  }

  /** The limit called {@code name}, if any. */
  public Optional<LimitConfig> limit(String name) {
    return limits.stream().filter(l -> l.name().equals(name)).findFirst();
  }

  /** The capacity group called {@code name}, if any. */
  public Optional<CapacityConfig> capacity(String name) {
    return capacities.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The same configuration listening elsewhere: for {@code --port N} on the command line. */
  public HeadroomConfig withServer(ServerConfig newServer) {
    return new HeadroomConfig(source, newServer, admin, influx, telemetry, limits, capacities, upstreams);
  }

  /**
   * Where the decision API, release, {@code /metrics} and the admin API listen, when not on the main
   * listener: {@code server.api} if set, else, as soon as upstreams are configured, loopback on port
   * {@link ServerConfig#DEFAULT_API_PORT} (a free one when the main port is 0). The gateway's port never
   * serves them: whoever reaches the gateway could otherwise spend any client's bucket.
   */
  public Optional<ServerConfig.Listener> apiListener() {
    if (server.api().isPresent() || upstreams.isEmpty()) {
      return server.api();
    }
    return Optional.of(new ServerConfig.Listener(ServerConfig.LOOPBACK,
        server.port() == 0 ? 0 : ServerConfig.DEFAULT_API_PORT));
  }

  /** A matcher over this configuration's limits. */
  public Matcher matcher() {
    return new Matcher(limits);
  }
}
