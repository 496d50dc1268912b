package dev.headroom.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A whole benchmark report as /work/shared/BENCHMARKS.md defines it: which benchmark, when it
 * started (ISO-8601 UTC), on what machine, and its rows. {@code settings} holds how it was run
 * (iterations, JVM flags) so that two reports can be told apart; it may be empty.
 */
public record BenchReport(
    String benchmark, Instant started, Machine machine, Map<String, Object> settings, List<BenchRow> rows) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

  public BenchReport {
    if (benchmark == null || !NAME.matcher(benchmark).matches()) {
      throw new IllegalArgumentException("benchmark name must be lower-case letters, digits and dashes: " + benchmark);
    }
    started = started.truncatedTo(ChronoUnit.SECONDS);
    settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    rows = List.copyOf(rows);
  }

  /** The machine a report was measured on. */
  public record Machine(int cores, String java, String os) {

    public static Machine current() {
      return new Machine(Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"), System.getProperty("os.name"));
    }

    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("cores", cores);
      m.put("java", java);
      m.put("os", os);
      return m;
    }
  }

  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("benchmark", benchmark);
    m.put("started", started.toString());
    m.put("machine", machine.toJson());
    if (!settings.isEmpty()) {
      m.put("settings", settings);
    }
    m.put("rows", rows.stream().map(BenchRow::toJson).toList());
    return m;
  }

  /**
   * Writes {@code DIR/BENCHMARK.json} (creating DIR), replacing any earlier report atomically, and
   * returns its path.
   */
  public Path writeTo(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path target = dir.resolve(benchmark + ".json");
    Path tmp = Files.createTempFile(dir, "." + benchmark, ".json.tmp");
    try {
      Files.writeString(tmp, Json.write(toJson()) + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return target;
  }

  /** The flags this JVM was started with; a forked measurement JVM gets the same. */
  public static List<String> jvmFlags() {
    return List.copyOf(ManagementFactory.getRuntimeMXBean().getInputArguments());
  }
}
