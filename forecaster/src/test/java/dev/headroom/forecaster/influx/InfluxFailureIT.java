/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.forecaster.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.forecaster.history.HistorySource.HistoryException;
import dev.headroom.forecaster.series.RateSeries;
import dev.headroom.testsupport.InfluxExtension;
import dev.headroom.testsupport.InfluxServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** A server that is gone, one that never answers, a database that does not exist: errors, not hangs. */
@ExtendWith(InfluxExtension.class)
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class InfluxFailureIT {

  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private static final Duration SHORT = Duration.ofMillis(500);
  /** Far above the timeouts under test, far below a hang. */
  private static final Duration BOUND = Duration.ofSeconds(15);

  @Test
  void aDeadUrlFailsFastNamingUrlDatabaseKeyAndRange() throws IOException {
    String url;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      url = "http://127.0.0.1:" + free.getLocalPort(); // closed again: nobody listens there
    }
    InfluxEndpoint at = new InfluxEndpoint(url, "calls_db", SHORT, SHORT);
    try (InfluxHistory history = new InfluxHistory(at)) {
      HistoryException e = assertTimeoutPreemptively(BOUND, () -> assertThrows(HistoryException.class,
          () -> history.requests("api", T0, T0.plusSeconds(60), Duration.ofSeconds(10))));
      assertTrue(e.getMessage().startsWith("reading requests of key \"api\" for 2024-01-01T00:00:00Z to "
          + "2024-01-01T00:01:00Z (6 steps of PT10S) from InfluxDB at " + url + ", database \"calls_db\" failed: "
          + "cannot connect ("), e.getMessage());
    }
  }

  @Test
  void aServerThatNeverAnswersTimesOut() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<Socket> accepted = new ArrayList<>();
      Thread acceptor = Thread.ofVirtual().start(() -> {
        try {
          while (true) {
            accepted.add(silent.accept()); // accept, read nothing, answer nothing
          }
        } catch (IOException closed) {
          // the test is over
        }
      });
      String url = "http://127.0.0.1:" + silent.getLocalPort();
      InfluxEndpoint at = new InfluxEndpoint(url, "db", SHORT, SHORT);
      try (InfluxHistory history = new InfluxHistory(at, 2)) {
        HistoryException e = assertTimeoutPreemptively(BOUND, () -> assertThrows(HistoryException.class,
            () -> history.requests("api", T0, T0.plusSeconds(60), Duration.ofSeconds(10))));
        assertTrue(e.getMessage().startsWith("reading requests of key \"api\" for 2024-01-01T00:00:00Z to "
            + "2024-01-01T00:01:00Z (6 steps of PT10S), query for 2024-01-01T00:00:00Z to 2024-01-01T00:00:20Z "
            + "(2 steps of PT10S) from InfluxDB at " + url + ", database \"db\" failed: timed out"), e.getMessage());
      }
      try (InfluxImporter importer = new InfluxImporter(at)) {
        InfluxWriteException e = assertTimeoutPreemptively(BOUND, () -> assertThrows(InfluxWriteException.class,
            () -> importer.importSeries("api", RateSeries.of(T0, Duration.ofSeconds(10), new double[] {1, 2}))));
        assertTrue(e.getMessage().startsWith("writing 2 points (requests of key \"api\" from 2024-01-01T00:00:00Z "
            + "to 2024-01-01T00:00:10Z) to InfluxDB at " + url + ", database \"db\" failed: timed out"),
            e.getMessage());
      }
      silent.close();
      acceptor.join();
      for (Socket s : accepted) {
        s.close();
      }
    }
  }

  @Test
  void aMissingDatabaseIsNamedOnReadAndCreatedOnWrite(InfluxServer influx) {
    String db = "no_such_db_" + System.nanoTime();
    InfluxEndpoint at = InfluxEndpoint.of(influx.url(), db);
    try (InfluxHistory history = new InfluxHistory(at);
         ForecastWriter writer = new ForecastWriter(at)) {
      HistoryException e = assertThrows(HistoryException.class,
          () -> history.requests("api", T0, T0.plusSeconds(60), Duration.ofSeconds(10)));
      assertTrue(e.getMessage().endsWith("database \"" + db + "\" failed: database not found: " + db),
          e.getMessage());
      // Writing is how a database comes to exist: the first write creates it.
      writer.write("api", new dev.headroom.forecaster.Forecast(T0.toEpochMilli(), 60_000, "naive", new double[] {1},
          new double[] {1}, new double[] {2}, new double[] {3},
          dev.headroom.forecaster.Forecast.Backtest.none(), List.of()));
      assertTrue(influx.execute("SHOW DATABASES").contains(db));
    }
  }
}
