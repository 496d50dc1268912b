package dev.headroom.bench.limiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.bench.BenchRow;
import dev.headroom.bench.Better;
import dev.headroom.bench.limiter.Contender.Shape;
import dev.headroom.bench.limiter.LimiterRows.Cell;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each Headroom row is compared with the baseline of its own cell: same regime, threads and keys. */
class LimiterRowsTest {

  private static Cell cell(Contender c, Shape s, Regime r, int threads) {
    return new Cell(c, s, r, threads, s == Shape.HOT ? 1 : LimiterBench.KEYS);
  }

  private static Measurement m(Contender c, Shape s, Regime r, int threads, double score) {
    return new Measurement(c, s, r, threads, s == Shape.HOT ? 1 : LimiterBench.KEYS, score, score / 100,
        "ops/s", 0.999);
  }

  private static BenchRow row(List<BenchRow> rows, String name, int threads, int keys, String regime) {
    return rows.stream()
        .filter(r -> r.name().equals(name) && r.params().equals(Map.of("threads", threads, "keys", keys, "regime", regime)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + name + " threads=" + threads + " keys=" + keys));
  }

  @Test
  void headroomIsComparedWithBothBaselinesOfTheSameCell() {
    List<Cell> plan = new ArrayList<>();
    List<Measurement> measured = new ArrayList<>();
    for (int threads : new int[] {1, 2}) {
      for (Shape s : Shape.values()) {
        for (Contender c : List.of(Contender.HEADROOM_TOKEN_BUCKET, Contender.BUCKET4J, Contender.GUAVA)) {
          plan.add(cell(c, s, Regime.ALLOW, threads));
          // distinct figures per cell, so a row paired with the wrong baseline shows
          double base = c == Contender.HEADROOM_TOKEN_BUCKET ? 60 : c == Contender.BUCKET4J ? 40 : 20;
          measured.add(m(c, s, Regime.ALLOW, threads, base * threads * (s == Shape.HOT ? 10 : 1)));
        }
      }
    }
    measured.set(measured.size() - 2, m(Contender.BUCKET4J, Shape.KEYED, Regime.ALLOW, 2, 120));

    List<BenchRow> rows = LimiterRows.throughput(plan, measured);

    BenchRow hot1 = row(rows, "headroom token-bucket tryAcquire vs bucket4j", 1, 1, "allow");
    assertEquals(600.0, hot1.value());
    assertEquals(400.0, hot1.baselineValue());
    assertEquals(1.5, hot1.ratio());
    assertEquals(1.0, hot1.target());
    assertEquals(Better.HIGHER, hot1.better());
    assertTrue(hot1.meetsTarget());
    BenchRow keyed2 = row(rows, "headroom token-bucket tryAcquire vs bucket4j", 2, 100_000, "allow");
    assertEquals(120.0, keyed2.value());
    assertEquals(120.0, keyed2.baselineValue());
    assertEquals(1.0, keyed2.ratio());
    BenchRow vsGuava = row(rows, "headroom token-bucket tryAcquire vs guava", 2, 100_000, "allow");
    assertEquals(3.0, vsGuava.ratio());
    assertEquals(2.0, vsGuava.target());
    assertTrue(vsGuava.meetsTarget());
    BenchRow rival = row(rows, "bucket4j tryConsume", 1, 1, "allow");
    assertEquals(400.0, rival.value());
    assertNull(rival.baseline());
    assertNull(rival.target());
    assertEquals(0.999, rival.extra().get("admitted"));
    assertEquals(4.0, rival.extra().get("error"));
    // 2 Headroom rows + 2 rival rows per (threads, shape)
    assertEquals(2 * 2 * 4, rows.size());
  }

  @Test
  void aBaselineLeftOutOrFailedLeavesNoRatioAndSaysWhy() {
    List<Cell> plan = List.of(
        cell(Contender.HEADROOM_GCRA, Shape.HOT, Regime.ALLOW, 1),
        cell(Contender.GUAVA, Shape.HOT, Regime.ALLOW, 1));
    List<BenchRow> rows = LimiterRows.throughput(plan,
        List.of(m(Contender.HEADROOM_GCRA, Shape.HOT, Regime.ALLOW, 1, 10)));

    BenchRow vsB4j = row(rows, "headroom gcra tryAcquire vs bucket4j", 1, 1, "allow");
    assertEquals(10.0, vsB4j.value());
    assertNull(vsB4j.baselineValue());
    assertNull(vsB4j.ratio());
    assertNull(vsB4j.meetsTarget());
    assertTrue(vsB4j.note().contains("excluded by --filter"), vsB4j.note());
    BenchRow vsGuava = row(rows, "headroom gcra tryAcquire vs guava", 1, 1, "allow");
    assertTrue(vsGuava.note().contains("failed"), vsGuava.note());
    BenchRow guava = row(rows, "guava tryAcquire", 1, 1, "allow");
    assertNull(guava.value());
    assertTrue(guava.note().contains("failed"));
  }

