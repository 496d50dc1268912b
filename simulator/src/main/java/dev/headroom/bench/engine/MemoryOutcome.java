/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.bench.engine;

/** The memory probe's result, or why there is none (exactly one is non-null). */
record MemoryOutcome(MemoryProbe.Result result, String failure) {

  MemoryOutcome {
    if ((result == null) == (failure == null)) {
      throw new IllegalArgumentException("give a result or a failure");
    }
  }
}
