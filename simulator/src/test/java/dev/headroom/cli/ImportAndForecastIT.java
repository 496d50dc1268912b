package dev.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.testsupport.InfluxExtension;
import dev.headroom.testsupport.InfluxServer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The whole loop a newcomer tries: import a trace into a real influxd, forecast from it, write back. */
@ExtendWith(InfluxExtension.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ImportAndForecastIT {

  @TempDir
  Path dir;

  @Test
  void importThenForecastFromInfluxAndWriteBack(InfluxServer influx) throws Exception {
    String db = influx.createDatabase("cli");
    Path trace = ForecastCommandTest.trace(dir);
    CliRun imported = CliRun.of("import", "--trace", trace.toString(), "--influx", influx.url(), "--db", db,
        "--key", "checkout api");
    assertEquals(0, imported.exit(), imported.err());
    assertTrue(imported.out().contains("imported 2,880 point(s)"), imported.out());

    CliRun forecast = CliRun.of("forecast", "--key", "checkout api", "--influx", influx.url(), "--db", db,
        "--step", "5m", "--horizon", "2h", "--write-back", "--out", dir.resolve("out").toString());
    assertEquals(0, forecast.exit(), forecast.err());
    assertTrue(forecast.out().contains("2880 steps of 5m"), forecast.out());
    assertTrue(forecast.out().contains("wrote 24 forecast point(s)"), forecast.out());
    try (InfluxDB client = influx.connect()) {
      QueryResult r = client.query(new Query("SELECT count(\"p90\") FROM \"forecast\" WHERE \"key\" = 'checkout api'", db));
      assertFalse(r.hasError(), r::getError);
      assertEquals(24.0, ((Number) r.getResults().getFirst().getSeries().getFirst().getValues().getFirst().get(1)).doubleValue());
    }
  }

  @Test
  void importCreatesTheDatabaseOnAFreshServer(InfluxServer influx) throws Exception {
    String db = "cli_fresh_" + System.nanoTime(); // never created
    CliRun imported = CliRun.of("import", "--trace", ForecastCommandTest.trace(dir).toString(), "--influx",
        influx.url(), "--db", db, "--key", "k");
    assertEquals(0, imported.exit(), imported.err());
    assertTrue(imported.out().contains("imported 2,880 point(s)"), imported.out());
    assertTrue(influx.execute("SHOW DATABASES").contains(db));
  }

  @Test
  void anUnknownKeyIsReportedNotForecastAsZero(InfluxServer influx) {
    String db = influx.createDatabase("cli");
    CliRun run = CliRun.of("forecast", "--key", "nobody", "--influx", influx.url(), "--db", db);
    assertEquals(1, run.exit());
    assertTrue(run.err().contains("'nobody' has no points"), run.err());
  }
}
