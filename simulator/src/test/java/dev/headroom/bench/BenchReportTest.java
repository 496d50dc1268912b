package dev.headroom.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report file follows /work/shared/BENCHMARKS.md and is valid JSON. */
class BenchReportTest {

  @TempDir
  Path dir;

  @SuppressWarnings("unchecked")
  @Test
  void writesBenchmarksMdFormatToNameDotJson() throws Exception {
    BenchRow ours = BenchRow.builder("token-bucket hot key").param("threads", 2).metric("throughput")
        .value(123456789.0, "ops/s").baseline("bucket4j", 100000000.0).target(1.0, Better.HIGHER).build();
    BenchRow failed = BenchRow.builder("sentinel").param("threads", 1).metric("throughput")
        .value(null, "ops/s").note("not measured: why").build();
    BenchReport report = new BenchReport("limiter", Instant.parse("2026-11-26T18:00:00.123456Z"),
        new BenchReport.Machine(2, "25.0.3", "Linux"), Map.of("mode", "quick"), List.of(ours, failed));

    Path file = report.writeTo(dir.resolve("bench-results"));

    assertEquals(dir.resolve("bench-results/limiter.json"), file);
    Map<String, Object> json = (Map<String, Object>) MiniJsonParser.parse(Files.readString(file));
    assertEquals("limiter", json.get("benchmark"));
    assertEquals("2026-11-26T18:00:00Z", json.get("started"));
    assertEquals(Map.of("cores", 2.0, "java", "25.0.3", "os", "Linux"), json.get("machine"));
    List<Map<String, Object>> rows = (List<Map<String, Object>>) json.get("rows");
    assertEquals(2, rows.size());
    Map<String, Object> first = rows.get(0);
    assertEquals("token-bucket hot key", first.get("name"));
    assertEquals(Map.of("threads", 2.0), first.get("params"));
    assertEquals("throughput", first.get("metric"));
    assertEquals(123456789.0, first.get("value"));
    assertEquals("ops/s", first.get("unit"));
    assertEquals("bucket4j", first.get("baseline"));
    assertEquals(100000000.0, first.get("baseline_value"));
    assertEquals(1.2346, first.get("ratio"));
    assertEquals(1.0, first.get("target"));
    assertEquals("higher", first.get("better"));
    Map<String, Object> second = rows.get(1);
    assertTrue(second.containsKey("value"));
    assertEquals(null, second.get("value"));
    assertEquals("not measured: why", second.get("note"));
    try (var files = Files.list(dir.resolve("bench-results"))) {
      assertEquals(List.of(file), files.toList(), "no temporary file left behind");
    }
  }

  @Test
  void replacesAnEarlierReport() throws Exception {
    BenchRow row = BenchRow.builder("x").metric("latency").value(1.0, "ns/op").build();
    Path first = new BenchReport("limiter", Instant.EPOCH, BenchReport.Machine.current(), Map.of(), List.of(row))
        .writeTo(dir);
    Path second = new BenchReport("limiter", Instant.EPOCH.plusSeconds(60), BenchReport.Machine.current(),
        Map.of(), List.of()).writeTo(dir);
    assertEquals(first, second);
    assertTrue(Files.readString(second).contains("1970-01-01T00:01:00Z"));
  }

  @Test
  void benchmarkNamesAreFileNameSafe() {
    assertThrows(IllegalArgumentException.class, () -> new BenchReport("../limiter", Instant.EPOCH,
        BenchReport.Machine.current(), Map.of(), List.of()));
  }

  @Test
  void machineDescribesThisJvm() {
    BenchReport.Machine m = BenchReport.Machine.current();
    assertEquals(Runtime.getRuntime().availableProcessors(), m.cores());
    assertEquals(System.getProperty("java.version"), m.java());
  }
}
