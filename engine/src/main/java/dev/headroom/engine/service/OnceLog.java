/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.service;

import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs a failure once per kind: a fault that every request hits must not print a line per request
 * (a client could fill the disk), yet the operator needs to see it once, with its detail.
 */
public final class OnceLog {

  /** Kinds remembered at most: a flood of distinct kinds logs this many and then stays quiet. */
  static final int MAX_KINDS = 1000;

  private final PrintStream out;
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  public OnceLog(PrintStream out) {
    this.out = out;
  }

  /** Prints {@code message} if nothing of {@code kind} was printed before; true when it printed. */
  public boolean log(String kind, String message) {
    if (seen.size() >= MAX_KINDS || !seen.add(kind)) {
      return false;
    }
    out.println("headroom: " + message + " (logged once for " + kind + ")");
    return true;
  }

  /** {@code Class: message} of a throwable, on one line, for the log. */
  public static String describe(Throwable e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getName() : e.getClass().getName() + ": " + m.lines().findFirst().orElse("");
  }
}
