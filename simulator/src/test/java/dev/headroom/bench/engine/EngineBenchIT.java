package dev.headroom.bench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke run of {@code bench engine --quick --duration 1} with the real wrk and forked server JVMs:
 * every script runs through wrk, every server starts and answers, the engine's tally and the
 * memory probe work, and every row gets a figure. Figures are not judged (this is not a timed
 * test). Skipped, saying so, where wrk is not installed.
 */
class EngineBenchIT {

  @Test
  void theQuickBenchMeasuresEveryRow(@TempDir Path results) throws Exception {
    Assumptions.assumeTrue(Wrk.locate().isPresent(),
        "wrk not installed (Debian package wrk, or -Dheadroom.wrk=PATH): the engine benchmark cannot run");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = EngineBench.run(new EngineBench.Options(true, 1, 2, results),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8) + "\n--- standard error ---\n" + err.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, printed);

    Path file = results.resolve("engine.json");
    assertTrue(Files.isRegularFile(file), printed);
    JsonObject report = new JsonObject(Files.readString(file));
    assertEquals("engine", report.getString("benchmark"));
    JsonArray rows = report.getJsonArray("rows");
    assertEquals(9, rows.size(), printed);
    for (int i = 0; i < rows.size(); i++) {
      JsonObject row = rows.getJsonObject(i);
      assertNotNull(row.getValue("value"), "no figure for " + row.getString("name") + ": " + row.getString("note")
          + "\n" + printed);
    }
    for (String name : List.of("decision API vs bare Vert.x, one key", "decision API vs bare Vert.x, distinct keys",
        "gateway vs upstream direct, throughput", "gateway vs a minimal Vert.x proxy, throughput")) {
      JsonObject row = find(rows, name);
      assertTrue(row.getDouble("value") > 0, name);
      assertTrue(row.getDouble("baseline_value") > 0, name);
    }
    for (String name : List.of("decision API vs bare Vert.x, one key", "gateway added p99 at half its peak",
        "heap for 1M resident keys")) {
      assertNotNull(find(rows, name).getValue("target"), name + " has no target");
    }
    assertNotNull(find(rows, "minimal proxy added p99 at the same rate (the hop)").getValue("value"), printed);
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertTrue(stderr.contains("decision tally:") && stderr.contains(" 0 rejected, 0 shed"), stderr);
    assertTrue(stderr.contains("half peak: calibration 1"), stderr);
  }

  private static JsonObject find(JsonArray rows, String name) {
    for (int i = 0; i < rows.size(); i++) {
      if (name.equals(rows.getJsonObject(i).getString("name"))) {
        return rows.getJsonObject(i);
      }
    }
    throw new AssertionError("no row named " + name + " in " + rows.encodePrettily());
  }
}
