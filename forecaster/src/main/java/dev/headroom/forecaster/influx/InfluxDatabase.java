/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.forecaster.influx;

import java.util.Locale;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * Creates the configured database when it is missing, so a fresh influxd works without a manual
 * step. {@code CREATE DATABASE} is idempotent in InfluxDB 1.x (it keeps an existing database and
 * its data), so running it when a write finds no database is safe even if another writer raced us.
 */
public final class InfluxDatabase {

  private InfluxDatabase() {}

  /**
   * Runs {@code CREATE DATABASE} for {@code endpoint}'s database with {@code client}.
   *
   * @throws InfluxWriteException in one line if InfluxDB refuses: for want of rights it says what an
   *     admin must run; otherwise why (cannot connect, timed out)
   */
  public static void create(InfluxEndpoint endpoint, InfluxDB client) {
    String statement = "CREATE DATABASE " + identifier(endpoint.database());
    String error;
    InfluxDBException cause = null;
    try {
      QueryResult r = client.query(new Query(statement));
      error = r.hasError() ? r.getError() : firstResultError(r);
    } catch (InfluxDBException e) {
      cause = e;
      error = InfluxErrors.reason(e);
    }
    if (error == null) {
      return;
    }
    String lower = error.toLowerCase(Locale.ROOT);
    if (lower.contains("authoriz") || lower.contains("privilege") || lower.contains("unable to parse authentication")) {
      throw new InfluxWriteException("database " + LineProtocol.quoted(endpoint.database()) + " does not exist on "
          + "InfluxDB at " + endpoint.url() + " and " + (endpoint.user() == null ? "this connection (no user given)"
          : "user " + LineProtocol.quoted(endpoint.user())) + " may not create it: ask an InfluxDB admin to run "
          + statement + (endpoint.user() == null ? "" : " and GRANT ALL ON " + identifier(endpoint.database())
          + " TO " + identifier(endpoint.user())), cause);
    }
    throw new InfluxWriteException("creating database " + LineProtocol.quoted(endpoint.database()) + " on "
        + endpoint.describe() + " failed: " + error, cause);
  }

  private static String firstResultError(QueryResult r) {
    if (r.getResults() == null) {
      return null;
    }
    return r.getResults().stream().map(QueryResult.Result::getError).filter(e -> e != null).findFirst().orElse(null);
  }

  /** An InfluxQL identifier in double quotes, so any database or user name is safe in the statement. */
  static String identifier(String name) {
    return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
