/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

/** Where the HTTP server listens. */
public record ServerConfig(String host, int port) {

  /** Loopback by default: exposing a service to the network is a decision, not a default. */
  public static final ServerConfig DEFAULT = new ServerConfig("127.0.0.1", 8080);

  public ServerConfig withPort(int newPort) {
    return new ServerConfig(host, newPort);
  }
}
