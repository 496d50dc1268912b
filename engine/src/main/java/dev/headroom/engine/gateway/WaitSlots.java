/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.gateway;

import java.util.concurrent.atomic.AtomicInteger;

/** The places in one upstream's waiting room (shaping and quota pacing together): full means 429 at once. */
final class WaitSlots {

  private final AtomicInteger used = new AtomicInteger();
  private final int max;

  WaitSlots(int max) {
    this.max = max;
  }

  boolean tryTake() {
    for (;;) {
      int n = used.get();
      if (n >= max) {
        return false;
      }
      if (used.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  void release() {
    used.decrementAndGet();
  }

  int waiting() {
    return used.get();
  }

  int max() {
    return max;
  }
}
