/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.telemetry;

import static dev.headroom.engine.telemetry.SpoolingInfluxSinkTest.await;
import static dev.headroom.engine.telemetry.SpoolingInfluxSinkTest.points;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.engine.clock.Clock;
import dev.headroom.forecaster.influx.InfluxEndpoint;
import dev.headroom.forecaster.influx.InfluxSchema;
import dev.headroom.testsupport.InfluxExtension;
import dev.headroom.testsupport.InfluxServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Telemetry against a real influxd that goes away and comes back: recording never waits for it,
 * and once it is back the spool is replayed so the sums in InfluxDB are exactly what was recorded.
 * These tests stop the shared server, so they must not run in parallel with other users of it.
 */
@ExtendWith(InfluxExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SpoolingInfluxSinkIT {

  private static final Duration INTERVAL = Duration.ofMillis(200);
  /** Far above what a record costs (well under a microsecond), far below any network timeout. */
  private static final long MAX_RECORD_NANOS = 100_000_000L;

  @TempDir
  Path dir;

  private static SpoolingInfluxSink.Settings settings() {
    return SpoolingInfluxSink.Settings.defaults().withRetryInterval(Duration.ofMillis(200));
  }

  private static InfluxEndpoint endpoint(InfluxServer influx, String db) {
    return new InfluxEndpoint(influx.url(), db, Duration.ofMillis(500), Duration.ofSeconds(2));
  }

  /** What one recording thread did. */
  private static final class Recorded {
    final Map<String, long[]> perKey = new HashMap<>(); // admitted, rejected, latency count, latency sum ms
    long calls;
    long callsBefore;
    long callsWhileDown;
    long slowestNanos;
  }

  @Test
  void recordingDoesNotWaitForAnOutageAndInfluxEndsUpWithEveryCount(InfluxServer influx) throws Exception {
    String db = influx.createDatabase("telemetry_outage");
    TelemetryRecorder recorder = new TelemetryRecorder(1_000);
    IntervalAggregator aggregator = new IntervalAggregator(recorder, INTERVAL, 1_000);
    SpoolingInfluxSink sink = new SpoolingInfluxSink(endpoint(influx, db), dir.resolve("outage.spool"), settings());
    TelemetryPipeline pipeline = new TelemetryPipeline(aggregator, sink, Clock.system(), s -> {}).start();

    AtomicBoolean down = new AtomicBoolean();
    AtomicBoolean measuredDown = new AtomicBoolean(); // set once the outage phase is over
    AtomicBoolean stop = new AtomicBoolean();
    List<Recorded> results = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      Recorded mine = new Recorded();
      results.add(mine);
      int seed = t;
      threads.add(Thread.ofPlatform().name("recorder-" + t).start(() -> {
        long i = seed;
        while (!stop.get()) {
          String key = "tenant-" + (i % 7);
          boolean admitted = i % 5 != 0;
          long latencyMillis = i % 3 == 0 ? -1 : i % 11;
          long t0 = System.nanoTime();
          recorder.record(key, admitted, latencyMillis < 0 ? TelemetryRecorder.NO_LATENCY : latencyMillis * 1_000_000);
          long took = System.nanoTime() - t0;
          mine.slowestNanos = Math.max(mine.slowestNanos, took);
          long[] k = mine.perKey.computeIfAbsent(key, x -> new long[4]);
          k[admitted ? 0 : 1]++;
          if (latencyMillis >= 0) {
            k[2]++;
            k[3] += latencyMillis;
          }
          mine.calls++;
          if (down.get()) {
            mine.callsWhileDown++;
          } else if (!measuredDown.get()) {
            mine.callsBefore++;
          }
          i += 2;
          if ((mine.calls & 31) == 0) {
            LockSupport.parkNanos(100_000); // leave the shared cores some room for influxd
          }
        }
      }));
    }

    Thread.sleep(1_000);
    assertTrue(sink.counters().writtenPoints() > 0, "written before the outage: " + sink.counters());
    influx.stop();
    down.set(true);
    Thread.sleep(3_000);
    SinkCounters duringOutage = sink.counters();
    measuredDown.set(true);
    down.set(false);
    influx.start();
    Thread.sleep(1_000);
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }
    await("the spool is replayed", () -> !sink.counters().outage() && sink.counters().spoolBytes() == Spool.HEADER);
    pipeline.close(); // the last interval, written directly now that InfluxDB is back
    SinkCounters end = sink.counters();

    assertTrue(duringOutage.outage(), "the sink noticed the outage: " + duringOutage);
    assertTrue(duringOutage.spooledPoints() > 0, duringOutage.toString());
    assertTrue(end.replayedPoints() >= duringOutage.spooledPoints(), end.toString());
    assertEquals(0, end.droppedPoints(), end.toString());
    assertEquals(0, end.rejectedPoints(), end.toString());

    Map<String, long[]> expected = new HashMap<>();
    long slowest = 0;
    long whileDown = 0;
    long before = 0;
    long calls = 0;
    for (Recorded r : results) {
      r.perKey.forEach((key, v) -> {
        long[] e = expected.computeIfAbsent(key, x -> new long[4]);
        for (int j = 0; j < 4; j++) {
          e[j] += v[j];
        }
      });
      slowest = Math.max(slowest, r.slowestNanos);
      whileDown += r.callsWhileDown;
      before += r.callsBefore;
      calls += r.calls;
      assertTrue(r.callsWhileDown > 1_000, "a recording thread stalled during the outage: only "
          + r.callsWhileDown + " calls in 3 s");
    }
    System.out.printf("telemetry outage IT: %d record() calls; %.0f/s with influxd up (first 1 s), %.0f/s while "
        + "it was down (3 s); slowest call %.3f ms; %s%n", calls, (double) before, whileDown / 3.0, slowest / 1e6, end);
    assertTrue(slowest < MAX_RECORD_NANOS, "a record() call took " + slowest / 1e6 + " ms");

    Map<String, double[]> stored = sums(influx, db);
    assertEquals(expected.keySet(), stored.keySet());
    for (String key : expected.keySet()) {
      long[] e = expected.get(key);
      double[] s = stored.get(key);
      assertEquals(e[0] + e[1], s[0], 0, key + " requests");
      assertEquals(e[0], s[1], 0, key + " admitted");
      assertEquals(e[1], s[2], 0, key + " rejected");
      assertEquals(e[2], s[3], 0, key + " latency count");
      assertEquals(e[3], s[4], 1e-6 * e[2], key + " latency sum ms");
    }
  }

  @Test
  void theEngineCreatesItsDatabaseOnAFreshServer(InfluxServer influx) throws Exception {
    String db = "engine_fresh_" + System.nanoTime(); // never created: the sink's first write must create it
    try (SpoolingInfluxSink sink = new SpoolingInfluxSink(endpoint(influx, db), dir.resolve("fresh.spool"),
        settings())) {
      sink.accept(points(3, 1_700_000_000_000L));
      await("the points are written", () -> sink.counters().writtenPoints() == 3);
      assertEquals(0, sink.counters().spooledPoints(), "a missing database is not an outage: " + sink.counters());
    }
    assertTrue(influx.execute("SHOW DATABASES").contains(db));
  }

  @Test
  void aSpoolLeftByAnEarlierProcessIsReplayedAtStart(InfluxServer influx) throws Exception {
    String db = influx.createDatabase("telemetry_restart");
    Path file = dir.resolve("restart.spool");
    influx.stop();
    try {
      try (SpoolingInfluxSink first = new SpoolingInfluxSink(endpoint(influx, db), file, settings())) {
        first.accept(points(30, 1_700_000_000_000L));
        first.accept(points(30, 1_700_000_010_000L));
        await("60 points are spooled", () -> first.counters().spooledPoints() == 60);
      }
    } finally {
      influx.start();
    }
    try (SpoolingInfluxSink second = new SpoolingInfluxSink(endpoint(influx, db), file, settings())) {
      await("the earlier spool is replayed", () -> second.counters().replayedPoints() == 60
          && second.counters().spoolBytes() == Spool.HEADER);
    }
    Map<String, double[]> stored = sums(influx, db);
    assertEquals(30, stored.size());
    for (int i = 0; i < 30; i++) {
      double[] s = stored.get("key-" + i);
      assertEquals(2.0 * (i + 1), s[0], 0, "requests of key-" + i + " over both intervals");
      assertEquals(2.0 * i, s[3], 0, "latency count of key-" + i);
    }
  }

  /** Per key: sum of requests, admitted, rejected, latency_count, latency_sum_ms over all time. */
  private static Map<String, double[]> sums(InfluxServer influx, String db) {
    String q = "SELECT sum(" + InfluxSchema.REQUESTS + "), sum(" + InfluxSchema.ADMITTED + "), sum("
        + InfluxSchema.REJECTED + "), sum(" + InfluxSchema.LATENCY_COUNT + "), sum(" + InfluxSchema.LATENCY_SUM_MS
        + ") FROM " + InfluxSchema.CALLS + " GROUP BY \"" + InfluxSchema.KEY + "\"";
    Map<String, double[]> out = new HashMap<>();
    try (InfluxDB client = influx.connect()) {
      QueryResult result = client.query(new Query(q, db));
      assertTrue(result.getError() == null, result.getError());
      QueryResult.Result r = result.getResults().getFirst();
      assertTrue(r.getError() == null, r.getError());
      if (r.getSeries() == null) {
        return out;
      }
      for (QueryResult.Series s : r.getSeries()) {
        List<Object> row = s.getValues().getFirst();
        double[] v = new double[5];
        for (int j = 0; j < 5; j++) {
          v[j] = ((Number) row.get(j + 1)).doubleValue();
        }
        out.put(s.getTags().get(InfluxSchema.KEY), v);
      }
    }
    return out;
  }
}
