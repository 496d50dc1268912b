/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.forecaster.influx;

import dev.headroom.forecaster.history.HistorySource;
import dev.headroom.forecaster.history.StepRange;
import dev.headroom.forecaster.series.RateSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.dto.BoundParameterQuery;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * Requests per step from the {@value InfluxSchema#CALLS} measurement of an InfluxDB 1.x.
 *
 * <p>One InfluxQL query per chunk of at most {@code maxStepsPerQuery} steps, so a year at one
 * minute is a few dozen bounded answers rather than one that could outgrow the read timeout or the
 * server's memory. The key and the time bounds are bound parameters ({@code $key}, {@code $from},
 * {@code $to}), never spliced into the text, so any key is safe. Only the step, a number, is written
 * into the query ({@code GROUP BY time} takes no parameter).
 *
 * <p>Buckets come back with {@code fill(none)} and are placed by their timestamps: a step with no
 * point at all stays NaN (missing), a step whose points sum to zero is 0. Thread-safe (the
 * client is); close it to release the connection pool.
 */
public final class InfluxHistory implements HistorySource, AutoCloseable {

  /** A day at 10 s: answers of a few hundred kilobytes. */
  public static final int DEFAULT_MAX_STEPS_PER_QUERY = 8_640;

  private final InfluxEndpoint endpoint;
  private final int maxStepsPerQuery;
  private final InfluxDB client;

  public InfluxHistory(InfluxEndpoint endpoint, int maxStepsPerQuery) {
    if (maxStepsPerQuery <= 0) {
      throw new IllegalArgumentException("maxStepsPerQuery must be positive, got " + maxStepsPerQuery);
    }
    this.endpoint = endpoint;
    this.maxStepsPerQuery = maxStepsPerQuery;
    this.client = endpoint.connect();
  }

  public InfluxHistory(InfluxEndpoint endpoint) {
    this(endpoint, DEFAULT_MAX_STEPS_PER_QUERY);
  }

  @Override
  public RateSeries requests(String key, Instant from, Instant to, Duration step) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("key must not be empty");
    }
    StepRange range = StepRange.of(from, to, step);
    double[] values = new double[range.count()];
    Arrays.fill(values, Double.NaN);
    int offset = 0;
    for (StepRange chunk : range.chunks(maxStepsPerQuery)) {
      QueryResult answer = query(key, range, chunk);
      fill(values, offset, chunk, answer, key, range);
      offset += chunk.count();
    }
    return RateSeries.ofMillis(range.startMillis(), range.stepMillis(), values);
  }

  /**
   * Time of the newest {@code calls} point of {@code key}, or empty when the key has none: lets a
   * caller forecast from the end of an imported trace without knowing its dates.
   */
  public java.util.Optional<Instant> latest(String key) {
    Query q = BoundParameterQuery.QueryBuilder.newQuery("SELECT last(\"" + InfluxSchema.REQUESTS + "\") FROM \""
            + InfluxSchema.CALLS + "\" WHERE \"" + InfluxSchema.KEY + "\" = $key")
        .forDatabase(endpoint.database())
        .bind("key", key)
        .create();
    QueryResult answer;
    try {
      answer = client.query(q, TimeUnit.MILLISECONDS);
    } catch (InfluxDBException e) {
      throw new HistoryException("finding the newest point of key " + LineProtocol.quoted(key) + " in "
          + endpoint.describe() + " failed: " + InfluxErrors.reason(e), e);
    }
    if (answer.hasError() || answer.getResults() == null || answer.getResults().isEmpty()) {
      throw new HistoryException("finding the newest point of key " + LineProtocol.quoted(key) + " in "
          + endpoint.describe() + " failed: " + answer.getError());
    }
    QueryResult.Result result = answer.getResults().getFirst();
    if (result.hasError()) {
      throw new HistoryException("finding the newest point of key " + LineProtocol.quoted(key) + " in "
          + endpoint.describe() + " failed: " + result.getError());
    }
    if (result.getSeries() == null || result.getSeries().isEmpty()
        || result.getSeries().getFirst().getValues().isEmpty()) {
      return java.util.Optional.empty();
    }
    Object time = result.getSeries().getFirst().getValues().getFirst().getFirst();
    return time instanceof Number n ? java.util.Optional.of(Instant.ofEpochMilli(n.longValue()))
        : java.util.Optional.empty();
  }

  /** The InfluxQL text of every chunk's query at {@code stepMillis}; public for the README and tests. */
  public static String queryText(long stepMillis) {
    return "SELECT sum(\"" + InfluxSchema.REQUESTS + "\") FROM \"" + InfluxSchema.CALLS + "\""
        + " WHERE \"" + InfluxSchema.KEY + "\" = $key AND time >= $from AND time < $to"
        + " GROUP BY time(" + stepMillis + "ms) fill(none)";
  }

  private QueryResult query(String key, StepRange whole, StepRange chunk) {
    Query q = BoundParameterQuery.QueryBuilder.newQuery(queryText(chunk.stepMillis()))
        .forDatabase(endpoint.database())
        .bind("key", key)
        .bind("from", Instant.ofEpochMilli(chunk.startMillis()).toString())
        .bind("to", Instant.ofEpochMilli(chunk.endMillis()).toString())
        .create();
    QueryResult answer;
    try {
      answer = client.query(q, TimeUnit.MILLISECONDS);
    } catch (InfluxDBException e) {
      throw failure(key, whole, chunk, InfluxErrors.reason(e), e);
    }
    if (answer.hasError()) {
      throw failure(key, whole, chunk, answer.getError(), null);
    }
    return answer;
  }

  private void fill(double[] values, int offset, StepRange chunk, QueryResult answer, String key, StepRange whole) {
    List<QueryResult.Result> results = answer.getResults();
    if (results == null || results.size() != 1) {
      throw failure(key, whole, chunk, "expected one statement result, got " + results, null);
    }
    QueryResult.Result result = results.getFirst();
    if (result.hasError()) {
      throw failure(key, whole, chunk, result.getError(), null);
    }
    if (result.getSeries() == null) {
      return; // no point at all in this chunk: every step missing
    }
    for (QueryResult.Series series : result.getSeries()) {
      for (List<Object> row : series.getValues()) {
        if (row.size() != 2 || !(row.get(0) instanceof Number time)) {
          throw failure(key, whole, chunk, "unexpected row " + row + " in series " + series.getName(), null);
        }
        long t = time.longValue();
        long rel = t - chunk.startMillis();
        if (rel < 0 || rel % chunk.stepMillis() != 0 || rel / chunk.stepMillis() >= chunk.count()) {
          throw failure(key, whole, chunk, "bucket at " + Instant.ofEpochMilli(t) + " is not a step of the range", null);
        }
        int i = offset + (int) (rel / chunk.stepMillis());
        values[i] = row.get(1) instanceof Number sum ? sum.doubleValue() : Double.NaN;
      }
    }
  }

  private HistoryException failure(String key, StepRange whole, StepRange chunk, String reason, Throwable cause) {
    String part = whole.count() == chunk.count() ? "" : ", query for " + chunk;
    return new HistoryException("reading requests of key " + LineProtocol.quoted(key) + " for " + whole + part
        + " from " + endpoint.describe() + " failed: " + reason, cause);
  }

  @Override
  public void close() {
    client.close();
  }
}
