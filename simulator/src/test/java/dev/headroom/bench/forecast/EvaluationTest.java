package dev.headroom.bench.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationTest {

  private static final double EPS = 1e-9;

  /** Knows the whole series and "forecasts" the truth, as its mean and both bounds. */
  private record Oracle(double[] truth) implements ForecastMethod {
    @Override
    public String name() {
      return "oracle";
    }

    @Override
    public MethodForecast forecast(double[] train, int season, int horizon, long stepMillis) {
      double[] future = Arrays.copyOfRange(truth, train.length, train.length + horizon);
      return new MethodForecast(future, future, future);
    }
  }

  @Test
  void aPerfectMethodScoresMaseZeroAndFullCoverageAtEveryHorizon() {
    double[] y = TestRows.seasonal(24 * 12, 24, 7);
    ProtocolSeries row = TestRows.hourly("synthetic", y, 24 * 9, 24 * 10, 24 * 11);
    CellResult cell = Evaluation.run(row, new Oracle(y));
    assertTrue(cell.ran(), cell.skipped());
    assertEquals(3, cell.folds().size());
    for (HorizonScore s : cell.horizons()) {
      assertEquals(0.0, s.mase(), EPS);
      assertEquals(0.0, s.smape(), EPS);
      assertEquals(100.0, s.p90Coverage(), EPS);
      assertEquals(100.0, s.p99Coverage(), EPS);
    }
    assertTrue(cell.fitMillis() >= 0);
  }

  @Test
  void seasonalNaiveOnARampIsOffByExactlyTheScale() {
    // y_t = t, m = 24: every seasonal difference is 24, in sample and out, so MASE is 1 at every
    // horizon, and the bounds (forecast + 24) land exactly on the actual values: covered.
    ProtocolSeries row = TestRows.hourly("ramp", TestRows.ramp(24 * 10), 24 * 7, 24 * 8);
    CellResult cell = Evaluation.run(row, new SeasonalNaive());
    assertEquals(List.of("1h", "24h"), cell.horizons().stream().map(HorizonScore::label).toList());
    for (HorizonScore s : cell.horizons()) {
      assertEquals(1.0, s.mase(), EPS);
      assertEquals(100.0, s.p90Coverage(), EPS);
    }
    // 1h at origin 168: |168 - 144| terms: 2*24 / (168 + 144)
    assertEquals(100 * 48.0 / 312, cell.folds().getFirst().horizons().getFirst().smape(), EPS);
  }

  @Test
  void eachFitSeesExactlyTheDataBeforeItsOriginAfterUntimedWarmUps() {
    List<Integer> lengths = new ArrayList<>();
    ForecastMethod spy = new ForecastMethod() {
      @Override
      public String name() {
        return "spy";
      }

      @Override
      public MethodForecast forecast(double[] train, int season, int horizon, long stepMillis) {
        lengths.add(train.length);
        assertEquals(24, season);
        assertEquals(24, horizon);
        return new SeasonalNaive().forecast(train, season, horizon, 60_000L);
      }
    };
    Evaluation.run(TestRows.hourly("s", TestRows.seasonal(240, 24, 1), 150, 170, 200), spy);
    assertEquals(List.of(150, 150, 150, 150, 170, 200), lengths);
  }

  @Test
  void aMethodThatThrowsIsSkippedNamingTheOrigin() {
    ForecastMethod failing = new ForecastMethod() {
      @Override
      public String name() {
        return "failing";
      }

      @Override
      public MethodForecast forecast(double[] train, int season, int horizon, long stepMillis) {
        if (train.length >= 170) {
          throw new IllegalStateException("boom");
        }
        return new SeasonalNaive().forecast(train, season, horizon, 60_000L);
      }
    };
    CellResult cell = Evaluation.run(TestRows.hourly("s", TestRows.seasonal(240, 24, 1), 150, 170), failing);
    assertFalse(cell.ran());
    assertEquals("failed at origin 170: boom", cell.skipped());
  }

  @Test
  void aNonFiniteForecastIsRejected() {
    ProtocolSeries row = TestRows.hourly("s", TestRows.seasonal(240, 24, 1), 150);
    double[] mean = new double[24];
    mean[5] = Double.NaN;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Evaluation.score(row.series().values(), row, 150, new MethodForecast(mean, mean, mean), 1));
    assertEquals("forecast is not finite at step 5", e.getMessage());
  }

  @Test
  void splitsThatBreakTheProtocolAreRefusedWithTheRowName() {
    double[] y = TestRows.seasonal(240, 24, 1);
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> Evaluation.checkedValues(TestRows.hourly("late", y, 230))).getMessage()
        .startsWith("late/1h: origin 230 leaves no room"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> Evaluation.checkedValues(TestRows.hourly("order", y, 170, 150))).getMessage()
        .startsWith("order/1h: origins not increasing"));
    y[100] = Double.NaN;
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> Evaluation.checkedValues(TestRows.hourly("gap", y, 150))).getMessage()
        .startsWith("gap/1h: value 100 is missing"));
  }

  @Test
  void runReportsOneProgressLinePerCell() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<ProtocolSeries> rows = List.of(
        TestRows.hourly("a", TestRows.ramp(240), 200), TestRows.hourly("b", TestRows.ramp(240), 200));
    List<CellResult> cells = Evaluation.run(rows, List.of(new SeasonalNaive()),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertEquals(2, cells.size());
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(2, lines.length);
    assertTrue(lines[1].startsWith("[2/2] b/1h seasonal-naive: 1 origins, MASE 1h 1.000 24h 1.000"), lines[1]);
  }

  @Test
  void cellAveragesAreMeansOverOriginsAndFitTimeIsTheMedian() {
    ProtocolSeries row = TestRows.hourly("s", TestRows.ramp(240), 150, 170, 200);
    List<HorizonScore> a = List.of(new HorizonScore("1h", 1, 1, 10, 100, 100), new HorizonScore("24h", 24, 2, 20, 50, 100));
    List<HorizonScore> b = List.of(new HorizonScore("1h", 1, 3, 30, 0, 100), new HorizonScore("24h", 24, 4, 40, 100, 0));
    CellResult cell = new CellResult(row, "m",
        List.of(new FoldResult(150, a, 5), new FoldResult(170, b, 1), new FoldResult(200, b, 100)), null, null);
    HorizonScore h = cell.horizon(1);
    assertArrayEquals(new double[] {10.0 / 3, 100.0 / 3, 250.0 / 3, 100.0 / 3},
        new double[] {h.mase(), h.smape(), h.p90Coverage(), h.p99Coverage()}, EPS);
    assertEquals(5.0, cell.fitMillis(), EPS);
  }
}
