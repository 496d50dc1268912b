package dev.headroom.bench.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.bench.forecast.ForecastSummary.Average;
import dev.headroom.bench.forecast.ForecastSummary.TraceComparison;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForecastSummaryTest {

  private static final double EPS = 1e-12;

  static ProtocolSeries hourly(String trace) {
    return TestRows.hourly(trace, TestRows.ramp(240), 200);
  }

  static ProtocolSeries azure(String trace) {
    return TestRows.row(trace, Duration.ofSeconds(10), TestRows.ramp(120), 6, new int[] {1, 6, 30},
        new String[] {"10s", "1m", "5m"}, new int[] {80}, false);
  }

  /** A cell with one origin and the given MASE per horizon, coverage 90/99 and the fit time. */
  static CellResult cell(ProtocolSeries row, String method, double fitMillis, double... mase) {
    List<HorizonScore> scores = new ArrayList<>();
    for (int i = 0; i < mase.length; i++) {
      scores.add(new HorizonScore(row.horizonLabels()[i], row.horizons()[i], mase[i], 10, 90, 99));
    }
    return new CellResult(row, method, List.of(new FoldResult(row.origins()[0], scores, fitMillis)), null, null);
  }

  @Test
  void averagesArePlainMeansOverTheRowsOfAGroup() {
    ProtocolSeries a = hourly("nasa");
    ProtocolSeries b = hourly("aws");
    ProtocolSeries z = azure("azure-code");
    ForecastSummary s = new ForecastSummary(List.of(
        cell(a, "x", 1, 0.5, 1.0), cell(b, "x", 3, 1.5, 2.0), cell(z, "x", 7, 9, 9, 9)));
    Average day = s.average("x", ForecastSummary.DAY_SCALE, "24h");
    assertTrue(day.complete());
    assertEquals(2, day.rows());
    assertEquals(1.5, day.mase(), EPS);
    assertEquals(2.0, day.fitMillis(), EPS);
    assertEquals(9.0, s.average("x", ForecastSummary.AZURE, "5m").mase(), EPS);
    assertEquals(List.of("day-scale", "azure"), s.groups());
    assertEquals(List.of("10s", "1m", "5m"), s.horizons(ForecastSummary.AZURE));
  }

  @Test
  void anAverageNeedsTheMethodOnEveryRowOfTheGroup() {
    ProtocolSeries a = hourly("nasa");
    ProtocolSeries b = hourly("aws");
    ForecastSummary s = new ForecastSummary(List.of(
        cell(a, "x", 1, 0.5, 1.0), CellResult.skipped(b, "x", "python missing")));
    Average avg = s.average("x", ForecastSummary.DAY_SCALE, "1h");
    assertFalse(avg.complete());
    assertEquals("did not run on aws/1h", avg.missing());
    assertTrue(Double.isNaN(avg.mase()));
  }

  @Test
  void tracesAreComparedOnTheirMeanMaseOverRowsAndHorizons() {
    ProtocolSeries nasa = hourly("nasa");
    ProtocolSeries code = azure("azure-code");
    ProtocolSeries conv = azure("azure-conv");
    ForecastSummary s = new ForecastSummary(List.of(
        cell(nasa, "x", 1, 0.5, 1.5), cell(nasa, "hw", 1, 0.9, 1.0),
        cell(code, "x", 1, 1, 1, 1), cell(code, "hw", 1, 2, 2, 2),
        cell(conv, "x", 1, 3, 3, 3), cell(conv, "hw", 1, 1, 1, 1)));
    assertEquals(List.of("nasa", "azure"), s.traces());
    List<TraceComparison> cmp = s.traceComparison("x", "hw");
    // nasa: 1.0 vs 0.95 -> lost; azure (code and conv together): 2.0 vs 1.5 -> lost
    assertEquals(List.of(new TraceComparison("nasa", 1.0, 0.95), new TraceComparison("azure", 2.0, 1.5)), cmp);
    assertEquals(0, cmp.stream().filter(TraceComparison::wins).count());
    assertEquals(Map.of("nasa", 0.95, "azure", 1.5), s.traceMase("hw"));
  }

  @Test
  void aTraceWithASkippedRowIsNotCompared() {
    ProtocolSeries fine = hourly("nasa");
    ProtocolSeries five = TestRows.row("wikipedia", Duration.ofMinutes(5), TestRows.ramp(2000), 288,
        new int[] {12, 288}, new String[] {"1h", "24h"}, new int[] {1000}, true);
    ProtocolSeries hour = hourly("wikipedia");
    ForecastSummary s = new ForecastSummary(List.of(
        cell(fine, "x", 1, 0.5, 0.5), cell(fine, "hw", 1, 1, 1),
        cell(five, "x", 1, 0.5, 0.5), CellResult.skipped(five, "hw", "timed out"),
        cell(hour, "x", 1, 0.5, 0.5), cell(hour, "hw", 1, 1, 1)));
    assertEquals(List.of(new TraceComparison("nasa", 0.5, 1.0)), s.traceComparison("x", "hw"));
    assertNull(s.cell("nasa/1h", "nothing"));
  }

  @Test
  void traceFamiliesJoinTheAzureServicesAndKeepTheOthersApart() {
    assertEquals("azure", TraceFamily.of("azure-code"));
    assertEquals("azure", TraceFamily.of("Azure-conv"));
    assertEquals("aws", TraceFamily.of("aws-elb"));
    assertEquals("nasa", TraceFamily.of("nasa"));
  }
}
