package dev.headroom.simulator.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.forecaster.trace.Trace;
import dev.headroom.forecaster.trace.TraceFormat;
import dev.headroom.forecaster.trace.TraceReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped synthetic traces are what their documented generator and seed make. */
class BundledTracesTest {

  @TempDir
  Path dir;

  private static Path datasets() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("datasets"))) {
        return p.resolve("datasets");
      }
    }
    throw new IllegalStateException("no datasets/ folder above " + Path.of("").toAbsolutePath());
  }

  private static List<String> lines(Path gz, int max) throws IOException {
    List<String> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
      for (String l = r.readLine(); l != null && out.size() < max; l = r.readLine()) {
        out.add(l);
      }
    }
    return out;
  }

  @Test
  void theFirstDayOfTheApiTraceRegeneratesLineForLine() throws IOException {
    Path slice = dir.resolve("api-day.csv.gz");
    TraceWriter.writeCounts(BundledTraces.API.withSpan(Duration.ofDays(1)).counts(), slice);
    List<String> regenerated = lines(slice, Integer.MAX_VALUE);
    assertEquals(1 + 1440, regenerated.size());
    assertEquals(regenerated, lines(datasets().resolve(BundledTraces.API_FILE), 1441));
  }

  @Test
  void theFirstHourOfTheTenantsTraceRegeneratesLineForLine() throws IOException {
    Path slice = dir.resolve("tenants-hour.csv.gz");
    long rows = TraceWriter.writeRequests(BundledTraces.tenantsWorkload(Duration.ofHours(1)),
        BundledTraces.TENANTS_EXPANSION_SEED, "tenant", slice);
    assertTrue(rows > 5_000, rows + " rows");
    List<String> regenerated = lines(slice, Integer.MAX_VALUE);
    assertEquals(regenerated,
        lines(datasets().resolve(BundledTraces.TENANTS_FILE), regenerated.size()));
  }

  @Test
  void theShippedFilesReadAsTheirFormats() throws IOException {
    Trace api = TraceReader.read(datasets().resolve(BundledTraces.API_FILE));
    assertEquals(TraceFormat.INTERVALS, api.format());
    assertEquals(Duration.ofMinutes(1), api.nativeStep());
    assertEquals(28 * 1440, api.series().size());
    assertEquals(0, api.series().missingCount());

    Trace tenants = TraceReader.read(datasets().resolve(BundledTraces.TENANTS_FILE));
    assertEquals(TraceFormat.REQUESTS, tenants.format());
    assertEquals(Set.of("web", "mobile", "batch"),
        Set.copyOf(tenants.requests().orElseThrow().keyNames()));
    // About 4 requests a second over the day.
    int n = tenants.requests().orElseThrow().size();
    assertTrue(n > 300_000 && n < 400_000, n + " requests");
  }
}
