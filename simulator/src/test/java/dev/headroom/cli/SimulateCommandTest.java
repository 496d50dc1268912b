package dev.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {

  @TempDir
  Path dir;

  @Test
  void comparesPoliciesOnATraceAndWritesTheReports() throws IOException {
    Path out = dir.resolve("out");
    CliRun run = CliRun.of("simulate", "--trace", ForecastCommandTest.trace(dir).toString(), "--window", "1d",
        "--scenario", "protect", "--policies", "none,static,reactive,predictive,oracle", "--out", out.toString(),
        "--no-progress");
    assertEquals(0, run.exit(), run.err());
    for (String row : new String[] {"none ", "static ", "reactive ", "predictive ", "oracle "}) {
      assertTrue(run.out().contains("\n" + row), "row " + row + " in\n" + run.out());
    }
    assertTrue(run.out().contains("9 days of history") || run.out().contains("9d of history"), run.out());
    assertTrue(run.out().contains("best of 8 static limits"), run.out());
    for (String f : new String[] {"report.html", "results.json", "results.csv", "timeseries.csv", "sweep.csv"}) {
      assertTrue(Files.size(out.resolve(f)) > 100, f);
    }
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("<svg") && !html.contains("<script src"), "self-contained with inline charts");
  }

  @Test
  void aPolicyWithoutHistorySaysItFellBackAndWhy() throws IOException {
    Path out = dir.resolve("all");
    CliRun run = CliRun.of("simulate", "--trace", ForecastCommandTest.trace(dir).toString(), "--window", "all",
        "--scenario", "protect", "--policies", "static,predictive", "--out", out.toString(), "--no-progress");
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().contains("fallback predictive: static rate in "), run.out());
    assertTrue(run.out().contains("the first: predictive fell back to the static rate: "), run.out());
    String json = Files.readString(out.resolve("results.json"));
    assertTrue(json.contains("\"fallback_reason\": \"predictive fell back"), json.substring(0, 600));
  }

  @Test
  void severalTracesAreMixedAsTenants() throws IOException {
    Path a = ForecastCommandTest.trace(dir);
    Path b = Files.copy(a, dir.resolve("other.csv"));
    CliRun run = CliRun.of("simulate", "--trace", a.toString(), "--trace", b.toString(), "--scenario", "tenants",
        "--window", "1d", "--policies", "static,predictive", "--out", dir.resolve("mix").toString(), "--no-progress");
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().contains("mix      2 traces as tenants: calls.csv as recorded, other.csv as recorded"),
        run.out());
    assertTrue(run.out().contains("2 key(s)"), run.out());
  }

  @Test
  void everyScenarioRuns() throws IOException {
    Path trace = ForecastCommandTest.trace(dir);
    for (String scenario : new String[] {"tenants", "elastic", "quota"}) {
      CliRun run = CliRun.of("simulate", "--trace", trace.toString(), "--window", "6h", "--scenario", scenario,
          "--policies", "static,predictive", "--out", dir.resolve(scenario).toString(), "--no-progress");
      assertEquals(0, run.exit(), scenario + ": " + run.err());
      assertTrue(run.out().contains("scenario "), run.out());
    }
  }

  @Test
  void badInputIsNamed() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.csv"), "timestamp,value\n2024-03-01T00:00:00Z,5\nnot a time,7\n");
    CliRun run = CliRun.of("simulate", "--trace", bad.toString(), "--no-progress");
    assertEquals(1, run.exit());
    assertTrue(run.err().contains("bad.csv:3"), run.err());

    CliRun scenario = CliRun.of("simulate", "--scenario", "chaos", "--trace", bad.toString());
    assertEquals(1, scenario.exit());
    assertTrue(scenario.err().contains("unknown scenario \"chaos\""), scenario.err());

    Path good = ForecastCommandTest.trace(dir);
    CliRun window = CliRun.of("simulate", "--window", "2x", "--trace", good.toString());
    assertEquals(1, window.exit());
    assertTrue(window.err().contains("--window: "), window.err());

    CliRun scale = CliRun.of("simulate", "--scale", "0", "--trace", good.toString());
    assertEquals(1, scale.exit());
    assertTrue(scale.err().contains("--scale: must be a positive number"), scale.err());

    CliRun thin = CliRun.of("simulate", "--thin", "-1", "--trace", good.toString());
    assertEquals(1, thin.exit());
    assertTrue(thin.err().contains("--thin: must be a positive number"), thin.err());

    CliRun crowd = CliRun.of("simulate", "--flash-crowd", "2024-03-09T12:00:00Z,soon,4", "--trace", good.toString());
    assertEquals(1, crowd.exit());
    assertTrue(crowd.err().contains("--flash-crowd: "), crowd.err());

    CliRun policy = CliRun.of("simulate", "--policies", "static,magic", "--trace", bad.toString());
    assertEquals(1, policy.exit());
    assertTrue(policy.err().contains("unknown policy \"magic\""), policy.err());
  }
}
