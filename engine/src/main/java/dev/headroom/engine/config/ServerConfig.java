/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where the HTTP servers listen and how they guard themselves against slow or greedy clients.
 *
 * @param host           the main listener's address: the gateway's upstream routes and {@code /health},
 *                       and the decision API too when there is no API listener
 * @param port           the main listener's port (0: a free one)
 * @param api            the API listener (decision API, release, {@code /metrics}, admin API) when it
 *                       is configured; see {@link HeadroomConfig#apiListener()} for the default
 * @param idleTimeout    a connection with no traffic for this long is closed (NGINX keepalive_timeout)
 * @param headerTimeout  a client must send a request's headers within this (NGINX client_header_timeout)
 * @param bodyTimeout    a request's body must be complete this long after its headers
 * @param maxConnections connections open at once over all listeners; more are closed on accept
 * @param maxBodySize    largest body of a decision or admin call, however it is encoded
 * @param trustedProxies addresses and CIDR blocks whose X-Forwarded-* headers are believed
 */
public record ServerConfig(String host, int port, Optional<Listener> api, Duration idleTimeout,
    Duration headerTimeout, Duration bodyTimeout, int maxConnections, long maxBodySize,
    List<String> trustedProxies) {

  /** One listening address. */
  public record Listener(String host, int port) {}

  public static final String LOOPBACK = "127.0.0.1";
  /** The API listener's port when upstreams need one and none is configured. */
  public static final int DEFAULT_API_PORT = 8081;
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(75);
  public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(60);
  public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
  /** A decision call is a few hundred bytes and a batch of 1000 about 100 KB. */
  public static final long DEFAULT_MAX_BODY_SIZE = 1 << 20;

  /** Loopback by default: exposing a service to the network is a decision, not a default. */
  public static final ServerConfig DEFAULT = new ServerConfig(LOOPBACK, 8080);

  public ServerConfig {
    trustedProxies = List.copyOf(trustedProxies);
  }

  /** The address with every other setting at its default. */
  public ServerConfig(String host, int port) {
    this(host, port, Optional.empty(), DEFAULT_IDLE_TIMEOUT, DEFAULT_HEADER_TIMEOUT, DEFAULT_BODY_TIMEOUT,
        DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_BODY_SIZE, List.of());
  }

  public ServerConfig withPort(int newPort) {
    return withAddress(host, newPort);
  }

  /** The same settings on another main address: for {@code --host} and {@code --port}. */
  public ServerConfig withAddress(String newHost, int newPort) {
    return new ServerConfig(newHost, newPort, api, idleTimeout, headerTimeout, bodyTimeout, maxConnections,
        maxBodySize, trustedProxies);
  }
}
