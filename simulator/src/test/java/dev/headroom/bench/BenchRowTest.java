package dev.headroom.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchRowTest {

  private static BenchRow.Builder throughput(double value) {
    return BenchRow.builder("token-bucket hot key").param("threads", 2).metric("throughput").value(value, "ops/s");
  }

  @Test
  void ratioIsValueOverBaselineRoundedToFourDecimals() {
    BenchRow row = throughput(123_456_789.0).baseline("bucket4j", 100_000_000.0).target(1.0, Better.HIGHER).build();
    assertEquals(1.2346, row.ratio());
    assertEquals(100_000_000.0, row.baselineValue());
    assertTrue(row.meetsTarget());
  }

  @Test
  void aRatioBelowTargetFailsIt() {
    BenchRow row = throughput(50.0).baseline("guava", 40.0).target(2.0, Better.HIGHER).build();
    assertEquals(1.25, row.ratio());
    assertFalse(row.meetsTarget());
  }

  @Test
  void withoutABaselineTheTargetAppliesToTheValue() {
    BenchRow small = BenchRow.builder("bytes").metric("memory").value(128.4, "bytes/key")
        .target(150, Better.LOWER).build();
    BenchRow big = BenchRow.builder("bytes").metric("memory").value(151.0, "bytes/key")
        .target(150, Better.LOWER).build();
    assertNull(small.ratio());
    assertTrue(small.meetsTarget());
    assertFalse(big.meetsTarget());
  }

  @Test
  void noRatioWhenTheBaselineIsMissingOrZero() {
    assertNull(throughput(10.0).baseline("bucket4j", null).note("baseline failed").build().ratio());
    assertNull(throughput(10.0).baseline("bucket4j", 0.0).build().ratio());
    assertNull(throughput(10.0).baseline("bucket4j", Double.NaN).build().ratio());
    assertNull(throughput(10.0).baseline("bucket4j", null).note("x").target(1, Better.HIGHER).build().meetsTarget());
  }

  @Test
  void aRowWithoutValueMustSayWhy() {
    assertThrows(IllegalArgumentException.class,
        () -> BenchRow.builder("sentinel").metric("throughput").value(null, "ops/s").build());
    BenchRow row = BenchRow.builder("sentinel").metric("throughput").value(Double.NaN, "ops/s")
        .note("not measured: no per-key limiter").build();
    assertNull(row.value());
    assertNull(row.meetsTarget());
  }

  @Test
  void aTargetNeedsADirection() {
    assertThrows(IllegalArgumentException.class, () -> new BenchRow("x", Map.of(), "throughput", 1.0, "ops/s",
        null, null, null, 1.0, null, null, Map.of()));
  }

  @Test
  void jsonHasTheStandardFieldsInOrderThenExtras() {
    BenchRow row = throughput(120.0).baseline("bucket4j", 100.0).target(1.0, Better.HIGHER)
        .extra("error", 3.5).extra("admitted", 1.0).extra("skipped", null).build();
    assertEquals(List.of("name", "params", "metric", "value", "unit", "baseline", "baseline_value", "ratio",
        "target", "better", "error", "admitted"), List.copyOf(row.toJson().keySet()));
    assertEquals("higher", row.toJson().get("better"));
    assertEquals(1.2, row.toJson().get("ratio"));
  }

  @Test
  void contextRowsCarryNoBaselineOrTargetFields() {
    Map<String, Object> json = throughput(5.0).build().toJson();
    assertEquals(List.of("name", "params", "metric", "value", "unit"), List.copyOf(json.keySet()));
    assertTrue(json.containsKey("value"));
  }

  @Test
  void notesAccumulate() {
    BenchRow row = throughput(1.0).note("first").note(null).note("second").build();
    assertEquals("first; second", row.note());
  }

  @Test
  void extrasCannotShadowStandardFields() {
    BenchRow row = throughput(1.0).extra("value", 2.0).build();
    assertThrows(IllegalStateException.class, row::toJson);
  }
}
