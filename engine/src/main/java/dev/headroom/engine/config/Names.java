/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Names of limits, capacity groups, priority classes and upstreams: they end up in bucket keys,
 * metric tags and InfluxDB tags, so they are kept to a safe alphabet and must be unique per list.
 */
final class Names {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final Map<String, Integer> seen = new HashMap<>();
  private final String what;

  Names(String what) {
    this.what = what;
  }

  /** Reads a required name from {@code m} and checks it is well formed and not a repeat. */
  String read(Mapping m) {
    Value v = m.require("name");
    if (v == null) {
      return null;
    }
    String name = v.text();
    if (name == null) {
      return null;
    }
    if (!NAME.matcher(name).matches()) {
      v.expected("expected a name of letters, digits, '.', '_' and '-' (at most 64, starting with a letter or digit)");
      return null;
    }
    int line = v.node().getStartMark().getLine() + 1;
    Integer first = seen.putIfAbsent(name, line);
    if (first != null) {
      v.error("another " + what + " is already called " + Value.quote(name) + " (line " + first + ")");
    }
    return name;
  }

  java.util.Set<String> all() {
    return seen.keySet();
  }
}
