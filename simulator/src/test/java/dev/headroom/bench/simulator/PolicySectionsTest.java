package dev.headroom.bench.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.bench.Better;
import dev.headroom.bench.BenchRow;
import dev.headroom.forecaster.series.RateSeries;
import dev.headroom.simulator.scenario.Scenario;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two policy sections of {@code bench simulator} on tiny synthetic traces (never the shared
 * datasets): the rows they produce, with the metric, unit and target fields the report needs, and
 * null-value rows with a note when the datasets folder is missing.
 */
class PolicySectionsTest {

  @TempDir
  Path dir;

  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  private SimulatorBench.Options options(boolean quick) {
    return new SimulatorBench.Options(quick, null, dir.resolve("results"), null, Duration.ofMinutes(1));
  }

  /** Per-second counts with a daily cycle (peaks at 3/s, troughs near 0), as the NASA file holds them. */
  private static double[] dailyCounts(int seconds, double peak) {
    double[] v = new double[seconds];
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < seconds; i++) {
      double rate = peak * (0.55 + 0.45 * Math.sin(2 * Math.PI * i / 86_400.0));
      v[i] = Math.round(rate * (0.5 + random.nextDouble()));
    }
    return v;
  }

  private void writeNasa(int seconds) throws Exception {
    Path file = dir.resolve("datasets").resolve(TraceCase.NASA_FILE);
    Files.createDirectories(file.getParent());
    StringBuilder line = new StringBuilder();
    for (double c : dailyCounts(seconds, 0.6)) {
      line.append(line.isEmpty() ? "" : " ").append((long) c);
    }
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(line.append('\n').toString().getBytes(StandardCharsets.US_ASCII));
    }
  }

  private static BenchRow row(List<BenchRow> rows, String name) {
    return rows.stream().filter(r -> r.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no row " + name + " in " + rows.stream().map(BenchRow::name).toList()));
  }

  @Test
  void nasaSectionTimesTheWholeTraceAndReportsContextRows() throws Exception {
    writeNasa(86_400);
    NasaFivePolicies section = new NasaFivePolicies(() -> Optional.of(dir.resolve("datasets")), 4 * 3600);
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    BenchSection.Result r = section.run(options(true), new PrintStream(progress, true, StandardCharsets.UTF_8));

    assertFalse(r.failed());
    BenchRow wall = row(r.rows(), "nasa-5-policies wall time");
    assertEquals("s", wall.unit());
    assertEquals(NasaFivePolicies.TARGET_SECONDS, wall.target());
    assertEquals(Better.LOWER, wall.better());
    assertNotNull(wall.value());
    assertTrue(wall.value() > 0);
    assertNotNull(wall.meetsTarget());
    assertEquals("protect", wall.params().get("scenario"));
    assertEquals("whole trace, no history", wall.params().get("window"));
    assertEquals(Runtime.getRuntime().availableProcessors(), wall.params().get("threads"));

    BenchRow requests = row(r.rows(), "nasa-5-policies requests");
    assertEquals("requests", requests.unit());
    assertTrue(requests.value() > 10_000, "one day at ~0.33/s: " + requests.value());
    assertEquals("replays", row(r.rows(), "nasa-5-policies replays").unit());
    assertTrue(row(r.rows(), "nasa-5-policies replays").value() >= 5);
    assertEquals("requests/s", row(r.rows(), "nasa-5-policies replay throughput").unit());
    assertEquals("fits", row(r.rows(), "nasa-5-policies forecast fits").unit());
    for (String policy : List.of("static", "reactive", "predictive", "predictive+reactive", "oracle")) {
      BenchRow p = row(r.rows(), "nasa-5-policies " + policy);
      assertEquals("requests", p.unit());
      assertNotNull(p.value());
      assertTrue(p.toJson().containsKey("overload_s"));
      assertTrue(p.toJson().containsKey("goodput"));
    }
    assertTrue(r.table().contains("target <= 10 s"), r.table());
    assertTrue(progress.toString(StandardCharsets.UTF_8).contains("warm-up"));
  }

  @Test
  void policiesSectionJudgesEveryScenarioOnASyntheticTrace() throws Exception {
    RateSeries perMinute = RateSeries.ofMillis(0, 60_000, minuteCounts(2 * 1440));
    TraceCase synthetic = new TraceCase("synthetic", List.of("(in memory)"), Duration.ofHours(12), 1,
        d -> {
          SequencedMap<String, RateSeries> m = new LinkedHashMap<>();
          m.put("synthetic", perMinute);
          return m;
        });
    PolicyComparison section = new PolicyComparison(() -> Optional.of(dir), List.of(synthetic), Duration.ofHours(6));
    BenchSection.Result r = section.run(options(false), QUIET);

    assertFalse(r.failed(), r.table());
    for (Scenario s : PolicyComparison.SCENARIOS) {
      String prefix = "policies synthetic " + s.id() + " ";
      BenchRow time = row(r.rows(), prefix + "comparison time");
      assertEquals("s", time.unit());
      assertEquals("last 12 h", time.params().get("window"));
      assertEquals("1.5 d", time.params().get("history"));
      for (String policy : List.of("static", "reactive", "predictive", "predictive+reactive", "oracle")) {
        BenchRow p = row(r.rows(), prefix + policy);
        assertEquals("requests", p.unit());
        assertEquals(policy, p.params().get("policy"));
        assertNotNull(p.value());
        Map<String, Object> json = p.toJson();
        assertTrue(json.containsKey("overload_s") && json.containsKey("goodput"), json.toString());
      }
      for (String judged : List.of("predictive", "predictive+reactive")) {
        BenchRow met = row(r.rows(), prefix + judged + " target met");
        assertEquals("bool", met.unit());
        assertEquals(1.0, met.target());
        assertEquals(Better.HIGHER, met.better());
        assertTrue(met.value() == 0.0 || met.value() == 1.0);
        assertEquals(met.value() == 1.0, met.meetsTarget());
        BenchRow cut = row(r.rows(), prefix + judged + " avoidable cut");
        assertEquals("fraction", cut.unit());
        assertEquals(s == Scenario.PROTECT ? 0.0 : 0.5, cut.target());
        assertEquals(Better.HIGHER, cut.better());
        BenchRow overload = row(r.rows(), prefix + judged + " overload delta");
        assertEquals("s", overload.unit());
        assertEquals(0.0, overload.target());
        assertEquals(Better.LOWER, overload.better());
        boolean hasShare = r.rows().stream().anyMatch(x -> x.name().equals(prefix + judged + " oracle share"));
        boolean hasGoodput = r.rows().stream().anyMatch(x -> x.name().equals(prefix + judged + " goodput ratio"));
        assertEquals(s != Scenario.PROTECT, hasShare);
        assertEquals(s == Scenario.PROTECT, hasGoodput);
      }
    }
    assertTrue(r.table().contains("synthetic") && r.table().contains("oracle share %"), r.table());
  }

  @Test
  void missingDatasetsFolderGivesNullRowsWithANote() throws Exception {
    Path absent = dir.resolve("no-such-folder");
    BenchSection.Result nasa = new NasaFivePolicies(Optional::empty, 3600).run(options(true), QUIET);
    BenchSection.Result policies = new PolicyComparison(Optional::empty, TraceCase.shared(), Duration.ofDays(1))
        .run(options(true), QUIET);
    // A folder that exists but lacks the files: each trace says which file is missing.
    Files.createDirectories(absent);
    BenchSection.Result lacking = new PolicyComparison(() -> Optional.of(absent), TraceCase.shared(),
        Duration.ofDays(1)).run(options(true), QUIET);

    assertFalse(nasa.failed());
    assertFalse(policies.failed());
    assertFalse(lacking.failed());
    BenchRow wall = row(nasa.rows(), "nasa-5-policies wall time");
    assertNull(wall.value());
    assertTrue(wall.note().contains("datasets folder not found"), wall.note());
    assertEquals(NasaFivePolicies.TARGET_SECONDS, wall.target());
    assertNull(wall.meetsTarget());

    assertEquals(TraceCase.shared().size() * PolicyComparison.SCENARIOS.size() * PolicyComparison.JUDGED.size(),
        policies.rows().size());
    for (BenchRow row : policies.rows()) {
      assertNull(row.value(), row.name());
      assertTrue(row.note().contains("datasets folder not found"), row.note());
      assertEquals("bool", row.unit());
      assertEquals(1.0, row.target());
      assertTrue(row.toJson().containsKey("value") && row.toJson().get("value") == null);
    }
    BenchRow worldcup = row(lacking.rows(), "policies worldcup98 quota predictive target met");
    assertNull(worldcup.value());
    assertTrue(worldcup.note().contains("worldcup98_5m.csv"), worldcup.note());
  }

  /** Per-minute counts with a daily cycle and a weekday-like second peak. */
  private static double[] minuteCounts(int minutes) {
    double[] v = new double[minutes];
    java.util.Random random = new java.util.Random(11);
    for (int i = 0; i < minutes; i++) {
      double phase = 2 * Math.PI * i / 1440.0;
      double rate = 20 * (1 + 0.8 * Math.sin(phase) + 0.3 * Math.sin(2 * phase));
      v[i] = Math.max(0, Math.round(rate * (0.8 + 0.4 * random.nextDouble())));
    }
    return v;
  }
}
