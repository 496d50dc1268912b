/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.forecaster.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.headroom.forecaster.Forecast;
import dev.headroom.testsupport.InfluxExtension;
import dev.headroom.testsupport.InfluxServer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.dto.BoundParameterQuery;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Forecasts written back read as the schema says: one point per step, quantiles as fields, newest wins. */
@ExtendWith(InfluxExtension.class)
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class ForecastWriterIT {

  private static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
  private static final long MINUTE = 60_000;

  private static Forecast forecast(long start, String model, double base) {
    int h = 5;
    double[] mean = new double[h];
    double[] p50 = new double[h];
    double[] p90 = new double[h];
    double[] p99 = new double[h];
    for (int i = 0; i < h; i++) {
      mean[i] = base + i + 0.5;
      p50[i] = base + i;
      p90[i] = base + i + 10;
      p99[i] = base + i + 20;
    }
    return new Forecast(start, MINUTE, model, mean, p50, p90, p99, Forecast.Backtest.none(), List.of());
  }

  @Test
  void aForecastReadsBackPerStepAndANewerOneOverwritesTheOverlap(InfluxServer influx) {
    InfluxEndpoint at = InfluxEndpoint.of(influx.url(), influx.createDatabase("forecast"));
    String key = "tenant \"a\", b=c";
    try (ForecastWriter writer = new ForecastWriter(at)) {
      assertEquals(5, writer.write(key, forecast(T0, "ets", 100)));
      assertEquals(5, writer.write(key, forecast(T0 + 2 * MINUTE, "ets", 200))); // overlaps steps 2..4
      assertEquals(5, writer.write(key, forecast(T0, "naive", 300)));
    }
    try (InfluxDB client = influx.connect()) {
      QueryResult answer = client.query(BoundParameterQuery.QueryBuilder.newQuery(
              "SELECT \"mean\", \"p50\", \"p90\", \"p99\", \"lead\", \"step_ms\", \"origin_ms\" FROM \"forecast\""
                  + " WHERE \"key\" = $key AND \"model\" = $model")
          .forDatabase(at.database()).bind("key", key).bind("model", "ets").create(), TimeUnit.MILLISECONDS);
      assertFalse(answer.hasError(), answer::getError);
      QueryResult.Series series = answer.getResults().getFirst().getSeries().getFirst();
      List<List<Object>> rows = series.getValues();
      assertEquals(7, rows.size()); // minutes 0..6: 0,1 from the first forecast, 2..6 from the second
      assertEquals(List.of((double) T0, 100.5, 100.0, 110.0, 120.0, 1.0, (double) MINUTE, (double) T0), rows.get(0));
      assertEquals(List.of((double) T0 + MINUTE, 101.5, 101.0, 111.0, 121.0, 2.0, (double) MINUTE, (double) T0),
          rows.get(1));
      long origin2 = T0 + 2 * MINUTE;
      assertEquals(List.of((double) origin2, 200.5, 200.0, 210.0, 220.0, 1.0, (double) MINUTE, (double) origin2),
          rows.get(2));
      assertEquals(List.of((double) T0 + 6 * MINUTE, 204.5, 204.0, 214.0, 224.0, 5.0, (double) MINUTE,
          (double) origin2), rows.get(6));

      QueryResult naive = client.query(BoundParameterQuery.QueryBuilder.newQuery(
              "SELECT count(\"p90\") FROM \"forecast\" WHERE \"key\" = $key AND \"model\" = 'naive'")
          .forDatabase(at.database()).bind("key", key).create());
      assertEquals(5.0, naive.getResults().getFirst().getSeries().getFirst().getValues().getFirst().get(1));
    }
  }
}
