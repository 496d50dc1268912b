package dev.headroom.bench.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.bench.BenchRow;
import dev.headroom.bench.Better;
import dev.headroom.bench.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastRowsTest {

  private static final String AUTO = ForecastMethods.AUTOMATIC;
  private static final String HW = StatsmodelsBaseline.HOLT_WINTERS;
  private static final String STL = StatsmodelsBaseline.STL_ARIMA;
  private static final String NAIVE = SeasonalNaive.NAME;

  private static BenchRow row(List<BenchRow> rows, String name) {
    return rows.stream().filter(r -> r.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no row " + name + " in " + rows.stream().map(BenchRow::name).toList()));
  }

  @Test
  void targetsWithoutTheAutomaticChoiceHaveNoValueAndSayWhy() {
    ProtocolSeries a = ForecastSummaryTest.hourly("nasa");
    List<BenchRow> rows = ForecastRows.rows(new ForecastSummary(List.of(
        ForecastSummaryTest.cell(a, NAIVE, 0.01, 0.8, 1.2))));
    BenchRow target = row(rows, AUTO + " mean MASE 1h vs seasonal naive");
    assertNull(target.value());
    assertTrue(target.note().startsWith("no method named headroom-auto"), target.note());
    assertNull(target.meetsTarget());
    assertEquals(0.85, target.target());
    Json.write(rows.stream().map(BenchRow::toJson).toList()); // every row has a JSON form
  }

  @Test
  void targetsAreJudgedOnTheDayScaleAveragesOfTheAutomaticChoice() {
    ProtocolSeries nasa = ForecastSummaryTest.hourly("nasa");
    ProtocolSeries aws = ForecastSummaryTest.hourly("aws");
    List<CellResult> cells = List.of(
        ForecastSummaryTest.cell(nasa, NAIVE, 0.01, 0.8, 1.2), ForecastSummaryTest.cell(aws, NAIVE, 0.01, 1.0, 1.4),
        ForecastSummaryTest.cell(nasa, AUTO, 2, 0.6, 1.0), ForecastSummaryTest.cell(aws, AUTO, 4, 0.7, 1.0),
        ForecastSummaryTest.cell(nasa, HW, 100, 0.9, 3.0), ForecastSummaryTest.cell(aws, HW, 140, 0.5, 0.9),
        ForecastSummaryTest.cell(nasa, STL, 30, 1, 1), ForecastSummaryTest.cell(aws, STL, 30, 1, 1));
    List<BenchRow> rows = ForecastRows.rows(new ForecastSummary(cells));

    BenchRow ratio1h = row(rows, AUTO + " mean MASE 1h vs seasonal naive");
    assertEquals(0.65, ratio1h.value(), 1e-9);
    assertEquals(0.9, ratio1h.baselineValue(), 1e-9);
    assertEquals(0.7222, ratio1h.ratio());
    assertEquals(Boolean.TRUE, ratio1h.meetsTarget());
    BenchRow ratio24h = row(rows, AUTO + " mean MASE 24h vs seasonal naive");
    assertEquals(0.7692, ratio24h.ratio()); // 1.0 / 1.3
    assertEquals(Boolean.TRUE, ratio24h.meetsTarget());
    assertEquals(Boolean.TRUE, row(rows, AUTO + " mean MASE 1h").meetsTarget()); // 0.65 <= 0.70
    assertEquals(Boolean.TRUE, row(rows, AUTO + " mean MASE 24h").meetsTarget()); // 1.0 <= 1.04

    BenchRow wins = row(rows, AUTO + " traces beating " + HW);
    assertEquals(1.0, wins.value()); // nasa (0.8 vs 1.95) won, aws (0.85 vs 0.7) lost
    assertEquals(Better.HIGHER, wins.better());
    assertEquals(Boolean.FALSE, wins.meetsTarget());

    BenchRow coverage = row(rows, AUTO + " P99 coverage 24h");
    assertEquals(0.0, coverage.value()); // the test cells cover exactly 99 %
    assertEquals(Boolean.TRUE, coverage.meetsTarget());

    BenchRow fit = row(rows, AUTO + " fit time vs " + HW);
    assertEquals(3.0, fit.value());
    assertEquals(120.0, fit.baselineValue());
    assertEquals(0.025, fit.ratio());
    assertEquals(Boolean.TRUE, fit.meetsTarget());
    assertEquals(Boolean.FALSE, row(rows, AUTO + " fit time vs " + STL).meetsTarget()); // 3 / 30 = 0.1

    BenchRow perCell = row(rows, "aws/1h " + HW + " 24h");
    assertEquals(NAIVE, perCell.baseline());
    assertEquals(1.4, perCell.baselineValue());
    assertEquals(99.0, perCell.toJson().get("p99_coverage_pct"));
    BenchRow average = row(rows, "mean day-scale " + NAIVE + " 1h");
    assertEquals(0.9, average.value(), 1e-9);
    assertNull(average.toJson().get("protocol_value")); // two rows, not the protocol's nine
  }

  @Test
  void averagesOverTheNineDayScaleRowsCarryTheProtocolsFigure() {
    List<CellResult> cells = new java.util.ArrayList<>();
    for (int i = 0; i < ForecastSummary.PROTOCOL_ROWS; i++) {
      cells.add(ForecastSummaryTest.cell(ForecastSummaryTest.hourly("t" + i), NAIVE, 0.01, 0.8, 1.3));
    }
    BenchRow average = row(ForecastRows.rows(new ForecastSummary(cells)), "mean day-scale " + NAIVE + " 24h");
    assertEquals(1.225, average.toJson().get("protocol_value"));
    assertEquals(0.075, (Double) average.toJson().get("protocol_difference"), 1e-9);
  }

  @Test
  void aSkippedCellKeepsItsRowsWithTheReason() {
    ProtocolSeries a = ForecastSummaryTest.hourly("nasa");
    List<BenchRow> rows = ForecastRows.rows(new ForecastSummary(List.of(
        ForecastSummaryTest.cell(a, NAIVE, 0.01, 0.8, 1.2), CellResult.skipped(a, HW, "no python"))));
    BenchRow skipped = row(rows, "nasa/1h " + HW + " 1h");
    assertNull(skipped.value());
    assertEquals("no python", skipped.note());
    assertEquals("no python", row(rows, "nasa/1h " + HW + " fit").note());
    assertTrue(ForecastRows.cellTable(new ForecastSummary(List.of(CellResult.skipped(a, HW, "no python"))),
        ForecastSummary.DAY_SCALE).render().contains("skipped: no python"));
  }
}
