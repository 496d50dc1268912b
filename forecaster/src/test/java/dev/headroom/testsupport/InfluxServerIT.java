/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Writes to and reads from a real influxd through influxdb-java, across a restart too. */
@ExtendWith(InfluxExtension.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class InfluxServerIT {

  private static final String MEASUREMENT = "calls";
  private static final int KEYS = 3;
  private static final int POINTS = 3_000;
  /** 2024-01-01T00:00:00Z; each key gets one point a second from here. */
  private static final long T0_MILLIS = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

  private static InfluxServer shared;

  @BeforeAll
  static void resolvedBeforeAll(InfluxServer influx) {
    shared = influx;
  }

  @Test
  void oneServerPerJvmOnLoopback(InfluxServer influx) {
    assertSame(shared, influx);
    assertTrue(influx.isRunning());
    assertEquals("http://127.0.0.1:" + influx.port(), influx.url());
    assertNotEquals(influx.port(), influx.rpcPort());
    try (InfluxDB client = influx.connect()) {
      assertTrue(client.ping().isGood());
      assertTrue(client.version().startsWith("1."), client.version());
    }
  }

  @Test
  void writesABatchAndAggregatesItExactly(InfluxServer influx) {
    String db = influx.createDatabase("aggregates");
    try (InfluxDB client = influx.connect()) {
      client.write(batch(db, 0, POINTS));

      QueryResult.Series totals = single(client.query(new Query(
          "SELECT count(\"value\"), sum(\"value\") FROM \"" + MEASUREMENT + "\"", db), TimeUnit.MILLISECONDS));
      assertEquals(List.of("time", "count", "sum"), totals.getColumns());
      assertEquals(POINTS, asLong(totals.getValues().getFirst().get(1)));
      assertEquals(expectedSum(0, POINTS), asLong(totals.getValues().getFirst().get(2)));

      QueryResult.Series k1 = single(client.query(new Query(
          "SELECT count(\"value\"), sum(\"value\") FROM \"" + MEASUREMENT + "\" WHERE \"key\" = 'k1'", db)));
      long k1Sum = 0;
      for (int i = 1; i < POINTS; i += KEYS) {
        k1Sum += value(i);
      }
      assertEquals(POINTS / KEYS, asLong(k1.getValues().getFirst().get(1)));
      assertEquals(k1Sum, asLong(k1.getValues().getFirst().get(2)));

      // Per-minute sums over all keys: point i lands in minute (i / KEYS) / 60.
      Map<Long, Long> expected = new TreeMap<>();
      for (int i = 0; i < POINTS; i++) {
        expected.merge(T0_MILLIS + 60_000L * (secondOf(i) / 60), (long) value(i), Long::sum);
      }
      Instant from = Instant.ofEpochMilli(T0_MILLIS);
      Instant to = Instant.ofEpochMilli(T0_MILLIS + 1_000L * (POINTS / KEYS));
      QueryResult.Series perMinute = single(client.query(new Query(
          "SELECT sum(\"value\") FROM \"" + MEASUREMENT + "\" WHERE time >= '" + from + "' AND time < '" + to
              + "' GROUP BY time(1m) fill(none)", db), TimeUnit.MILLISECONDS));
      Map<Long, Long> actual = new TreeMap<>();
      for (List<Object> row : perMinute.getValues()) {
        actual.put(asLong(row.get(0)), asLong(row.get(1)));
      }
      assertEquals(expected, actual);
      assertEquals(17, actual.size()); // 1000 s: 16 full minutes and 40 s of the 17th
    }
  }

  @Test
  void databasesAreIsolated(InfluxServer influx) {
    String a = influx.createDatabase("isolated");
    String b = influx.createDatabase("isolated");
    assertNotEquals(a, b);
    try (InfluxDB client = influx.connect()) {
      client.write(batch(a, 0, 10));
      QueryResult result = client.query(new Query("SELECT count(\"value\") FROM \"" + MEASUREMENT + "\"", b));
      assertFalse(result.hasError(), result::getError);
      assertNull(result.getResults().getFirst().getSeries());
    }
    influx.dropDatabase(a);
    influx.dropDatabase(b);
  }

  @Test
  void dataSurvivesARestartOnTheSamePort(InfluxServer influx) {
    String db = influx.createDatabase("restart");
    int port = influx.port();
    try (InfluxDB client = influx.connect()) {
      client.write(batch(db, 0, 1_000));
      try {
        influx.stop();
        assertFalse(influx.isRunning());
        assertThrows(RuntimeException.class, client::ping);
        assertThrows(UncheckedIOException.class, () -> influx.execute("SHOW DATABASES"));
      } finally {
        influx.start();
      }
      assertTrue(influx.isRunning());
      assertEquals(port, influx.port());

      // The same client keeps working: written before the stop, and more written after it.
      client.write(batch(db, 1_000, 2_000));
      QueryResult.Series totals = single(client.query(new Query(
          "SELECT count(\"value\"), sum(\"value\") FROM \"" + MEASUREMENT + "\"", db)));
      assertEquals(2_000, asLong(totals.getValues().getFirst().get(1)));
      assertEquals(expectedSum(0, 2_000), asLong(totals.getValues().getFirst().get(2)));
    }
  }

  /** Points {@code from} (inclusive) to {@code to} (exclusive), millisecond timestamps. */
  private static BatchPoints batch(String db, int from, int to) {
    List<Point> points = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      points.add(Point.measurement(MEASUREMENT)
          .time(T0_MILLIS + 1_000L * secondOf(i), TimeUnit.MILLISECONDS)
          .tag("key", "k" + (i % KEYS))
          .addField("value", (long) value(i))
          .build());
    }
    return BatchPoints.database(db).precision(TimeUnit.MILLISECONDS).points(points).build();
  }

  private static int secondOf(int i) {
    return i / KEYS;
  }

  private static int value(int i) {
    return (i * 37) % 1_001;
  }

  private static long expectedSum(int from, int to) {
    long sum = 0;
    for (int i = from; i < to; i++) {
      sum += value(i);
    }
    return sum;
  }

  private static QueryResult.Series single(QueryResult result) {
    assertFalse(result.hasError(), result::getError);
    assertEquals(1, result.getResults().size());
    QueryResult.Result first = result.getResults().getFirst();
    assertFalse(first.hasError(), first::getError);
    assertEquals(1, first.getSeries().size(), () -> first.getSeries().toString());
    return first.getSeries().getFirst();
  }

  /** JSON numbers come back as doubles; these are integers well below 2^53, so exact. */
  private static long asLong(Object number) {
    double d = ((Number) number).doubleValue();
    assertEquals(Math.rint(d), d, "not an integer: " + number);
    return (long) d;
  }
}
