package dev.headroom.bench.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python bridge on a tiny series, with the real statsmodels. Skipped, saying why, when no
 * interpreter here can import statsmodels (Debian package python3-statsmodels).
 */
class StatsmodelsBaselineTest {

  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  /** Hourly, m = 24, 12 days; origins on days 10 and 11, horizons 1 and 24 steps. */
  private static ProtocolSeries tiny() {
    return TestRows.hourly("tiny", TestRows.seasonal(24 * 12, 24, 3), 24 * 10, 24 * 11);
  }

  private static void assumeStatsmodels(Path dir) throws Exception {
    Path script = StatsmodelsBaseline.extractScript(dir);
    try {
      StatsmodelsBaseline.find(null, script);
    } catch (IllegalStateException e) {
      Assumptions.abort("statsmodels bridge not tested: " + e.getMessage());
    }
  }

  @Test
  void bothBaselinesForecastEveryOriginAndAreScoredLikeTheJavaMethods(@TempDir Path dir) throws Exception {
    assumeStatsmodels(dir);
    ProtocolSeries row = tiny();
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    List<CellResult> cells = StatsmodelsBaseline.run(List.of(row), new StatsmodelsBaseline.Settings(null, TIMEOUT),
        new PrintStream(progress, true, StandardCharsets.UTF_8));
    assertEquals(StatsmodelsBaseline.METHODS, cells.stream().map(CellResult::method).toList());
    double naive = Evaluation.run(row, new SeasonalNaive()).horizon(1).mase();
    for (CellResult c : cells) {
      assertTrue(c.ran(), c.method() + ": " + c.skipped() + "\n" + progress);
      assertEquals(List.of(240, 264), c.folds().stream().map(FoldResult::origin).toList());
      HorizonScore day = c.horizon(1);
      // A clean daily sine with noise: both models should be about as good as seasonal naive or
      // better, and nowhere near a broken forecast (MASE in the tens).
      assertTrue(day.mase() > 0 && day.mase() < 2 * naive, c.method() + " MASE " + day.mase() + " vs naive " + naive);
      assertTrue(day.p99Coverage() >= day.p90Coverage(), c.method() + ": P99 bound below P90");
      assertTrue(c.fitMillis() > 0, c.method() + " fit time");
      assertTrue(c.note().contains("P90/P99 bounds took"), c.note());
    }
    String lines = progress.toString(StandardCharsets.UTF_8);
    assertTrue(lines.startsWith("statsmodels: statsmodels 0."), lines);
    assertTrue(lines.contains("[4/4] 0 origin 264 statsmodels-stl-arima"), lines);
  }

  @Test
  void aMissingInterpreterSkipsEveryCellWithTheReason() {
    ProtocolSeries row = tiny();
    List<CellResult> cells = StatsmodelsBaseline.run(List.of(row),
        new StatsmodelsBaseline.Settings("/nonexistent/python3", TIMEOUT), new PrintStream(PrintStream.nullOutputStream()));
    assertEquals(2, cells.size());
    for (CellResult c : cells) {
      assertFalse(c.ran());
      assertTrue(c.skipped().startsWith("no Python interpreter with statsmodels: /nonexistent/python3: cannot run"),
          c.skipped());
      assertTrue(c.skipped().endsWith("Install the Debian package python3-statsmodels, or name an interpreter with --python"));
    }
  }

  @Test
  void anInterpreterWithoutStatsmodelsIsNamedWithTheImportError(@TempDir Path dir) throws Exception {
    // A stand-in interpreter that behaves like a python3 lacking the package: the script's exit 3.
    Path fake = dir.resolve("python-without-statsmodels");
    Files.writeString(fake, "#!/bin/sh\necho \"statsmodels is not importable by fake: No module named 'statsmodels'\" >&2\nexit 3\n");
    assertTrue(fake.toFile().setExecutable(true));
    List<CellResult> cells = StatsmodelsBaseline.run(List.of(tiny()),
        new StatsmodelsBaseline.Settings(fake.toString(), TIMEOUT), new PrintStream(PrintStream.nullOutputStream()));
    assertTrue(cells.getFirst().skipped().contains(fake + ": statsmodels is not importable by fake"),
        cells.getFirst().skipped());
  }

  @Test
  void outputLinesAreReadBackPerOriginAndAFailedFitSkipsItsCell(@TempDir Path dir) throws Exception {
    ProtocolSeries row = TestRows.hourly("r", TestRows.ramp(240), 200, 210);
    StringBuilder ok = new StringBuilder();
    for (int k = 0; k < 24; k++) {
      ok.append(k == 0 ? "" : ",").append(200 + k);
    }
    String numbers = ok.toString();
    Path out = dir.resolve("results.tsv");
    Files.writeString(out, String.join("\n",
        "0\t210\tstatsmodels-hw\tok\t0.5\t0.01\tConvergenceWarning\t" + numbers + "\t" + numbers + "\t" + numbers,
        "0\t200\tstatsmodels-hw\tok\t0.25\t0.01\t-\t" + numbers + "\t" + numbers + "\t" + numbers,
        "0\t200\tstatsmodels-stl-arima\terror\tLinAlgError: singular matrix") + "\n");
    List<CellResult> cells = StatsmodelsBaseline.read(List.of(row), out, null);
    CellResult hw = cells.get(0);
    assertTrue(hw.ran(), hw.skipped());
    assertEquals(List.of(200, 210), hw.folds().stream().map(FoldResult::origin).toList());
    assertEquals(0.0, hw.folds().getFirst().horizons().get(1).mase(), 1e-12); // 200..223 is the truth
    assertEquals(375.0, hw.fitMillis(), 1e-9);
    assertTrue(hw.note().contains("warnings: ConvergenceWarning in 1 of 2 fits"), hw.note());
    assertEquals("fit failed at origin 200: LinAlgError: singular matrix", cells.get(1).skipped());

    Files.writeString(out, "0\t200\tstatsmodels-hw\tok\t0.25\t0.01\t-\t" + numbers + "\t" + numbers + "\t" + numbers + "\n");
    List<CellResult> cut = StatsmodelsBaseline.read(List.of(row), out, "timed out after 1 min (--python-timeout)");
    assertEquals("no forecast for origins [210]: timed out after 1 min (--python-timeout)", cut.get(0).skipped());
  }
}
