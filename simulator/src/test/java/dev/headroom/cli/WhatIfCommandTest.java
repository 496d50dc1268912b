package dev.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WhatIfCommandTest {

  @TempDir
  Path dir;

  /** The bundled trace, found from the module or the repository root. */
  static Path bundled() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path trace = p.resolve(SimulationInput.BUNDLED);
      if (Files.isRegularFile(trace)) {
        return trace;
      }
    }
    throw new IllegalStateException("no " + SimulationInput.BUNDLED + " above " + Path.of("").toAbsolutePath());
  }

  @Test
  void sweepsTheBundledTraceAndWritesTableHeatMapCsvAndJson() throws IOException {
    Path out = dir.resolve("out");
    CliRun run = CliRun.of("whatif", "--trace", bundled().toString(), "--window", "1h", "--scales", "1,2",
        "--capacities", "0.8,1.2", "--policies", "static,predictive", "--no-progress", "--out", out.toString());
    assertEquals(0, run.exit(), run.err());
    String o = run.out();
    assertTrue(o.contains("grid     2 scales x 2 capacity factors, scenario 1 protect, static vs predictive"), o);
    assertTrue(o.contains("static: goodput share of fresh demand (%)"), o);
    assertTrue(o.contains("predictive: goodput share of fresh demand (%)"), o);
    assertTrue(o.contains("predictive - static: goodput share of fresh demand (pp)"), o);
    assertTrue(o.lines().anyMatch(l -> l.matches("scale \\\\ capacity\\s+x0.8\\s+x1.2")), o);
    assertTrue(o.lines().anyMatch(l -> l.matches("x2\\s+\\d+\\.\\d\\s+\\d+\\.\\d")), o);
    assertTrue(o.contains("report   " + out.resolve("whatif.html").toAbsolutePath().normalize()), o);
    List<String> csv = Files.readAllLines(out.resolve("whatif.csv"));
    assertEquals(1 + 4 * 2, csv.size());
    assertTrue(csv.get(1).startsWith("protect,1,0.8,"), csv.get(1));
    String html = Files.readString(out.resolve("whatif.html"));
    assertTrue(html.contains("synthetic-api-4w-1m.csv.gz") && html.contains("predictive \u2212 static"), "title");
    assertEquals(3, html.split("<svg ").length - 1);
    assertTrue(Files.readString(out.resolve("whatif.json")).contains("\"scales\": [1.0, 2.0]"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--metric|speed|--metric: unknown metric",
      "--scales|0.5,0|--scales: values must be positive",
      "--scales|''|--scales: give at least one number",
      "--capacities|1,x|--capacities: \"x\" is not a number",
      "--capacities|-1|--capacities: values must be positive",
      "--policy|fastest|--policy: unknown policy",
      "--policy|static,predictive|--policy: name one policy",
      "--policies|static,magic|--policies: unknown policy",
      "--scenario|moon|--scenario: unknown scenario",
      "--threads|0|--threads: must be at least 1",
      "--scale|2|--scale: whatif sweeps --scales instead"})
  void badInputIsOneLineNamingTheOption(String option, String value, String message) {
    CliRun run = CliRun.of("whatif", "--trace", bundled().toString(), "--window", "1h", option, value,
        "--out", dir.resolve("o").toString());
    assertEquals(1, run.exit(), run.out() + run.err());
    assertTrue(run.err().startsWith("headroom whatif: " + message), run.err());
    assertEquals(1, run.err().strip().lines().count(), run.err());
    assertFalse(Files.exists(dir.resolve("o")), "nothing written");
  }

  @Test
  void policyAndPoliciesTogetherAreRefused() {
    CliRun run = CliRun.of("whatif", "--trace", bundled().toString(), "--policy", "static", "--policies",
        "static,predictive");
    assertEquals(1, run.exit());
    assertTrue(run.err().contains("--policy: give --policy or --policies, not both"), run.err());
  }

  @Test
  void helpShowsTheWhatIfDefaults() {
    CliRun run = CliRun.of("whatif", "--help");
    assertEquals(0, run.exit());
    assertTrue(run.out().contains("(default: 1d;"), run.out());
    assertTrue(run.out().contains("0.5,0.75,1,1.25,1.5,2"), run.out());
    assertTrue(run.out().contains("0.6,0.8,1.0,1.2,1.5"), run.out());
  }
}