  @Test
  void sentinelKeyedIsReportedAsNotMeasuredWithTheReason() {
    List<BenchRow> rows = LimiterRows.throughput(
        List.of(cell(Contender.SENTINEL, Shape.KEYED, Regime.ALLOW, 2)), List.of());
    BenchRow sentinel = row(rows, "sentinel SphU.entry+exit", 2, 100_000, "allow");
    assertNull(sentinel.value());
    assertTrue(sentinel.note().startsWith("not measured"), sentinel.note());
    assertTrue(sentinel.toJson().containsKey("value"));
  }

  @Test
  void theLimitRegimeIsContextWithoutTargets() {
    List<Cell> plan = List.of(
        cell(Contender.HEADROOM_DECIDE, Shape.HOT, Regime.LIMIT, 1),
        cell(Contender.BUCKET4J, Shape.HOT, Regime.LIMIT, 1));
    List<BenchRow> rows = LimiterRows.throughput(plan, List.of(
        m(Contender.HEADROOM_DECIDE, Shape.HOT, Regime.LIMIT, 1, 30),
        m(Contender.BUCKET4J, Shape.HOT, Regime.LIMIT, 1, 60)));
    BenchRow r = row(rows, "headroom token-bucket decide vs bucket4j", 1, 1, "limit");
    assertEquals(0.5, r.ratio());
    assertNull(r.target());
    assertNull(r.meetsTarget());
  }

  @Test
  void setRateRowsAreLatenciesComparedWithBucket4j() {
    List<BenchRow> rows = LimiterRows.setRate(List.of(SetRateOp.HEADROOM, SetRateOp.BUCKET4J, SetRateOp.GUAVA),
        List.of(new SetRateOp.Latency(SetRateOp.HEADROOM, 30, 1), new SetRateOp.Latency(SetRateOp.BUCKET4J, 60, 2)));
    assertEquals(3, rows.size());
    BenchRow ours = rows.get(0);
    assertEquals("latency", ours.metric());
    assertEquals("ns/op", ours.unit());
    assertEquals(0.5, ours.ratio());
    assertEquals(Better.LOWER, ours.better());
    assertNull(rows.get(1).baseline());
    assertNull(rows.get(2).value());
    assertTrue(rows.get(2).note().contains("failed"));
  }

  @Test
  void footprintRowsCarryTheTargetForHeadroomOnly() {
    FootprintProbe.Result off = new FootprintProbe.Result(false, 56, List.of(
        new FootprintProbe.Structure("headroom-registry", 1_000_000, 128.391),
        new FootprintProbe.Structure("bucket4j-map", 100_000, 410.5)), null);
    FootprintProbe.Result on = new FootprintProbe.Result(true, Double.NaN, List.of(), "exit 1: boom");
    List<BenchRow> rows = LimiterRows.footprint(List.of(off, on), 1_000_000, false);

    assertEquals(3, rows.size());
    BenchRow ours = rows.get(0);
    assertEquals(128.39, ours.value());
    assertEquals("bytes/key", ours.unit());
    assertEquals(150.0, ours.target());
    assertEquals(Better.LOWER, ours.better());
    assertTrue(ours.meetsTarget());
    assertEquals(Map.of("keys", 1_000_000, "compact_headers", false), ours.params());
    assertTrue(ours.note().contains("launcher's current setting"));
    BenchRow rival = rows.get(1);
    assertNull(rival.target());
    assertEquals(100_000, rival.params().get("keys"));
    BenchRow failed = rows.get(2);
    assertNull(failed.value());
    assertEquals(Map.of("keys", 1_000_000, "compact_headers", true), failed.params());
    assertTrue(failed.note().contains("boom"));
  }

  @Test
  void theFloorIsContextMeasuredOnlyOnce() {
    assertTrue(Contender.FLOOR.runsIn(Regime.ALLOW));
    assertTrue(!Contender.FLOOR.runsIn(Regime.LIMIT));
    assertTrue(Contender.GUAVA.runsIn(Regime.LIMIT));
    List<BenchRow> rows = LimiterRows.throughput(
        List.of(cell(Contender.FLOOR, Shape.KEYED, Regime.ALLOW, 1)),
        List.of(m(Contender.FLOOR, Shape.KEYED, Regime.ALLOW, 1, 3e6)));
    BenchRow floor = row(rows, "floor: ConcurrentHashMap.get + System.nanoTime()", 1, 100_000, "allow");
    assertEquals(3e6, floor.value());
    assertNull(floor.baseline());
    assertNull(floor.target());
    assertTrue(floor.note().startsWith("not a limiter"), floor.note());
  }
}
