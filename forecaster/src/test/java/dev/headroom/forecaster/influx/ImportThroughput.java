/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.forecaster.influx;

import dev.headroom.forecaster.series.RateSeries;
import dev.headroom.testsupport.InfluxServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Measures {@link InfluxImporter} on a real influxd on loopback: a 1M-point series (1 s step, a
 * daily shape, 1% missing), per batch size, gzip off and on, each into a fresh database. A
 * measurement program, not a test (surefire and failsafe do not pick it up); run it with the test
 * classpath:
 *
 * <pre>{@code
 * mvn -o -q -pl forecaster test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp forecaster/target/test-classes:forecaster/target/classes:$(cat forecaster/target/cp.txt) \
 *     dev.headroom.forecaster.influx.ImportThroughput [points] [rounds]
 * }</pre>
 */
public final class ImportThroughput {

  private ImportThroughput() {}

  public static void main(String[] args) {
    int points = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    RateSeries series = series(points);
    int[] batchSizes = {5_000, 20_000, 50_000, 200_000};
    try (InfluxServer influx = InfluxServer.launch()) {
      // Warm-up: JIT of the line builder and the HTTP stack, influxd's first shard.
      run(influx, series, 50_000, false);
      System.out.printf("%d points (%d missing skipped), influxd %s on loopback%n", points,
          series.missingCount(), influx.url());
      System.out.printf("%-10s %-5s %12s %10s%n", "batch", "gzip", "points/s", "ms");
      for (int round = 0; round < rounds; round++) {
        for (int batch : batchSizes) {
          for (boolean gzip : new boolean[] {false, true}) {
            ImportResult r = run(influx, series, batch, gzip);
            System.out.printf(Locale.ROOT, "%-10d %-5s %12.0f %10d%n", batch, gzip ? "on" : "off",
                r.pointsPerSecond(), r.millis());
          }
        }
      }
    }
  }

  private static ImportResult run(InfluxServer influx, RateSeries series, int batch, boolean gzip) {
    String db = influx.createDatabase("throughput");
    try (InfluxImporter importer = new InfluxImporter(InfluxEndpoint.of(influx.url(), db), batch, gzip)) {
      return importer.importSeries("api-key-42", series);
    } finally {
      influx.dropDatabase(db);
    }
  }

  private static RateSeries series(int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      double day = (i % 86_400) / 86_400.0;
      v[i] = i % 100 == 99 ? Double.NaN : Math.rint(200 + 150 * Math.sin(2 * Math.PI * day) + (i * 7919L % 23));
    }
    return RateSeries.of(Instant.parse("2024-01-01T00:00:00Z"), Duration.ofSeconds(1), v);
  }
}
