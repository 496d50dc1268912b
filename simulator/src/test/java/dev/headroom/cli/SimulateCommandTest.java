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

  @Test
  void theFloodScenarioLabelsTrafficJudgesBothStancesAndWritesTheSplitToJson() throws IOException {
    Path out = dir.resolve("flood");
    CliRun run = CliRun.of("simulate", "--trace", ForecastCommandTest.trace(dir).toString(), "--scenario", "flood",
        "--flood", "tenant-2,2024-03-10T03:00:00Z,45m,8", "--flood", "random,2024-03-10T14:00:00Z,30m,5",
        "--policies", "none,static-global,static-per-key,predictive-hold,predictive-shed", "--out", out.toString(),
        "--no-progress");
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().contains("floods   2 ("), run.out());
    assertTrue(run.out().contains(" over 1d from "), "the flood scenario's window is a day: " + run.out());
    assertTrue(run.out().contains("tenant-2 at 2024-03-10T03:00:00Z for 45m"), run.out());
    for (String row : new String[] {"none ", "static-global ", "static-per-key ", "predictive-hold ",
        "predictive-shed "}) {
      assertTrue(run.out().contains("\n" + row), "row " + row + " in\n" + run.out());
    }
    assertTrue(run.out().contains("static   static-global: best of "), run.out());
    assertTrue(run.out().contains("static   static-per-key: best of "), run.out());
    assertTrue(run.out().contains("verdict  predictive-hold: target "), run.out());
    assertTrue(run.out().contains("verdict  predictive-shed: target "), run.out());
    String last = run.out().strip().lines().reduce((a, b) -> b).orElseThrow();
    assertTrue(last.startsWith("gained   predictive vs the best static (per key): hold stance "), last);
    var json = new tools.jackson.databind.ObjectMapper().readTree(out.resolve("results.json").toFile());
    for (var p : json.get("policies")) {
      for (String field : new String[] {"legitimate_rejected", "legitimate_avoidable", "abusive_admitted",
          "overload_seconds", "goodput", "tenant_goodput"}) {
        assertTrue(p.has(field), p.get("policy") + " has " + field);
      }
    }
    var none = json.get("policies").get(0);
    assertEquals("none", none.get("policy").asText());
    assertTrue(none.get("abusive_admitted").asLong() > 0, "no limit admits the floods");
    assertEquals(0, none.get("legitimate_rejected").asLong());
    String csv = Files.readString(out.resolve("results.csv"));
    assertTrue(csv.lines().findFirst().orElseThrow().contains("legitimate_rejected,legitimate_avoidable"), csv);
    assertTrue(Files.readString(out.resolve("sweep.csv")).contains("static-per-key x"), "both sweeps in sweep.csv");
  }

  @Test
  void badFloodValuesAreNamedInOneLine() throws IOException {
    Path good = ForecastCommandTest.trace(dir);
    String[][] cases = {
        {"tenant-1,2024-03-10T03:00:00Z,45m", "--flood: expected KEY|random,START,DURATION,MULTIPLIER"},
        {"tenant-1,yesterday,45m,8", "--flood: start \"yesterday\" is not an ISO-8601 instant"},
        {"tenant-1,2024-03-10T03:00:00Z,soon,8", "--flood: "},
        {"tenant-1,2024-03-10T03:00:00Z,45m,lots", "--flood: multiplier \"lots\" is not a number"},
        {"tenant-1,2024-03-10T03:00:00Z,45m,-2", "--flood: multiplier must be a positive number"},
        {",2024-03-10T03:00:00Z,45m,2", "--flood: the key is empty"},
        {"tenant-9,2024-03-10T03:00:00Z,45m,2", "--flood: flood on unknown key \"tenant-9\""},
        {"tenant-1,2030-01-01T00:00:00Z,45m,2", "--flood: flood at 2030-01-01T00:00:00Z for PT45M falls outside"},
    };
    for (String[] c : cases) {
      CliRun run = CliRun.of("simulate", "--trace", good.toString(), "--scenario", "flood", "--flood", c[0],
          "--no-progress", "--out", dir.resolve("bad").toString());
      assertEquals(1, run.exit(), c[0] + ": " + run.out());
      assertTrue(run.err().contains(c[1]), c[0] + ": " + run.err());
      assertEquals(1, run.err().strip().lines().count(), "one line, no stack trace: " + run.err());
    }
    CliRun elsewhere = CliRun.of("simulate", "--trace", good.toString(), "--scenario", "protect", "--flood",
        "tenant-1,2024-03-10T03:00:00Z,45m,2", "--no-progress");
    assertEquals(1, elsewhere.exit());
    assertTrue(elsewhere.err().contains("--flood: only in the flood scenario"), elsewhere.err());
    CliRun wrongPolicy = CliRun.of("simulate", "--trace", good.toString(), "--scenario", "flood", "--policies",
        "static", "--no-progress");
    assertEquals(1, wrongPolicy.exit());
    assertTrue(wrongPolicy.err().contains("--policies: static does not run in scenario flood"), wrongPolicy.err());
  }
}
