package dev.headroom.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.engine.config.ConfigLoader;
import dev.headroom.forecaster.influx.InfluxEndpoint;
import dev.headroom.forecaster.influx.InfluxImporter;
import dev.headroom.forecaster.series.RateSeries;
import dev.headroom.testsupport.InfluxExtension;
import dev.headroom.testsupport.InfluxServer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-key forecast limits and surprise shedding on the running service: two keys with two hours of
 * history in a real influxd ({@code steady} at 20/s, {@code quiet} at 2/s, and their total), live
 * traffic as usual for {@link #WARM_UP} seconds (the keys earn their models), then {@code quiet}
 * floods at 40/s, twenty times what it normally sends.
 */
@ExtendWith(InfluxExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SurpriseSheddingIT {

  private static final String TOKEN = "surprise-test-admin-token-1";
  private static final double STEADY = 20;
  private static final double QUIET = 2;
  private static final double FLOOD = 40;
  private static final int WARM_UP = 6;

  @TempDir
  Path dir;

  private String history(InfluxServer influx, String name) throws Exception {
    String db = influx.createDatabase(name);
    long start = System.currentTimeMillis() / 1000 - 7200;
    double[] steady = new double[7200];
    double[] quiet = new double[7200];
    double[] total = new double[7200];
    Arrays.fill(steady, STEADY);
    Arrays.fill(quiet, QUIET);
    Arrays.fill(total, STEADY + QUIET);
    try (InfluxImporter importer = new InfluxImporter(InfluxEndpoint.of(influx.url(), db))) {
      importer.importSeries("api|steady", RateSeries.ofMillis(start * 1000, 1000, steady));
      importer.importSeries("api|quiet", RateSeries.ofMillis(start * 1000, 1000, quiet));
      importer.importSeries("api", RateSeries.ofMillis(start * 1000, 1000, total));
    }
    return db;
  }

  private String config(InfluxServer influx, String db, String stance, String capacity) {
    return """
        server: {host: 127.0.0.1, port: 0}
        admin: {token: %s}
        influx: {url: %s, database: %s}
        telemetry: {interval: 1s, spoolPath: %s, spoolMaxSize: 1MiB}
        %s
        limits:
          - name: api
            match: {key: [apiKey]}
            algorithm: {type: token-bucket, rate: 50/s, burst: 10}
            %s
            policy:
              type: predictive
              min: 1/s
              max: 100/s
              refresh: 1s
              quantile: p90
              lead: 2s
              headroom: 1.2
              maxChangePerStep: 100
              maxAge: 30s
              history: 1h
              stance: %s
              pressureHold: 5s
        """.formatted(TOKEN, influx.url(), db, dir.resolve(stance + ".lp"),
        capacity == null ? "" : "capacities: [{name: backend, rate: " + capacity + "}]",
        capacity == null ? "" : "capacity: backend", stance);
  }

  /**
   * Sends usual traffic for the warm-up, then steady and flooding traffic for {@code seconds},
   * counting admissions per key over the flood's last half.
   */
  private static long[] drive(Http http, int seconds) throws InterruptedException {
    AtomicLongArray counts = new AtomicLongArray(4); // steady sent, steady admitted, quiet sent, quiet admitted
    long start = System.currentTimeMillis();
    long floodAt = start + WARM_UP * 1000L;
    ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();
    int[] ticks = {0};
    try {
      traffic.scheduleAtFixedRate(() -> {
        long now = System.currentTimeMillis();
        boolean flooding = now >= floodAt;
        boolean counting = now - floodAt > seconds * 500L;
        if (!flooding) { // usual traffic: quiet sends 2/s, one request every fifth tick
          http.post("/v1/check", "{\"key\":\"steady\"}");
          http.post("/v1/check", "{\"key\":\"steady\"}");
          if (ticks[0]++ % 5 == 0) {
            http.post("/v1/check", "{\"key\":\"quiet\"}");
          }
          return;
        }
        for (int i = 0; i < STEADY / 10; i++) {
          boolean ok = http.post("/v1/check", "{\"key\":\"steady\"}").body().contains("\"allowed\":true");
          if (counting) {
            counts.incrementAndGet(0);
            counts.addAndGet(1, ok ? 1 : 0);
          }
        }
        for (int i = 0; i < FLOOD / 10; i++) {
          boolean ok = http.post("/v1/check", "{\"key\":\"quiet\"}").body().contains("\"allowed\":true");
          if (counting) {
            counts.incrementAndGet(2);
            counts.addAndGet(3, ok ? 1 : 0);
          }
        }
      }, 0, 100, TimeUnit.MILLISECONDS);
      Thread.sleep((WARM_UP + seconds) * 1000L);
    } finally {
      traffic.shutdownNow();
      traffic.awaitTermination(5, TimeUnit.SECONDS);
    }
    return new long[] {counts.get(0), counts.get(1), counts.get(2), counts.get(3)};
  }

  @Test
  void holdKeepsAFloodingKeyNearItsForecastWhileAKeyAtItsForecastPasses(InfluxServer influx) throws Exception {
    String db = history(influx, "hold");
    var config = new ConfigLoader().parse(config(influx, db, "hold", null), "hold.yaml");
    try (HeadroomServer server = HeadroomServer.start(config, Optional.empty(), 1, new PrintStream(System.out), null)) {
      Http http = new Http(server.port(), TOKEN);
      ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor();
      watch.scheduleAtFixedRate(() -> System.out.println("SurpriseSheddingIT hold watch: "
          + server.engine().keyStatus("api", "api|quiet")), 1, 1, TimeUnit.SECONDS);
      long[] c = drive(http, 16);
      watch.shutdownNow();
      PolicyLoop.KeyStatus quiet = server.engine().keyStatus("api", "api|quiet");
      PolicyLoop.KeyStatus steady = server.engine().keyStatus("api", "api|steady");
      assertNotNull(quiet);
      assertNotNull(steady);
      System.out.println("SurpriseSheddingIT hold: steady " + c[1] + "/" + c[0] + " admitted, rate "
          + steady.ratePerSecond() + "; quiet " + c[3] + "/" + c[2] + ", rate " + quiet.ratePerSecond()
          + ", surprise " + quiet.surprise());
      assertTrue(quiet.ratePerSecond() < 4 * QUIET, "the flooding key is held near its forecast: " + quiet);
      assertTrue(steady.ratePerSecond() >= STEADY, "the key at its forecast keeps room: " + steady);
      assertTrue(quiet.surprise() > 5, "surprise of the flooding key: " + quiet);
      assertTrue(c[1] >= 0.95 * c[0], "steady admitted " + c[1] + " of " + c[0]);
      assertTrue(c[3] <= 0.25 * c[2], "flood admitted " + c[3] + " of " + c[2]);
      assertFalse(quiet.shed(), "no pressure without a capacity or latency signal: held, not shed");
    }
  }

  @Test
  void underPressureTheSurprisingKeyIsShedFirst(InfluxServer influx) throws Exception {
    String db = history(influx, "shed");
    var config = new ConfigLoader().parse(config(influx, db, "shed-under-pressure", "45/s"), "shed.yaml");
    try (HeadroomServer server = HeadroomServer.start(config, Optional.empty(), 1, new PrintStream(System.out), null)) {
      Http http = new Http(server.port(), TOKEN);
      long[] c = drive(http, 16);
      PolicyLoop.KeyStatus quiet = server.engine().keyStatus("api", "api|quiet");
      PolicyLoop.KeyStatus steady = server.engine().keyStatus("api", "api|steady");
      var summary = server.engine().limits().getFirst().loop();
      System.out.println("SurpriseSheddingIT shed: steady " + c[1] + "/" + c[0] + " admitted, rate "
          + steady.ratePerSecond() + "; quiet " + c[3] + "/" + c[2] + ", rate " + quiet.ratePerSecond() + ", "
          + quiet.shedReason() + "; " + summary);
      assertTrue(summary.pressure(), "60/s of demand against 45/s of capacity: " + summary);
      assertTrue(quiet.shed(), "the surprising key is shed: " + quiet);
      assertNotNull(quiet.shedReason());
      assertFalse(steady.shed(), "the key within its forecast is not: " + steady);
      assertTrue(quiet.ratePerSecond() < 45 - STEADY + 1, "shed to what the capacity leaves: " + quiet);
      assertTrue(c[1] >= 0.95 * c[0], "steady admitted " + c[1] + " of " + c[0]);
      assertTrue(summary.shedBySurprise() > 0, "requests refused by the cut are counted: " + summary);
      String metrics = http.get("/metrics").body();
      assertTrue(metrics.contains("outcome=\"shed_by_surprise\""), "metrics count shed-by-surprise separately");
      String admin = http.admin("GET", "/admin/limits", null).body();
      assertTrue(admin.contains("\"shedReason\":\"shed by surprise"), admin);
      assertEquals(1, metrics.lines().filter(l -> l.startsWith("headroom_surprise_pressure{")).filter(
          l -> l.endsWith(" 1.0")).count(), "pressure gauge");
    }
  }
}
