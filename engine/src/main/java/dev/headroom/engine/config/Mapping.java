/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A YAML mapping being read. Every field the reader asks for is remembered, so that {@link #finish}
 * can report the fields nobody asked for as unknown (a misspelt optional field would otherwise be
 * silently ignored, the worst kind of config bug) and suggest the closest known one.
 */
final class Mapping {

  private final MappingNode node;
  private final String path;
  private final Problems problems;
  private final Map<String, Value> fields = new LinkedHashMap<>();
  private final Map<String, Value> keys = new LinkedHashMap<>();
  private final Set<String> asked = new LinkedHashSet<>();
  private final Set<String> excused = new LinkedHashSet<>();

  Mapping(MappingNode node, String path, Problems problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
    Map<String, Integer> firstLine = new LinkedHashMap<>();
    for (NodeTuple t : node.getValue()) {
      Value key = new Value(t.getKeyNode(), path, problems);
      if (!(t.getKeyNode() instanceof ScalarNode k) || key.isNull()) {
        key.error("field names must be plain words, got " + key.got());
        continue;
      }
      String name = k.getValue();
      int line = t.getKeyNode().getStartMark().getLine() + 1;
      if (firstLine.putIfAbsent(name, line) != null) {
        new Value(t.getKeyNode(), child(name), problems)
            .error("duplicate field (first set on line " + firstLine.get(name) + ")");
        continue;
      }
      fields.put(name, new Value(t.getValueNode(), child(name), problems));
      keys.put(name, new Value(t.getKeyNode(), child(name), problems));
    }
  }

  String path() {
    return path;
  }

  String child(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  Set<String> names() {
    return fields.keySet();
  }

  boolean has(String name) {
    asked.add(name);
    return fields.containsKey(name) && !fields.get(name).isNull();
  }

  /** The field even when its value is empty (null only when absent). */
  Value raw(String name) {
    asked.add(name);
    return fields.get(name);
  }

  /** The field, or null when absent or empty. */
  Value get(String name) {
    asked.add(name);
    Value v = fields.get(name);
    return v == null || v.isNull() ? null : v;
  }

  /** The field; reports it missing (at this mapping's line) and returns null when absent. */
  Value require(String name) {
    Value v = get(name);
    if (v == null) {
      missing(name);
    }
    return v;
  }

  void missing(String name) {
    problems.add(node.getStartMark(), child(name), "required field is missing");
  }

  /** Reads an optional field with {@code read}; {@code fallback} when absent or wrong. */
  <T> T opt(String name, Function<Value, T> read, T fallback) {
    Value v = get(name);
    if (v == null) {
      return fallback;
    }
    T t = read.apply(v);
    return t == null ? fallback : t;
  }

  /** Reads a required field; null when it is missing or wrong (the problem is recorded). */
  <T> T req(String name, Function<Value, T> read) {
    Value v = require(name);
    return v == null ? null : read.apply(v);
  }

  /** A field that exists elsewhere but does not belong here: says why instead of "unknown". */
  void notHere(String name, String why) {
    excused.add(name);
    Value key = keys.get(name);
    if (key != null) {
      key.error(why);
    }
  }

  /** A field not judged now (its meaning depends on a value that was wrong): never reported as unknown. */
  void skip(String name) {
    excused.add(name);
  }

  /** Reports every field nobody asked for. Call once, after reading. */
  void finish() {
    for (Map.Entry<String, Value> e : keys.entrySet()) {
      if (!asked.contains(e.getKey()) && !excused.contains(e.getKey())) {
        e.getValue().error("unknown field" + Suggest.didYouMean(e.getKey(), asked)
            + "; known fields here: " + String.join(", ", asked));
      }
    }
  }

  /** A problem with field {@code name}: at its value when set, else at this mapping (a default was at fault). */
  void errorAt(String name, String message) {
    Value v = fields.get(name);
    if (v != null) {
      v.error(message);
    } else {
      problems.add(node.getStartMark(), child(name), message);
    }
  }

  /** A problem with this mapping as a whole (its first line). */
  void error(String message) {
    problems.add(node.getStartMark(), path, message);
  }
}
