/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.forecaster.influx;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;

/**
 * Where Headroom's InfluxDB 1.x is: base URL, database, and the timeouts every call gets, so that a
 * dead or stalled server is an error within seconds instead of a hung forecaster or engine.
 *
 * @param url            base address, e.g. {@code http://127.0.0.1:8086}
 * @param database       database holding {@link InfluxSchema}'s measurements
 * @param connectTimeout limit on opening a connection
 * @param readTimeout    limit on each read and write of the socket while a call is under way
 */
public record InfluxEndpoint(String url, String database, Duration connectTimeout, Duration readTimeout) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

  public InfluxEndpoint {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(database, "database");
    String expected = "InfluxDB URL " + LineProtocol.quoted(url)
        + " must be http:// or https:// with a host, e.g. http://127.0.0.1:8086";
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(expected + " (" + e.getMessage() + ")", e);
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
      throw new IllegalArgumentException(expected);
    }
    if (database.isBlank()) {
      throw new IllegalArgumentException("InfluxDB database name must not be blank");
    }
    requirePositive("connectTimeout", connectTimeout);
    requirePositive("readTimeout", readTimeout);
  }

  /** The endpoint with the default timeouts. */
  public static InfluxEndpoint of(String url, String database) {
    return new InfluxEndpoint(url, database, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT);
  }

  public InfluxEndpoint withTimeouts(Duration connect, Duration read) {
    return new InfluxEndpoint(url, database, connect, read);
  }

  /**
   * A new influxdb-java client with this endpoint's timeouts; the caller closes it. Besides the
   * per-socket-operation limits, a whole call is capped at connect + 2 x read, so a server that
   * trickles bytes cannot hold a caller for ever either.
   */
  public InfluxDB connect() {
    OkHttpClient.Builder http = new OkHttpClient.Builder()
        .connectTimeout(connectTimeout)
        .readTimeout(readTimeout)
        .writeTimeout(readTimeout)
        .callTimeout(connectTimeout.plus(readTimeout).plus(readTimeout));
    return InfluxDBFactory.connect(url, http);
  }

  /** For error messages: {@code InfluxDB at URL, database "DB"}. */
  public String describe() {
    return "InfluxDB at " + url + ", database " + LineProtocol.quoted(database);
  }

  private static void requirePositive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
  }
}
