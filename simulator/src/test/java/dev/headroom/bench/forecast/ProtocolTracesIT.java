package dev.headroom.bench.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.headroom.forecaster.trace.SharedDatasets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The protocol's rows built from the real shared datasets; skipped when the folder is absent. */
class ProtocolTracesIT {

  private static Map<String, ProtocolSeries> rows;
  private static List<ProtocolSeries> list;

  @BeforeAll
  static void load() throws IOException {
    Path dir = SharedDatasets.find().orElse(null);
    Assumptions.assumeTrue(dir != null, "shared datasets folder not found at "
        + SharedDatasets.location() + " (set -D" + SharedDatasets.PROPERTY + "=...): skipped");
    list = ProtocolTraces.load(dir);
    rows = list.stream().collect(Collectors.toMap(ProtocolSeries::name, Function.identity()));
  }

  @Test
  void nineDayScaleRowsAndTwoAzureRows() {
    assertEquals(11, list.size());
    assertEquals(9, list.stream().filter(ProtocolSeries::dayScale).count());
    assertEquals(List.of("azure-code/10s", "azure-conv/10s"),
        list.stream().filter(r -> !r.dayScale()).map(ProtocolSeries::name).toList());
  }

  @Test
  void seasonsHorizonsAndOrigins() {
    for (ProtocolSeries r : list) {
      int n = r.series().size();
      assertEquals(0, r.series().missingCount(), r.name());
      if (r.dayScale()) {
        int perDay = r.name().endsWith("/5m") ? 288 : 24;
        assertEquals(perDay, r.season(), r.name());
        assertArrayEquals(new int[] {perDay / 24, perDay}, r.horizons(), r.name());
        assertEquals(7, r.origins().length, r.name());
        assertEquals(n - 7 * perDay, r.origins()[0], r.name());
        assertEquals(n, r.origins()[6] + perDay, r.name());
      } else {
        assertEquals(6, r.season(), r.name());
        assertArrayEquals(new int[] {1, 6, 30}, r.horizons(), r.name());
        assertEquals(2, r.origins().length, r.name());
      }
    }
  }

  @Test
  void seriesLengthsAndTotals() {
    Map<String, Integer> sizes = Map.ofEntries(
        Map.entry("nasa/5m", 16_866), Map.entry("nasa/1h", 1_405),
        Map.entry("twitter/5m", 6_330), Map.entry("twitter/1h", 527),
        Map.entry("worldcup/5m", 8_929), Map.entry("worldcup/1h", 743),
        Map.entry("wikipedia/1h", 744), Map.entry("aws/5m", 4_040), Map.entry("aws/1h", 336),
        Map.entry("azure-code/10s", 342), Map.entry("azure-conv/10s", 349));
    sizes.forEach((name, n) -> assertEquals(n, rows.get(name).series().size(), name));
    // All but the trailing partial block (the last 150 s) of the 3,461,610 NASA requests.
    assertEquals(3_461_558, total("nasa/5m"));
    assertEquals(951_863_947, total("worldcup/5m"));
    assertArrayEquals(new int[] {274, 308}, rows.get("azure-code/10s").origins());
    assertArrayEquals(new int[] {279, 314}, rows.get("azure-conv/10s").origins());
  }

  private static double total(String name) {
    return Arrays.stream(rows.get(name).series().values()).sum();
  }
}
