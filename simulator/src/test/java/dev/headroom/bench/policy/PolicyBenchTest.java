package dev.headroom.bench.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.bench.BenchRow;
import dev.headroom.bench.Better;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A smoke run of {@code bench policy}: the loop it measures is the service's, and the report says what it measured. */
class PolicyBenchTest {

  @TempDir
  Path dir;

  private static BenchRow row(List<BenchRow> rows, String name) {
    return rows.stream().filter(r -> r.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no row '" + name + "' in " + rows));
  }

  @Test
  void aSmokeRunMeasuresOneRefitPeriodOfTheLoopAndWritesTheReport() throws Exception {
    PolicyBench.Options o = new PolicyBench.Options(400, 12, Duration.ofMinutes(1), Duration.ofDays(1), 0.5, true, dir);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertEquals(0, PolicyBench.run(o, new PrintStream(out, true, StandardCharsets.UTF_8), err));

    String json = Files.readString(dir.resolve("policy.json"));
    assertTrue(json.contains("\"benchmark\": \"policy\""), json);
    assertTrue(json.contains("\"name\": \"policy loop: cores used over one refit period\""), json);
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("targets met"), out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theRowsCountWhatTheServicesLoopDid() {
    PolicyBench.Options o = new PolicyBench.Options(400, 12, Duration.ofMinutes(1), Duration.ofDays(1), 0.5, true, dir);
    PolicyBench.Measured m = PolicyBench.measure(o, new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8));
    List<BenchRow> rows = PolicyBench.rows(m, o);

    BenchRow cores = row(rows, "policy loop: cores used over one refit period");
    assertEquals(1.0, cores.target());
    assertEquals(Better.LOWER, cores.better());
    assertTrue(cores.value() > 0, "the loop thread spent CPU time: " + cores);
    assertEquals(400.0, row(rows, "policy loop: keys with policy state").value(), "every active key holds state");
    assertEquals(12.0, row(rows, "policy loop: keys with a model of their own").value(), "models caps the modelled keys");
    // Each modelled key and the total refit once in the period; a key swapping places with the 13th
    // busiest may lose its model and be fitted afresh when it earns it back.
    double fits = row(rows, "policy loop: fits in the refit period").value();
    assertTrue(fits >= 13 && fits <= 13 + 2 * PolicyBench.TICKS_PER_PERIOD, "fits " + fits);
    assertTrue(row(rows, "policy loop: heap for the loop's state").value() > 0);
    assertEquals(PolicyBench.TICKS_PER_PERIOD, m.tickMillis().length);
  }

  @Test
  void aKeysHistoryIsWhatItSendsAndVolumesAreHeavyTailed() {
    SyntheticTraffic t = new SyntheticTraffic("api", 1_000, 500);
    long start = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();
    var series = t.requests(t.key(7), Instant.ofEpochMilli(start), Instant.ofEpochMilli(start + 10 * 60_000L),
        Duration.ofMinutes(1));
    assertEquals(10, series.size());
    for (int i = 0; i < 10; i++) {
      assertEquals(t.requests(7, start + i * 60_000L, 60_000L), series.value(i), 0.0);
    }
    assertEquals(100, t.meanPerSecond(1) / t.meanPerSecond(100), 1e-9, "Zipf: rank 1 sends 100 times rank 100");
    var total = t.requests("api", Instant.ofEpochMilli(start), Instant.ofEpochMilli(start + 60_000L),
        Duration.ofMinutes(1));
    assertTrue(total.value(0) > 500 * 60 * 0.3, "the total is all keys together: " + total.value(0));
  }
}
