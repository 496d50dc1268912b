package dev.headroom.bench.limiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FootprintProbeTest {

  private static final List<String> OUTPUT = List.of(
      "# WARNING: Unable to get Instrumentation.",
      "keys 56",
      "footprint headroom-registry 128.39 1000000 128388888 264 4000008",
      "footprint bucket4j-map 410.50 100000 41050064 64 1500004",
      "compact-headers false");

  @Test
  void readsTheChildJvmsFigures() {
    FootprintProbe.Result r = FootprintProbe.parse(false, OUTPUT);
    assertNull(r.error());
    assertEquals(56.0, r.keyStringBytes());
    assertEquals(128.39, r.structure("headroom-registry").orElseThrow().bytesPerKey());
    assertEquals(1_000_000, r.structure("headroom-registry").orElseThrow().keys());
    assertEquals(100_000, r.structure("bucket4j-map").orElseThrow().keys());
  }

  @Test
  void aJvmThatIgnoredTheHeaderFlagIsAFailure() {
    FootprintProbe.Result r = FootprintProbe.parse(true, OUTPUT);
    assertTrue(r.error().contains("compact headers"), r.error());
    assertTrue(r.structures().isEmpty());
  }

  @Test
  void missingFiguresAreAFailure() {
    assertTrue(FootprintProbe.parse(false, List.of("Exception in thread main")).error().contains("no figures"));
    assertTrue(FootprintProbe.parse(false, List.of("footprint x notanumber 1 2 3 4", "compact-headers false"))
        .error().contains("unreadable"));
  }
}
