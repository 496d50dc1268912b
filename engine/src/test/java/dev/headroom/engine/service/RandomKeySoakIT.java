package dev.headroom.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A soak test compressed to minutes: random keys, each seen once, at full speed through the default
 * configuration (what {@code headroom serve} runs without a file), with the heap sampled after GC
 * ({@link SoakLoad}, in a JVM of its own). The engine may fill up to its key limit, but then it must
 * stop growing: a flood of one-shot keys (a scan, a botnet, a bug in a client) must not grow memory
 * without bound. Then a short phase over real HTTP on the same configuration.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class RandomKeySoakIT {

  /** Samples after the warm-up; {@link SoakLoad} takes this many unless the heap passes its cap. */
  static final int SAMPLES = 10;
  /** The child's heap; {@link SoakLoad} stops sampling past {@link #HEAP_ABORT_BYTES}. */
  static final int CHILD_HEAP_MB = 4096;
  static final long HEAP_ABORT_BYTES = 3L << 30;
  /**
   * Growth allowed over the sampled window (about 90 s), from the least-squares slope of the
   * samples. With the engine's state bounded the samples scatter by up to 100 MB around a level
   * (intervals of a million keys come and go); leaking one-shot keys' policy state grew the heap by
   * 4-5 MB a second, 400 MB and more over the window.
   */
  private static final long GROWTH_ALLOWED_BYTES = 256L << 20;
  /** What the short HTTP phase may leave behind. */
  private static final long HTTP_GROWTH_ALLOWED_BYTES = 128L << 20;

  @TempDir
  Path dir;

  @Test
  void oneShotKeysAtFullSpeedKeepTheHeapBounded() throws Exception {
    // In a JVM of its own: the heap measured is the engine's alone, and whatever the flood leaves
    // behind cannot slow the integration tests that share this JVM.
    Path log = dir.resolve("soak.log");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-Xmx" + CHILD_HEAP_MB + "m",
        "-cp", System.getProperty("java.class.path"), SoakLoad.class.getName(), dir.toString()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    p.getOutputStream().close();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      fail("the soak JVM did not finish in 5 minutes:\n" + Files.readString(log));
    }
    List<String> lines = Files.readAllLines(log);
    lines.forEach(l -> System.out.println("soak: " + l));
    assertEquals(0, p.exitValue(), "the soak JVM failed:\n" + String.join("\n", lines));
    List<Double> times = new ArrayList<>();
    List<Long> samples = new ArrayList<>();
    long[] http = null;
    for (String line : lines) {
      String[] f = line.split(" ");
      switch (f[0]) {
        case "skip" -> assumeTrue(false, line.substring(5));
        case "sample" -> {
          times.add(Double.parseDouble(f[1]));
          samples.add(Long.parseLong(f[2]));
        }
        case "http" -> http = new long[] {Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])};
        default -> { } // progress, for the log
      }
    }

    // The assertion this test exists for. It fails while the policy loop gives every key it saw a
    // rate (re-creating keys the registry evicted) and keeps their policy state for an hour.
    assertHeapBounded(times, samples);

    assertTrue(http != null && http[0] > 0, "no HTTP phase:\n" + String.join("\n", lines));
    assertTrue(http[2] <= http[1] + HTTP_GROWTH_ALLOWED_BYTES,
        "the HTTP phase left the heap at " + http[2] / 1_000_000 + " MB, from " + http[1] / 1_000_000 + " MB");
  }

  /** No trend after the warm-up: the heap's fitted growth over the sampled window stays small. */
  static void assertHeapBounded(List<Double> times, List<Long> samples) {
    List<Long> mb = samples.stream().map(b -> b >> 20).toList();
    if (samples.size() < SAMPLES) {
      fail("the heap passed " + (HEAP_ABORT_BYTES >> 20) + " MB after GC; samples (MB) " + mb);
    }
    double meanT = times.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double meanH = samples.stream().mapToDouble(Long::doubleValue).average().orElseThrow();
    double num = 0;
    double den = 0;
    for (int i = 0; i < samples.size(); i++) {
      num += (times.get(i) - meanT) * (samples.get(i) - meanH);
      den += (times.get(i) - meanT) * (times.get(i) - meanT);
    }
    double window = times.getLast() - times.getFirst();
    double growth = num / den * window;
    double allowed = GROWTH_ALLOWED_BYTES;
    assertTrue(growth <= allowed, String.format(Locale.ROOT, "the heap kept growing under one-shot keys: %.0f MB"
        + " over %.0f s of samples (fitted), more than the %.0f MB allowed; samples (MB) %s at %s s", growth / (1 << 20),
        window, allowed / (1 << 20), mb, times.stream().map(Math::round).toList()));
  }
}
