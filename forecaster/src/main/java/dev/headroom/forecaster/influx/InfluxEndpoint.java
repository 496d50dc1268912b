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
 * @param user           InfluxDB user to authenticate as, or null when the server runs without auth
 * @param password       that user's password (null without a user); never shown by {@link #toString},
 *                       {@link #describe} or any error message
 */
public record InfluxEndpoint(String url, String database, Duration connectTimeout, Duration readTimeout,
    String user, String password) {

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
    if (uri.getUserInfo() != null) {
      // Credentials in the URL would be printed with it in every message: they go in user and password.
      throw new IllegalArgumentException("InfluxDB URL must not hold credentials (user:password@); give the user "
          + "and the password separately");
    }
    if (database.isBlank()) {
      throw new IllegalArgumentException("InfluxDB database name must not be blank");
    }
    if (user != null && user.isBlank()) {
      throw new IllegalArgumentException("InfluxDB user must not be blank (leave it out for a server without auth)");
    }
    if (user == null && password != null) {
      throw new IllegalArgumentException("an InfluxDB password needs a user");
    }
    requirePositive("connectTimeout", connectTimeout);
    requirePositive("readTimeout", readTimeout);
  }

  /** An endpoint without credentials. */
  public InfluxEndpoint(String url, String database, Duration connectTimeout, Duration readTimeout) {
    this(url, database, connectTimeout, readTimeout, null, null);
  }

  /** The endpoint with the default timeouts. */
  public static InfluxEndpoint of(String url, String database) {
    return new InfluxEndpoint(url, database, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT);
  }

  public InfluxEndpoint withTimeouts(Duration connect, Duration read) {
    return new InfluxEndpoint(url, database, connect, read, user, password);
  }

  /** The same endpoint, authenticating as {@code newUser} with {@code newPassword} (both null: no auth). */
  public InfluxEndpoint withCredentials(String newUser, String newPassword) {
    return new InfluxEndpoint(url, database, connectTimeout, readTimeout, newUser, newPassword);
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
    // influxdb-java sends the credentials as an Authorization header, so they never appear in a URL
    // that an exception might quote.
    return user == null ? InfluxDBFactory.connect(url, http)
        : InfluxDBFactory.connect(url, user, password == null ? "" : password, http);
  }

  /** For error messages: {@code InfluxDB at URL, database "DB"} (and the user, never the password). */
  public String describe() {
    return "InfluxDB at " + url + ", database " + LineProtocol.quoted(database)
        + (user == null ? "" : ", user " + LineProtocol.quoted(user));
  }

  @Override
  public String toString() {
    return "InfluxEndpoint[url=" + url + ", database=" + database + ", connectTimeout=" + connectTimeout
        + ", readTimeout=" + readTimeout + ", user=" + user + (password == null ? "" : ", password=(hidden)") + "]";
  }

  private static void requirePositive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
  }
}
