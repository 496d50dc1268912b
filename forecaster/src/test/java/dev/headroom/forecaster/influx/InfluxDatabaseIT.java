/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.forecaster.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.forecaster.series.RateSeries;
import dev.headroom.testsupport.InfluxExtension;
import dev.headroom.testsupport.InfluxServer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A database that does not exist yet is created on the first write, and credentials work, on a
 * real influxd (with and without authentication); a user without rights gets one line saying what
 * an admin must run, and no message shows a password.
 */
@ExtendWith(InfluxExtension.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class InfluxDatabaseIT {

  private static final AtomicInteger NAMES = new AtomicInteger();
  private static final RateSeries SERIES = RateSeries.of(Instant.parse("2024-01-01T00:00:00Z"),
      Duration.ofMinutes(1), new double[] {1, 2, 3, 4});

  private static String freshName() {
    return "never_created_" + NAMES.incrementAndGet();
  }

  private static double readBack(InfluxEndpoint at) {
    try (InfluxHistory history = new InfluxHistory(at)) {
      RateSeries r = history.requests("k", SERIES.start(), SERIES.start().plus(Duration.ofMinutes(4)),
          Duration.ofMinutes(1));
      double sum = 0;
      for (int i = 0; i < r.size(); i++) {
        sum += r.value(i);
      }
      return sum;
    }
  }

  @Test
  void theFirstWriteCreatesAMissingDatabase(InfluxServer influx) {
    InfluxEndpoint at = InfluxEndpoint.of(influx.url(), freshName());
    try (InfluxImporter importer = new InfluxImporter(at)) {
      assertEquals(4, importer.importSeries("k", SERIES).points());
    }
    assertEquals(10.0, readBack(at));
    try (InfluxImporter again = new InfluxImporter(at)) { // an existing database is kept, data and all
      again.importSeries("k2", SERIES);
    }
    assertEquals(10.0, readBack(at));
  }

  @Test
  void credentialsAuthenticateAndAUserWithoutRightsIsToldWhatToAsk() {
    try (InfluxServer influx = InfluxServer.launchWithAuth()) {
      influx.createAdmin("root", "root-secret-pw");
      InfluxEndpoint admin = InfluxEndpoint.of(influx.url(), freshName()).withCredentials("root", "root-secret-pw");
      assertFalse(admin.toString().contains("root-secret-pw"), admin.toString());
      assertFalse(admin.describe().contains("root-secret-pw"), admin.describe());
      try (InfluxImporter importer = new InfluxImporter(admin)) {
        assertEquals(4, importer.importSeries("k", SERIES).points());
      }
      assertEquals(10.0, readBack(admin));

      try (var client = admin.connect()) {
        client.query(new org.influxdb.dto.Query("CREATE USER \"writer\" WITH PASSWORD 'writer-secret-pw'"));
      }
      InfluxEndpoint writer = InfluxEndpoint.of(influx.url(), freshName())
          .withCredentials("writer", "writer-secret-pw");
      InfluxWriteException refused;
      try (InfluxImporter importer = new InfluxImporter(writer)) {
        refused = assertThrows(InfluxWriteException.class, () -> importer.importSeries("k", SERIES));
      }
      String m = refused.getMessage();
      assertTrue(m.contains("may not create it") && m.contains("CREATE DATABASE \"" + writer.database() + "\"")
          && m.contains("GRANT ALL ON"), m);
      assertFalse(m.contains("\n") || m.contains("writer-secret-pw"), m);

      InfluxEndpoint wrongPassword = admin.withCredentials("root", "not-the-password");
      InfluxWriteException denied;
      try (InfluxImporter importer = new InfluxImporter(wrongPassword)) {
        denied = assertThrows(InfluxWriteException.class, () -> importer.importSeries("k", SERIES));
      }
      assertFalse(denied.getMessage().contains("not-the-password"), denied.getMessage());
    }
  }
}
