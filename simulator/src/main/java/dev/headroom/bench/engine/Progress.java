/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.bench.engine;

import java.io.PrintStream;
import java.util.Locale;

/** Progress lines on standard error, each with the seconds since the benchmark started. */
final class Progress {

  private final PrintStream err;
  private final long start = System.nanoTime();

  Progress(PrintStream err) {
    this.err = err;
  }

  void line(String text) {
    err.printf(Locale.ROOT, "bench engine [%4.0f s] %s%n", (System.nanoTime() - start) / 1e9, text);
    err.flush();
  }
}
