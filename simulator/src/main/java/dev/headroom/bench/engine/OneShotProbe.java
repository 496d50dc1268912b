/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.bench.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs {@link OneShotMain} in a JVM of its own and reads what it printed. */
final class OneShotProbe {

  /** The figures of one run; heaps in bytes, used heap after a full GC. */
  record Result(int keys, int settleSeconds, long heapBefore, long heapLoaded, long heapSettled, int residentLoaded,
      int residentSettled, List<MemoryProbe.Growth> classes) {

    Result {
      classes = List.copyOf(classes);
    }
  }

  /** The result, or why there is none (exactly one is non-null). */
  record Outcome(Result result, String failure) {
    Outcome {
      if ((result == null) == (failure == null)) {
        throw new IllegalArgumentException("give a result or a failure");
      }
    }
  }

  private OneShotProbe() {}

  static Result measure(int keys, int settleSeconds, long timeoutSeconds) throws IOException {
    return parse(MemoryProbe.runForked(OneShotMain.class,
        List.of(Integer.toString(keys), Integer.toString(settleSeconds)), timeoutSeconds));
  }

  static Result parse(List<String> lines) {
    Map<String, Long> figures = new HashMap<>();
    List<MemoryProbe.Growth> classes = new ArrayList<>();
    for (String line : lines) {
      String[] f = line.trim().split("\\s+");
      try {
        if (f.length == 4 && f[0].equals("class")) {
          classes.add(new MemoryProbe.Growth(f[3], Long.parseLong(f[1]), Long.parseLong(f[2])));
        } else if (f.length == 2) {
          figures.put(f[0], Long.parseLong(f[1]));
        }
      } catch (NumberFormatException e) {
        // a log line that happens to have two words; the figures are checked below
      }
    }
    for (String k : List.of("keys", "settle_s", "heap_before", "heap_loaded", "heap_settled", "resident_loaded",
        "resident_settled")) {
      if (!figures.containsKey(k)) {
        throw new IllegalArgumentException("the one-shot JVM printed no '" + k + "':\n" + String.join("\n", lines));
      }
    }
    return new Result(Math.toIntExact(figures.get("keys")), Math.toIntExact(figures.get("settle_s")),
        figures.get("heap_before"), figures.get("heap_loaded"), figures.get("heap_settled"),
        Math.toIntExact(figures.get("resident_loaded")), Math.toIntExact(figures.get("resident_settled")), classes);
  }
}
