package dev.headroom.bench.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.bench.BenchRow;
import dev.headroom.forecaster.series.RateSeries;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;

class FloodComparisonTest {

  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  /** Three days of per-minute counts with a daily cycle: one key, split into three tenants. */
  static SequencedMap<String, RateSeries> trace() {
    double[] v = new double[3 * 1440];
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.round(240 * (1 + 0.6 * Math.cos(2 * Math.PI * ((i % 1440) / 60.0 - 14) / 24)));
    }
    SequencedMap<String, RateSeries> m = new LinkedHashMap<>();
    m.put("small", RateSeries.ofMillis(Instant.parse("2025-01-06T00:00:00Z").toEpochMilli(), 60_000, v));
    return m;
  }

  @Test
  void aTracesCellJudgesBothStancesInRowsAndTable() {
    FloodComparison.Cell c = FloodComparison.runCell("small", trace(), Duration.ofHours(12), 1, 2, QUIET);
    assertNull(c.error(), c.error());
    assertEquals(3, c.params().get("keys"));
    assertTrue(c.abusive() > 0 && c.floods() >= 2, "a seeded schedule of floods");
    List<BenchRow> rows = FloodComparison.rows(List.of(c));
    for (String policy : List.of("none", "static-global", "static-per-key", "reactive", "predictive",
        "predictive-hold", "predictive-shed", "oracle")) {
      BenchRow r = rows.stream().filter(x -> x.name().equals("flood small " + policy)).findFirst().orElseThrow();
      assertEquals("requests", r.unit());
    }
    BenchRow hold = rows.stream().filter(x -> x.name().equals("flood small predictive-hold target met")).findFirst()
        .orElseThrow();
    assertEquals(c.hold().met() ? 1.0 : 0.0, hold.value());
    assertTrue(hold.note().startsWith("predictive-hold: target "), hold.note());
    String table = FloodComparison.table(List.of(c, FloodComparison.missing("gone",
        FloodComparison.params("gone", "last 2 d", 1), "not run: no such file")), 1, 2);
    assertTrue(table.contains("small"), table);
    assertTrue(table.contains("gone: not run: no such file"), table);
  }
}
