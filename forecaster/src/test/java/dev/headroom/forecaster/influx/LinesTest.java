/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.forecaster.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.headroom.forecaster.Forecast;
import dev.headroom.forecaster.history.TelemetryPoint;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact lines the writers produce for the schema. */
class LinesTest {

  private static final long T0 = 1_704_067_200_000L; // 2024-01-01T00:00:00Z

  @Test
  void telemetryLineHasEveryFieldOfTheSchema() {
    StringBuilder out = new StringBuilder();
    TelemetryWriter.appendLine(out, new TelemetryPoint("tenant a", T0 + 10_000, 12, 10, 2, 37.5, 10),
        Precision.SECONDS);
    assertEquals("calls,key=tenant\\ a requests=12,admitted=10,rejected=2,latency_sum_ms=37.5,latency_count=10 "
        + (T0 / 1000 + 10) + "\n", out.toString());
  }

  @Test
  void zerosAreWrittenAsZeros() {
    StringBuilder out = new StringBuilder();
    TelemetryWriter.appendLine(out, new TelemetryPoint("k", T0, 0, 0, 0, 0, 0), Precision.HOURS);
    assertEquals("calls,key=k requests=0,admitted=0,rejected=0,latency_sum_ms=0,latency_count=0 "
        + (T0 / 3_600_000) + "\n", out.toString());
  }

  @Test
  void forecastLinesCarryQuantilesLeadStepAndOrigin() {
    Forecast f = new Forecast(T0, 60_000, "ets", new double[] {10, 11.5}, new double[] {10, 11},
        new double[] {14, 15}, new double[] {20, 21}, Forecast.Backtest.none(), List.of());
    StringBuilder out = new StringBuilder();
    assertEquals(2, ForecastWriter.appendLines(out, "k,1", f));
    long m = T0 / 60_000;
    assertEquals("forecast,key=k\\,1,model=ets mean=10,p50=10,p90=14,p99=20,lead=1i,step_ms=60000i,origin_ms=" + T0
        + "i " + m + "\n"
        + "forecast,key=k\\,1,model=ets mean=11.5,p50=11,p90=15,p99=21,lead=2i,step_ms=60000i,origin_ms=" + T0
        + "i " + (m + 1) + "\n", out.toString());
  }

  @Test
  void nanQuantilesAreLeftOutAndEmptyStepsDropped() {
    double nan = Double.NaN;
    Forecast f = new Forecast(T0, 60_000, "naive", new double[] {nan, 5, nan}, new double[] {nan, nan, nan},
        new double[] {nan, 8, nan}, new double[] {nan, nan, 9}, Forecast.Backtest.none(), List.of());
    StringBuilder out = new StringBuilder();
    assertEquals(2, ForecastWriter.appendLines(out, "k", f));
    long m = T0 / 60_000;
    assertEquals("forecast,key=k,model=naive mean=5,p90=8,lead=2i,step_ms=60000i,origin_ms=" + T0 + "i " + (m + 1)
        + "\nforecast,key=k,model=naive p99=9,lead=3i,step_ms=60000i,origin_ms=" + T0 + "i " + (m + 2) + "\n",
        out.toString());
  }

  @Test
  void aModelNameThatCannotBeATagIsRefused() {
    Forecast f = new Forecast(T0, 60_000, "bad\\", new double[] {1}, new double[] {1}, new double[] {1},
        new double[] {1}, Forecast.Backtest.none(), List.of());
    assertThrows(IllegalArgumentException.class, () -> ForecastWriter.appendLines(new StringBuilder(), "k", f));
  }
}
