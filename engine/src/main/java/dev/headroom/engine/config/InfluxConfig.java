/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

import dev.headroom.forecaster.influx.InfluxEndpoint;
import java.time.Duration;

/**
 * The InfluxDB 1.x that keeps history and telemetry across restarts.
 *
 * @param user        user to authenticate as, or null for a server without authentication
 * @param passwordEnv the environment variable the password was read from (null without a user)
 * @param password    the password, read at load time; never shown by {@link #toString}
 */
public record InfluxConfig(String url, String database, Duration connectTimeout, Duration readTimeout,
    String user, String passwordEnv, String password) {

  /** Without authentication. */
  public InfluxConfig(String url, String database, Duration connectTimeout, Duration readTimeout) {
    this(url, database, connectTimeout, readTimeout, null, null, null);
  }

  /** The forecaster's endpoint for this connection. */
  public InfluxEndpoint endpoint() {
    return new InfluxEndpoint(url, database, connectTimeout, readTimeout, user, password);
  }

  @Override
  public String toString() {
    return "InfluxConfig[url=" + url + ", database=" + database + ", connectTimeout=" + connectTimeout
        + ", readTimeout=" + readTimeout + ", user=" + user + ", passwordEnv=" + passwordEnv + "]";
  }
}
