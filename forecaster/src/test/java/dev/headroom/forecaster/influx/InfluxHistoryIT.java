/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.forecaster.influx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.forecaster.history.HistorySource.HistoryException;
import dev.headroom.forecaster.history.TelemetryPoint;
import dev.headroom.forecaster.series.RateSeries;
import dev.headroom.testsupport.InfluxExtension;
import dev.headroom.testsupport.InfluxServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Writes through the importer and the telemetry writer, reads back through InfluxHistory, on a real influxd. */
@ExtendWith(InfluxExtension.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class InfluxHistoryIT {

  private static final double NaN = Double.NaN;
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private static final Duration TEN_S = Duration.ofSeconds(10);

  private static InfluxEndpoint endpoint(InfluxServer influx, String prefix) {
    return InfluxEndpoint.of(influx.url(), influx.createDatabase(prefix));
  }

  /** A day at 10 s with a daily shape, zeros at night, and gaps of one, several and many intervals. */
  private static RateSeries day() {
    double[] v = new double[8_640];
    for (int i = 0; i < v.length; i++) {
      double hour = i / 360.0;
      v[i] = hour < 5 ? 0 : Math.rint(100 + 80 * Math.sin(hour / 24 * 2 * Math.PI));
    }
    v[7] = NaN;
    for (int i = 4_000; i < 4_010; i++) {
      v[i] = NaN;
    }
    for (int i = 6_000; i < 6_700; i++) {
      v[i] = NaN;
    }
    v[8_000] = 0.25; // a fraction survives too
    v[v.length - 1] = NaN;
    return RateSeries.of(T0, TEN_S, v);
  }

  @Test
  void anImportedSeriesReadsBackTheSameWithGapsAndZeros(InfluxServer influx) {
    InfluxEndpoint at = endpoint(influx, "roundtrip");
    RateSeries day = day();
    try (InfluxImporter importer = new InfluxImporter(at, 1_000, false);
         InfluxHistory history = new InfluxHistory(at)) {
      ImportResult result = importer.importSeries("api", day);
      assertEquals(day.size() - day.missingCount(), result.points());
      assertEquals(day.missingCount(), result.skipped());
      assertEquals((int) Math.ceil(result.points() / 1_000.0), result.batches());

      RateSeries back = history.requests("api", T0, T0.plus(Duration.ofDays(1)), TEN_S);
      assertEquals(day, back);
      assertTrue(back.isMissing(7) && back.value(0) == 0 && !back.isMissing(0));

      // A coarser step sums; an hour with every interval missing is missing, one with some is their sum.
      RateSeries hourly = history.requests("api", T0, T0.plus(Duration.ofDays(1)), Duration.ofHours(1));
      assertEquals(24, hourly.size());
      double hour16 = 0;
      for (int i = 16 * 360; i < 17 * 360; i++) {
        hour16 += Double.isNaN(day.value(i)) ? 0 : day.value(i);
      }
      assertEquals(hour16, hourly.value(16));
      assertEquals(0, hourly.value(0));
    }
  }

  @Test
  void rangesRoundDownToWholeStepsAndBeyondTheDataIsMissing(InfluxServer influx) {
    InfluxEndpoint at = endpoint(influx, "bounds");
    try (InfluxImporter importer = new InfluxImporter(at);
         InfluxHistory history = new InfluxHistory(at)) {
      importer.importSeries("k", RateSeries.of(T0, TEN_S, new double[] {1, 2, 3, 4}));
      RateSeries s = history.requests("k", T0.minusSeconds(15), T0.plusSeconds(35), TEN_S);
      assertEquals(T0.minusSeconds(20), s.start());
      assertArrayEquals(new double[] {NaN, NaN, 1, 2, 3}, s.values());
      assertEquals(0, history.requests("k", T0, T0.plusSeconds(9), TEN_S).size());
      assertEquals(4, history.requests("other", T0, T0.plusSeconds(40), TEN_S).missingCount());
    }
  }

  @Test
  void chunkedQueriesGiveTheSameAnswerAsOne(InfluxServer influx) {
    InfluxEndpoint at = endpoint(influx, "chunks");
    RateSeries day = day();
    try (InfluxImporter importer = new InfluxImporter(at)) {
      importer.importSeries("api", day);
    }
    Instant from = T0.minusSeconds(95);
    Instant to = T0.plus(Duration.ofDays(1)).plusSeconds(300);
    try (InfluxHistory one = new InfluxHistory(at, 1_000_000);
         InfluxHistory small = new InfluxHistory(at, 7);
         InfluxHistory medium = new InfluxHistory(at, 1_000)) {
      RateSeries whole = one.requests("api", from, to, TEN_S);
      assertEquals(day.size() + 10 + 30, whole.size());
      assertEquals(whole, small.requests("api", from, to, TEN_S));   // 1,240 queries
      assertEquals(whole, medium.requests("api", from, to, TEN_S));
      assertEquals(one.requests("api", from, to, Duration.ofMinutes(5)),
          small.requests("api", from, to, Duration.ofMinutes(5)));
      assertEquals(day, whole.slice(10, 10 + day.size()));
    }
  }

  @Test
  void keysWithQuotesBackslashesAndSpacesAreSafe(InfluxServer influx) {
    InfluxEndpoint at = endpoint(influx, "keys");
    List<String> keys = List.of(
        "tenant \"acme\", plan=gold",
        "o'brien",
        "C:\\Users\\x y",
        "x' OR \"key\" =~ /.*/ OR 'a'='a",
        "ünïcødé 🚀");
    try (InfluxImporter importer = new InfluxImporter(at);
         InfluxHistory history = new InfluxHistory(at)) {
      for (int k = 0; k < keys.size(); k++) {
        importer.importSeries(keys.get(k), RateSeries.of(T0, TEN_S, new double[] {k, k + 1, NaN, k + 3}));
      }
      for (int k = 0; k < keys.size(); k++) {
        assertArrayEquals(new double[] {k, k + 1, NaN, k + 3},
            history.requests(keys.get(k), T0, T0.plusSeconds(40), TEN_S).values(), keys.get(k));
      }
      // An injection attempt is just a key nobody wrote.
      assertEquals(4, history.requests("' OR ''='", T0, T0.plusSeconds(40), TEN_S).missingCount());
      assertEquals(4, history.requests("a\\", T0, T0.plusSeconds(40), TEN_S).missingCount());
    }
  }

  @Test
  void keysLineProtocolCannotCarryAreRefusedBeforeWriting(InfluxServer influx) {
    InfluxEndpoint at = endpoint(influx, "refused");
    try (InfluxImporter importer = new InfluxImporter(at);
         TelemetryWriter telemetry = new TelemetryWriter(at)) {
      RateSeries one = RateSeries.of(T0, TEN_S, new double[] {1});
      assertThrows(IllegalArgumentException.class, () -> importer.importSeries("ends\\", one));
      List<TelemetryPoint> batch = List.of(TelemetryPoint.requestsOnly("fine", T0.toEpochMilli(), 1),
          TelemetryPoint.requestsOnly("a\\ b", T0.toEpochMilli(), 1));
      assertThrows(IllegalArgumentException.class, () -> telemetry.write(batch));
    }
    String answer = influx.execute("SELECT count(*) FROM \"" + at.database() + "\"..\"calls\"");
    assertTrue(!answer.contains("series"), "nothing written: " + answer);
  }

  @Test
  void telemetryZerosReadAsZerosAndLatencyMeansDerive(InfluxServer influx) {
    InfluxEndpoint at = endpoint(influx, "telemetry");
    long t0 = T0.toEpochMilli();
    List<TelemetryPoint> points = new ArrayList<>();
    points.add(new TelemetryPoint("a", t0, 10, 8, 2, 40, 8));
    points.add(new TelemetryPoint("b", t0, 3, 3, 0, 30, 3));
    points.add(new TelemetryPoint("a", t0 + 10_000, 0, 0, 0, 0, 0));
    // a: nothing at t0 + 20 s (engine down)
    points.add(new TelemetryPoint("a", t0 + 30_000, 6, 6, 0, 60, 2));
    points.add(new TelemetryPoint("a", t0 + 40_500, 1, 1, 0, 0.5, 1)); // off the 10 s grid: millisecond precision
    try (TelemetryWriter writer = new TelemetryWriter(at, 2);
         InfluxHistory history = new InfluxHistory(at)) {
      writer.write(points);
      assertArrayEquals(new double[] {10, 0, NaN, 6, 1},
          history.requests("a", T0, T0.plusSeconds(50), TEN_S).values());
      assertArrayEquals(new double[] {3, NaN, NaN, NaN, NaN},
          history.requests("b", T0, T0.plusSeconds(50), TEN_S).values());
    }
    String answer = influx.execute("SELECT sum(\"latency_sum_ms\") / sum(\"latency_count\") AS mean_ms, "
        + "sum(\"admitted\"), sum(\"rejected\") FROM \"" + at.database() + "\"..\"calls\" WHERE \"key\" = 'a'");
    double meanMs = (40 + 0 + 60 + 0.5) / (8 + 0 + 2 + 1);
    assertTrue(answer.contains("\"values\":[[\"1970-01-01T00:00:00Z\"," + meanMs + ",15,2]]"), answer);
  }
}
