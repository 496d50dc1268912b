package dev.headroom.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.engine.config.ConfigLoader;
import dev.headroom.engine.config.HeadroomConfig;
import dev.headroom.engine.telemetry.SinkCounters;
import dev.headroom.testsupport.InfluxExtension;
import dev.headroom.testsupport.InfluxServer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * influxd dies mid-run: requests keep flowing at full speed, telemetry is spooled, replayed when
 * influxd is back, and the counts in InfluxDB match what the service answered.
 */
@ExtendWith(InfluxExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TelemetryOutageIT {

  @TempDir
  Path dir;

  @Test
  void requestsFlowDuringAnOutageAndEveryCountArrives(InfluxServer influx) throws Exception {
    String db = influx.createDatabase("outage");
    String yaml = """
        server: {host: 127.0.0.1, port: 0}
        admin: {token: outage-test-admin-token-1}
        influx: {url: %s, database: %s}
        telemetry: {interval: 1s, spoolPath: %s, spoolMaxSize: 8MiB}
        limits:
          - name: api
            match: {key: [apiKey]}
            algorithm: {type: token-bucket, rate: 100000/s, burst: 100000}
            policy: {type: static}
        """.formatted(influx.url(), db, dir.resolve("spool.lp"));
    HeadroomConfig config = new ConfigLoader().parse(yaml, "outage.yaml");
    long served = 0;
    double[] perSecond = new double[3]; // before, during, after the outage
    long worstMillis = 0;
    SinkCounters counters;
    try (HeadroomServer server = HeadroomServer.start(config, Optional.empty(), 1, new PrintStream(System.out), null)) {
      Http http = new Http(server.port(), "outage-test-admin-token-1");
      for (int phase = 0; phase < 3; phase++) {
        if (phase == 1) {
          influx.stop();
        } else if (phase == 2) {
          influx.start();
        }
        long start = System.nanoTime();
        long count = 0;
        while (System.nanoTime() - start < 4_000_000_000L) {
          long t = System.nanoTime();
          int status = http.post("/v1/check", "{\"key\":\"k" + (count % 5) + "\"}").statusCode();
          worstMillis = Math.max(worstMillis, (System.nanoTime() - t) / 1_000_000);
          assertEquals(200, status);
          count++;
        }
        perSecond[phase] = count / ((System.nanoTime() - start) / 1e9);
        served += count;
      }
      // Let the sink notice influxd is back and replay the spool.
      long deadline = System.currentTimeMillis() + 60_000;
      do {
        Thread.sleep(500);
        counters = server.engine().telemetryCounters();
      } while ((counters.spoolBytes() > 0 || counters.queueDepth() > 0 || counters.outage())
          && System.currentTimeMillis() < deadline);
    } // closing flushes the interval in progress
    assertTrue(counters.spooledPoints() > 0, "nothing was spooled: did the outage happen? " + counters);
    assertEquals(0, counters.droppedPoints(), counters.toString());
    assertTrue(perSecond[1] > 0.5 * perSecond[0], "throughput fell from " + perSecond[0] + "/s to "
        + perSecond[1] + "/s during the outage");
    assertTrue(worstMillis < 1000, "a request took " + worstMillis + " ms");
    try (InfluxDB client = influx.connect()) {
      QueryResult r = client.query(new Query("SELECT sum(\"requests\") FROM \"calls\" WHERE \"key\" =~ /\\|/", db));
      double stored = ((Number) r.getResults().getFirst().getSeries().getFirst().getValues().getFirst().get(1))
          .doubleValue();
      assertEquals(served, (long) stored, "requests in InfluxDB vs served; " + counters);
    }
  }
}
