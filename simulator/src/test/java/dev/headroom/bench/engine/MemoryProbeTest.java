package dev.headroom.bench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryProbeTest {

  private static final List<String> PRINTED = List.of(
      "keys 1000000",
      "resident 1000000",
      "heap_before 4308368",
      "heap_after 248341208",
      "histogram_before 4936040",
      "histogram_after 239952976",
      "class 2000085 64002720 java.util.concurrent.ConcurrentHashMap$Node",
      "class 1000000 56000000 dev.headroom.engine.telemetry.KeyCell",
      "class 1000000 32000000 dev.headroom.engine.limiter.Generation");

  @Test
  void readsTheFiguresAndScalesToAMillionKeys() {
    MemoryProbe.Result r = MemoryProbe.parse(PRINTED);
    assertEquals(1_000_000, r.keys());
    assertEquals((248341208 - 4308368) / 1e6, r.mbPerMillionKeys(), 1e-9);
    assertEquals((239952976 - 4936040) / 1e6, r.liveMbPerMillionKeys(), 1e-9);
    assertEquals(1_000_000, r.instancesOf(MemoryProbe.TELEMETRY_CELL));
    assertEquals(1_000_000, r.instancesOf(MemoryProbe.REGISTRY_STATE));
    assertEquals(3, r.classes().size());

    List<String> tenth = PRINTED.stream()
        .map(l -> l.replace("keys 1000000", "keys 100000").replace("resident 1000000", "resident 100000")
            .replace("heap_after 248341208", "heap_after 28308368"))
        .toList();
    assertEquals(240.0, MemoryProbe.parse(tenth).mbPerMillionKeys(), 1e-9);
  }

  @Test
  void keysThatWereNotResidentFailTheMeasurement() {
    List<String> evicted = PRINTED.stream().map(l -> l.replace("resident 1000000", "resident 999000")).toList();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MemoryProbe.parse(evicted));
    assertTrue(e.getMessage().contains("999000 of 1000000"), e.getMessage());
  }

  @Test
  void aMissingFigureIsAnError() {
    List<String> noAfter = PRINTED.stream().filter(l -> !l.startsWith("heap_after")).toList();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MemoryProbe.parse(noAfter));
    assertTrue(e.getMessage().contains("heap_after"), e.getMessage());
  }

  @Test
  void theClassHistogramOfThisJvmIsRead() throws Exception {
    MemoryMain.Histogram h = MemoryMain.Histogram.take();
    assertTrue(h.totalBytes() > 0);
    assertTrue(h.entries().get("java.lang.String").instances() > 100, h.entries().get("java.lang.String").toString());
    long sum = h.entries().values().stream().mapToLong(MemoryMain.Histogram.Entry::bytes).sum();
    assertEquals(h.totalBytes(), sum, "the total line is the sum of the classes");
  }

  @Test
  void growthIsMeasuredAgainstTheEarlierHistogram() {
    MemoryMain.Histogram before = MemoryMain.Histogram.parse("""
         num     #instances         #bytes  class name (module)
        -------------------------------------------------------
           1:           100           4000  [B (java.base@25.0.3)
           2:            10            240  java.lang.String (java.base@25.0.3)
        Total           110           4240
        """);
    MemoryMain.Histogram after = MemoryMain.Histogram.parse("""
         num     #instances         #bytes  class name (module)
        -------------------------------------------------------
           1:           300          12000  [B (java.base@25.0.3)
           2:            50           1600  dev.headroom.engine.limiter.Generation
           3:            10            240  java.lang.String (java.base@25.0.3)
        Total           360          13840
        """);
    assertEquals(13840, after.totalBytes());
    List<MemoryMain.Histogram.Entry> growth = after.growthOver(before, 2);
    assertEquals(List.of(new MemoryMain.Histogram.Entry("[B", 200, 8000),
        new MemoryMain.Histogram.Entry("dev.headroom.engine.limiter.Generation", 50, 1600)), growth);
    assertThrows(IllegalStateException.class, () -> MemoryMain.Histogram.parse("no histogram here"));
  }

  @Test
  void keysHaveTwelveCharacters() {
    assertEquals("key-00000000", MemoryMain.key(0));
    assertEquals("key-00999999", MemoryMain.key(999_999));
  }
}
