package dev.headroom.bench.limiter;

import dev.headroom.bench.BenchReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link KeyFootprint} in a fresh JVM: the same java, class path and flags as this one (the
 * launcher's, with {@code HEADROOM_JAVA_OPTS}), plus compact object headers switched on or off.
 */
public final class FootprintProbe {

  /** One structure's figure: bytes per key, measured with {@code keys} keys. */
  public record Structure(String id, int keys, double bytesPerKey) {}

  /**
   * What one JVM measured, or why it could not.
   *
   * @param keyStringBytes the size of one key (String and its array), part of every structure's figure
   */
  public record Result(boolean compactHeaders, double keyStringBytes, List<Structure> structures, String error) {

    public Result {
      structures = List.copyOf(structures);
    }

    static Result failed(boolean compactHeaders, String error) {
      return new Result(compactHeaders, Double.NaN, List.of(), error);
    }

    public Optional<Structure> structure(String id) {
      return structures.stream().filter(s -> s.id().equals(id)).findFirst();
    }
  }

  private FootprintProbe() {}

  /**
   * Measures Headroom's registry with {@code keys} keys and each rival's map with {@code rivalKeys}
   * (their object graphs are several times larger, and JOL walks about a million objects a second).
   */
  public static Result measure(boolean compactHeaders, int keys, int rivalKeys, long timeoutSeconds) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(BenchReport.jvmFlags());
    // Last flag wins: overrides a setting inherited from HEADROOM_JAVA_OPTS for this row only.
    command.add(compactHeaders ? "-XX:+UseCompactObjectHeaders" : "-XX:-UseCompactObjectHeaders");
    // JOL reads object fields through sun.misc.Unsafe; say it is intended instead of warning.
    command.add("--sun-misc-unsafe-memory-access=allow");
    // Records (Rate) refuse Unsafe.objectFieldOffset; JOL then finds offsets its own way.
    command.add("-Djol.magicFieldOffset=true");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(KeyFootprint.class.getName());
    command.add(Integer.toString(keys));
    command.add(Integer.toString(rivalKeys));
    Path log = null;
    try {
      log = Files.createTempFile("headroom-footprint", ".log");
      Process p = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Result.failed(compactHeaders, "timed out after " + timeoutSeconds + " s");
      }
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        return Result.failed(compactHeaders, "exit " + p.exitValue() + ": " + tail(lines));
      }
      return parse(compactHeaders, lines);
    } catch (IOException e) {
      return Result.failed(compactHeaders, "could not start the JVM: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Result.failed(compactHeaders, "interrupted");
    } finally {
      if (log != null) {
        try {
          Files.deleteIfExists(log);
        } catch (IOException ignored) {
          // a temporary file left behind
        }
      }
    }
  }

  /** Reads what {@link KeyFootprint} printed; a failure if anything is missing or not as asked. */
  static Result parse(boolean requested, List<String> lines) {
    List<Structure> structures = new ArrayList<>();
    double keyBytes = Double.NaN;
    Boolean compact = null;
    try {
      for (String line : lines) {
        String[] f = line.trim().split("\\s+");
        if (line.startsWith(KeyFootprint.PREFIX) && f.length >= 4) {
          structures.add(new Structure(f[1], Integer.parseInt(f[3]), Double.parseDouble(f[2])));
        } else if (f.length == 2 && f[0].equals("keys")) {
          keyBytes = Double.parseDouble(f[1]);
        } else if (f.length == 2 && f[0].equals("compact-headers")) {
          compact = Boolean.parseBoolean(f[1]);
        }
      }
    } catch (NumberFormatException e) {
      return Result.failed(requested, "unreadable output (" + e.getMessage() + "): " + tail(lines));
    }
    if (compact == null || structures.isEmpty()) {
      return Result.failed(requested, "no figures in the output: " + tail(lines));
    }
    if (compact != requested) {
      return Result.failed(requested, String.format(Locale.ROOT,
          "asked for compact headers %s, the JVM ran with %s", requested, compact));
    }
    return new Result(compact, keyBytes, structures, null);
  }

  private static String tail(List<String> lines) {
    return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
  }
}
