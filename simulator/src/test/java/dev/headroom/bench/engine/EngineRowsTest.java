package dev.headroom.bench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.bench.BenchRow;
import dev.headroom.bench.Better;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineRowsTest {

  static WrkResult result(double rps, double p99Us) {
    return new WrkResult(2, 64, (long) (rps * 10), 10, rps,
        new WrkResult.Latency(p99Us / 3, p99Us / 4, p99Us * 2, p99Us / 3, p99Us / 2, p99Us, p99Us * 1.5),
        WrkResult.Errors.NONE, true, "");
  }

  static Series series(String id, double... rpsThenP99Us) {
    Series s = new Series(id);
    for (int i = 0; i < rpsThenP99Us.length; i += 2) {
      s.add(result(rpsThenP99Us[i], rpsThenP99Us[i + 1]));
    }
    return s;
  }

  private static MemoryOutcome memory(int keys, long grownBytes) {
    return new MemoryOutcome(new MemoryProbe.Result(keys, keys, 4_000_000, 4_000_000 + grownBytes, 5_000_000,
        5_000_000 + grownBytes - 1_000_000, List.of(new MemoryProbe.Growth(MemoryProbe.TELEMETRY_CELL, keys, 56L * keys))),
        null);
  }

  private static OneShotProbe.Outcome oneShot(int keys, int settleSeconds) {
    return new OneShotProbe.Outcome(new OneShotProbe.Result(keys, settleSeconds, 20_000_000, 420_000_000, 250_000_000,
        keys, 0, List.of()), null);
  }

  private static EngineRows.Measured measured(Series gateway, HalfPeak halfPeak) {
    return new EngineRows.Measured(
        series("bare, one key", 50_000, 2000, 40_000, 2500, 60_000, 1500),
        series("decision, one key", 42_000, 2100, 41_000, 2200, 30_000, 5000),
        series("bare, distinct keys", 45_000, 2000),
        series("decision, distinct keys", 30_000, 3000),
        series(EngineRows.DIRECT, 30_000, 3000),
        gateway, series(EngineRows.PROXY, 25_000, 2000), series("gateway, beside the proxy", 20_000, 4000), halfPeak, memory(1_000_000, 244_000_000), oneShot(1_000_000, 60), 2, 64, 1_000_000);
  }

  private static BenchRow row(List<BenchRow> rows, String prefix) {
    return rows.stream().filter(r -> r.name().startsWith(prefix)).findFirst().orElseThrow();
  }

  @Test
  void decisionRowsCompareMediansOfTheSameRun() {
    List<BenchRow> rows = EngineRows.rows(measured(series("gateway", 20_000, 4000), null));
    BenchRow one = row(rows, "decision API vs bare Vert.x, one key");
    assertEquals(41_000, one.value()); // median of 42k, 41k, 30k
    assertEquals(50_000, one.baselineValue()); // median of 50k, 40k, 60k
    assertEquals(0.82, one.ratio());
    assertEquals(EngineRows.TARGET_DECISION_RATIO, one.target());
    assertEquals(Better.HIGHER, one.better());
    assertEquals(Boolean.TRUE, one.meetsTarget());
    assertEquals(List.of(42_000.0, 41_000.0, 30_000.0), one.extra().get("rate_each"));
    assertEquals(2.2, one.extra().get("p99_ms"));
    assertEquals(List.of(0.84, 1.025, 0.5), one.extra().get("ratio_each"));

    BenchRow distinct = row(rows, "decision API vs bare Vert.x, distinct keys");
    assertEquals(EngineRows.BARE + " (same script)", distinct.baseline());
    assertEquals(Boolean.FALSE, distinct.meetsTarget()); // 30k / 45k
    assertEquals(1_000_000, distinct.params().get("keys"));
  }

  @Test
  void aGatewayThatFailedHasNoFigureAndSaysWhy() {
    String why = "the gateway server did not start (not ready after 60 s); its log:\n...";
    List<BenchRow> rows = EngineRows.rows(measured(Series.failed("gateway", why), null));
    BenchRow throughput = row(rows, "gateway vs upstream direct");
    assertNull(throughput.value());
    assertEquals(30_000, throughput.baselineValue(), "the direct run is still reported");
    assertEquals("the gateway server did not start (not ready after 60 s); its log:", throughput.note());
    BenchRow latency = row(rows, "gateway added p99");
    assertNull(latency.value());
    assertEquals("not measured: the saturating gateway and direct runs are needed first (the gateway server "
        + "did not start (not ready after 60 s); its log:)", latency.note());
    assertNull(latency.meetsTarget());
    assertEquals(EngineRows.TARGET_ADDED_P99_MS, latency.target());
  }

  @Test
  void addedP99IsGatewayMinusDirectAtTheSamePacing() {
    HalfPeak h = new HalfPeak(20_000, 10_000, new Pacing(64, 6),
        series("upstream-direct, paced", 10_200, 400, 10_300, 500, 10_250, 450),
        series("minimal-proxy, paced", 10_000, 1000, 10_100, 1100, 10_050, 1050),
        series("gateway, paced", 9_900, 1200, 9_950, 1300, 9_800, 1250), null);
    BenchRow r = row(EngineRows.rows(measured(series("gateway", 20_000, 4000), h)), "gateway added p99");
    assertEquals(1.25 - 0.45, r.value(), 1e-9);
    assertEquals("ms", r.unit());
    assertEquals(Boolean.TRUE, r.meetsTarget());
    assertEquals(64, r.params().get("connections"));
    assertEquals(6, r.params().get("delay_ms"));
    assertEquals(9_900.0, r.extra().get("gateway_rate"));
    assertEquals(10_250.0, r.extra().get("direct_rate"));
    assertEquals(List.of(1.2, 1.3, 1.25), r.extra().get("gateway_p99_ms_each"));
    assertNull(r.note());

    String table = EngineRows.halfPeakTable(h).render();
    assertTrue(table.contains("gateway, paced") && table.contains("1.250 ms") && table.contains("9,900 req/s"), table);
    assertTrue(table.contains("minimal-proxy, paced") && table.contains("1.050 ms"), table);
  }

  @Test
  void theMinimalProxySplitsTheAddedP99IntoTheHopAndTheGatewaysOwnPart() {
    HalfPeak h = new HalfPeak(20_000, 10_000, new Pacing(64, 6),
        series("upstream-direct, paced", 10_200, 400, 10_300, 500, 10_250, 450),
        series("minimal-proxy, paced", 10_000, 1000, 10_100, 1100, 10_050, 1050),
        series("gateway, paced", 9_900, 1200, 9_950, 1300, 9_800, 1250), null);
    List<BenchRow> rows = EngineRows.rows(measured(series("gateway", 20_000, 4000), h));
    BenchRow hop = row(rows, "minimal proxy added p99");
    assertEquals(1.05 - 0.45, hop.value(), 1e-9);
    assertNull(hop.target(), "the hop is context for the targeted row, not a target of its own");
    BenchRow own = row(rows, "gateway added p99 over the minimal proxy");
    assertEquals(1.25 - 1.05, own.value(), 1e-9);
    assertEquals(1.05, own.extra().get("minimal-proxy_p99_ms"));
    assertEquals(1.05, row(rows, "gateway added p99 at half").extra().get("proxy_p99_ms"));

    BenchRow throughput = row(rows, "gateway vs a minimal Vert.x proxy");
    assertEquals(20_000, throughput.value());
    assertEquals(25_000, throughput.baselineValue());
    assertEquals(0.8, throughput.ratio());
  }

  @Test
  void aProxyThatDidNotStartLeavesTheSplitRowsWithoutAFigure() {
    HalfPeak h = new HalfPeak(20_000, 10_000, new Pacing(64, 6),
        series("upstream-direct, paced", 10_200, 400),
        Series.failed("minimal-proxy, paced", "the proxy server did not start"),
        series("gateway, paced", 9_900, 1200), null);
    List<BenchRow> rows = EngineRows.rows(measured(series("gateway", 20_000, 4000), h));
    assertEquals(1.2 - 0.4, row(rows, "gateway added p99 at half").value(), 1e-9);
    BenchRow hop = row(rows, "minimal proxy added p99");
    assertNull(hop.value());
    assertEquals("the proxy server did not start", hop.note());
    assertEquals("minimal-proxy: the proxy server did not start", row(rows, "gateway added p99 over").note());
  }

  @Test
  void aFailedSeriesLeavesItsRowWithoutAFigureAndSaysWhy() {
    Series broken = series("decision, one key", 42_000, 2100);
    broken.fail("round 2: wrk run against http://127.0.0.1:1/v1/check failed: 3 responses were not 2xx/3xx\nRunning...");
    EngineRows.Measured ok = measured(series("gateway", 20_000, 4000), null);
    EngineRows.Measured m = new EngineRows.Measured(ok.bareOne(), broken, ok.bareDistinct(), ok.decisionDistinct(),
        ok.direct(), ok.gateway(), ok.proxy(), ok.gatewayBesideProxy(), null,
        new MemoryOutcome(null, "the memory JVM exited with 1:\nboom"),
        new OneShotProbe.Outcome(null, "the memory JVM did not finish in 960 s:\n..."), 2, 64, 10);
    List<BenchRow> rows = EngineRows.rows(m);
    BenchRow one = row(rows, "decision API vs bare Vert.x, one key");
    assertNull(one.value());
    assertNull(one.ratio());
    assertEquals("round 2: wrk run against http://127.0.0.1:1/v1/check failed: 3 responses were not 2xx/3xx", one.note());
    BenchRow heap = row(rows, "heap for 1M");
    assertNull(heap.value());
    assertEquals("the memory JVM exited with 1:", heap.note());
    BenchRow oneShot = row(rows, "heap after 1M one-shot keys");
    assertNull(oneShot.value());
    assertEquals("the memory JVM did not finish in 960 s:", oneShot.note());
    assertEquals(EngineRows.TARGET_ONE_SHOT_HEAP_MB, oneShot.target());
    BenchRow latency = row(rows, "gateway added p99");
    assertNull(latency.value());
    assertTrue(latency.note().startsWith("not measured"), latency.note());

    String table = EngineRows.table(rows).render();
    assertTrue(table.lines().anyMatch(l -> l.startsWith("decision API vs bare Vert.x, one key") && l.contains("n/a")), table);
  }

  @Test
  void theHeapRowIsPerMillionKeysAgainstItsTarget() {
    BenchRow full = row(EngineRows.rows(measured(series("gateway", 1, 1), null)), "heap for 1M");
    assertEquals(244.0, full.value());
    assertEquals("MB", full.unit());
    assertEquals(Boolean.TRUE, full.meetsTarget());
    assertEquals(1_000_000L, full.extra().get("telemetry_cells"));
    assertFalse(full.note().contains("scaled"), full.note());

    EngineRows.Measured small = measured(series("gateway", 1, 1), null);
    small = new EngineRows.Measured(small.bareOne(), small.decisionOne(), small.bareDistinct(), small.decisionDistinct(),
        small.direct(), small.gateway(), small.proxy(), small.gatewayBesideProxy(), null, memory(100_000, 31_000_000),
        small.oneShot(), 2, 64, 10);
    BenchRow scaled = row(EngineRows.rows(small), "heap for 1M");
    assertEquals(310.0, scaled.value());
    assertEquals(Boolean.FALSE, scaled.meetsTarget());
    assertTrue(scaled.note().contains("measured with 100,000 keys and scaled to one million"), scaled.note());
  }

  @Test
  void theOneShotRowIsTheSettledHeapAgainstItsTarget() {
    EngineRows.Measured m = measured(series("gateway", 1, 1), null);
    BenchRow full = row(EngineRows.rows(m), "heap after 1M one-shot keys");
    assertEquals(250.0, full.value()); // the heap a minute later, not the 420 MB right after the keys
    assertEquals("MB", full.unit());
    assertEquals(Better.LOWER, full.better());
    assertEquals(Boolean.TRUE, full.meetsTarget());
    assertEquals(420.0, full.extra().get("heap_loaded_mb"));
    assertEquals(0, full.extra().get("resident_keys_settled"));
    assertFalse(full.note().contains("smoke run"), full.note());

    m = new EngineRows.Measured(m.bareOne(), m.decisionOne(), m.bareDistinct(), m.decisionDistinct(), m.direct(),
        m.gateway(), m.proxy(), m.gatewayBesideProxy(), null, m.memory(), oneShot(100_000, 5), 2, 64, 10);
    BenchRow smoke = row(EngineRows.rows(m), "heap after 1M one-shot keys");
    assertTrue(smoke.note().contains("a smoke run"), smoke.note());
  }

  @Test
  void theTableShowsTargetsAndWhetherTheyWereMet() {
    String table = EngineRows.table(EngineRows.rows(measured(series("gateway", 20_000, 4000), null))).render();
    assertTrue(table.contains(">= 0.80x"), table);
    assertTrue(table.contains("<= 1 ms"), table);
    assertTrue(table.contains("<= 300 MB"), table);
    assertTrue(table.contains("41,000 req/s"), table);
    assertTrue(table.lines().anyMatch(l -> l.startsWith("decision API vs bare Vert.x, distinct keys") && l.endsWith("NO")),
        table);
  }

  @Test
  void pairsRunBackToBackWithTheirOrderAlternating() {
    List<String> pairs = List.of("b1", "d1", "b2", "d2", "u", "g");
    assertEquals(List.of("b1", "d1", "b2", "d2", "u", "g"), EngineBench.roundOrder(pairs, 0));
    assertEquals(List.of("d2", "b2", "g", "u", "d1", "b1"), EngineBench.roundOrder(pairs, 1));
    assertEquals(List.of("u", "g", "b1", "d1", "b2", "d2"), EngineBench.roundOrder(pairs, 2));
    assertThrows(IllegalArgumentException.class, () -> EngineBench.roundOrder(List.of("a", "b", "c"), 0));
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertEquals(2.5, Series.median(new double[] {4, 1, 2, 3}));
    assertEquals(3, Series.median(new double[] {5, 3, 1}));
  }
}
