/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.bench.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@link MemoryMain} in a JVM of its own, with the launcher's flags, and reads what it printed. */
final class MemoryProbe {

  /** Class names whose instances are one per resident key. */
  static final String REGISTRY_STATE = "dev.headroom.engine.limiter.Generation";
  static final String TELEMETRY_CELL = "dev.headroom.engine.telemetry.KeyCell";

  /** A class that grew, by how many instances and bytes. */
  record Growth(String name, long instances, long bytes) {}

  /** The figures of one run. */
  record Result(int keys, int resident, long heapBefore, long heapAfter, long liveBefore, long liveAfter,
      List<Growth> classes) {

    Result {
      classes = List.copyOf(classes);
    }

    /** Heap the keys took, in MB (10^6 bytes), scaled to one million keys. */
    double mbPerMillionKeys() {
      return (heapAfter - heapBefore) / 1e6 * (1_000_000.0 / keys);
    }

    double liveMbPerMillionKeys() {
      return (liveAfter - liveBefore) / 1e6 * (1_000_000.0 / keys);
    }

    long instancesOf(String name) {
      return classes.stream().filter(c -> c.name().equals(name)).mapToLong(Growth::instances).sum();
    }
  }

  private MemoryProbe() {}

  static Result measure(int keys, long timeoutSeconds) throws IOException {
    return parse(runForked(MemoryMain.class, List.of(Integer.toString(keys)), timeoutSeconds));
  }

  /** Runs {@code main} in a JVM of its own with the launcher's flags; returns what it printed. */
  static List<String> runForked(Class<?> main, List<String> args, long timeoutSeconds) throws IOException {
    List<String> command = ForkedServer.javaCommand(main);
    command.addAll(args);
    Path log = Files.createTempFile("headroom-bench-memory", ".log");
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      p.getOutputStream().close();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("the memory JVM did not finish in " + timeoutSeconds + " s:\n" + ForkedServer.tail(log));
      }
      if (p.exitValue() != 0) {
        throw new IOException("the memory JVM exited with " + p.exitValue() + ":\n" + ForkedServer.tail(log));
      }
      return Files.readAllLines(log, StandardCharsets.UTF_8);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  static Result parse(List<String> lines) {
    Map<String, Long> figures = new HashMap<>();
    List<Growth> classes = new ArrayList<>();
    for (String line : lines) {
      String[] f = line.trim().split("\\s+");
      try {
        if (f.length == 4 && f[0].equals("class")) {
          classes.add(new Growth(f[3], Long.parseLong(f[1]), Long.parseLong(f[2])));
        } else if (f.length == 2) {
          figures.put(f[0], Long.parseLong(f[1]));
        }
      } catch (NumberFormatException e) {
        // a log line that happens to have two words; the figures are checked below
      }
    }
    for (String k : List.of("keys", "resident", "heap_before", "heap_after", "histogram_before", "histogram_after")) {
      if (!figures.containsKey(k)) {
        throw new IllegalArgumentException("the memory JVM printed no '" + k + "':\n" + String.join("\n", lines));
      }
    }
    Result r = new Result(Math.toIntExact(figures.get("keys")), Math.toIntExact(figures.get("resident")),
        figures.get("heap_before"), figures.get("heap_after"), figures.get("histogram_before"),
        figures.get("histogram_after"), classes);
    if (r.resident() != r.keys()) {
      throw new IllegalArgumentException("only " + r.resident() + " of " + r.keys()
          + " keys were resident in the registry when the heap was measured");
    }
    return r;
  }
}
