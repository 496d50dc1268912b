package dev.headroom.engine.service;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.engine.config.ConfigLoader;
import dev.headroom.engine.config.HeadroomConfig;
import dev.headroom.forecaster.influx.InfluxEndpoint;
import dev.headroom.forecaster.influx.InfluxImporter;
import dev.headroom.forecaster.series.RateSeries;
import dev.headroom.testsupport.InfluxExtension;
import dev.headroom.testsupport.InfluxServer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product's promise, end to end: with a compressed "day" of 60 seconds (quiet for 30 s, then
 * a ramp to eight times the traffic), four past days in a real influxd and live traffic through
 * the running service, the predictive policy raises the key's refill rate before the ramp arrives.
 */
@ExtendWith(InfluxExtension.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class PredictiveRampIT {

  static final int DAY = 60;          // seconds in a compressed day
  static final int RAMP_AT = 30;      // the busy half starts here
  static final double QUIET = 5;      // requests per second
  static final double BUSY = 40;

  static double demand(long second) {
    return Math.floorMod(second, DAY) < RAMP_AT ? QUIET : BUSY;
  }

  @TempDir
  Path dir;

  @Test
  void theRateRisesBeforeTheRamp(InfluxServer influx) throws Exception {
    String db = influx.createDatabase("ramp");
    long nowSecond = System.currentTimeMillis() / 1000;
    int days = 5;
    double[] past = new double[days * DAY];
    long start = nowSecond - past.length;
    for (int i = 0; i < past.length; i++) {
      past[i] = demand(start + i);
    }
    try (InfluxImporter importer = new InfluxImporter(InfluxEndpoint.of(influx.url(), db))) {
      importer.importSeries("api|ramp", RateSeries.ofMillis(start * 1000, 1000, past));
    }
    String yaml = """
        server: {host: 127.0.0.1, port: 0}
        admin: {token: ramp-test-admin-token-123}
        influx: {url: %s, database: %s}
        telemetry: {interval: 1s, spoolPath: %s, spoolMaxSize: 1MiB}
        limits:
          - name: api
            match: {key: [apiKey]}
            algorithm: {type: token-bucket, rate: 5/s, burst: 10}
            policy:
              type: predictive
              min: 1/s
              max: 100/s
              refresh: 1s
              quantile: p90
              lead: 6s
              headroom: 1.2
              maxChangePerStep: 10
              maxAge: 30s
              history: 1h
        """.formatted(influx.url(), db, dir.resolve("spool.lp"));
    HeadroomConfig config = new ConfigLoader().parse(yaml, "ramp.yaml");
    List<double[]> samples = new ArrayList<>(); // {phase second, rate in force}
    ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();
    try (HeadroomServer server = HeadroomServer.start(config, Optional.empty(), 1, new PrintStream(System.out), null)) {
      Http http = new Http(server.port(), "ramp-test-admin-token-123");
      traffic.scheduleAtFixedRate(() -> {
        long s = System.currentTimeMillis() / 1000;
        int n = (int) Math.round(demand(s) / 10); // 10 ticks a second
        for (int i = 0; i < n; i++) {
          http.post("/v1/check", "{\"key\":\"ramp\"}");
        }
      }, 0, 100, TimeUnit.MILLISECONDS);
      // Watch one full ramp: from the next day's start to a few seconds after its ramp.
      long dayStart = (System.currentTimeMillis() / 1000 / DAY + 1) * DAY;
      while (System.currentTimeMillis() / 1000 < dayStart + RAMP_AT + 4) {
        long s = System.currentTimeMillis() / 1000;
        double rate = server.engine().limits().getFirst().keyRates().stream()
            .filter(k -> k.key().equals("api|ramp")).mapToDouble(PolicyLoop.KeyStatus::ratePerSecond)
            .findFirst().orElse(Double.NaN);
        if (s >= dayStart) {
          samples.add(new double[] {s - dayStart, rate});
        }
        Thread.sleep(250);
      }
    } finally {
      traffic.shutdownNow();
    }
    double quiet = samples.stream().filter(x -> x[0] >= 8 && x[0] <= 18).mapToDouble(x -> x[1]).max().orElseThrow();
    double firstHigh = samples.stream().filter(x -> x[1] >= 2.5 * quiet).mapToDouble(x -> x[0]).min().orElse(Double.NaN);
    String trace = samples.stream().map(x -> (int) x[0] + ":" + Math.round(x[1])).toList().toString();
    System.out.println("PredictiveRampIT trace (second of day:rate) " + trace);
    assertTrue(quiet < BUSY, "rate during the quiet half " + quiet + ": " + trace);
    // With a 6 s lead the rate must be up at least 4 s before the ramp (it rises at about 24). Without
    // the lead it rises only as the next second's forecast covers the ramp (at 29): checked by hand.
    assertTrue(firstHigh <= RAMP_AT - 4, "the rate first rose at second " + firstHigh + " of the day, ramp at "
        + RAMP_AT + ", lead 6 s (quiet-half rate " + quiet + "): " + trace);
  }
}
