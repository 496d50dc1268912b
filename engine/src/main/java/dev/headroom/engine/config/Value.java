/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

import dev.headroom.engine.limiter.Rate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One YAML value with its path and position. Typed readers report a problem and return null instead
 * of throwing, so the reader goes on and the user sees every problem of the file in one run.
 */
final class Value {

  private final Node node;
  private final String path;
  private final Problems problems;

  Value(Node node, String path, Problems problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
  }

  String path() {
    return path;
  }

  Node node() {
    return node;
  }

  Problems problems() {
    return problems;
  }

  /** Reports a problem with this value. */
  void error(String message) {
    problems.add(node.getStartMark(), path, message);
  }

  /** Reports {@code "<expected>, got <what is here>"}. */
  void expected(String what) {
    error(what + ", got " + got());
  }

  boolean isNull() {
    return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
  }

  /** How the value reads in a message: a scalar quoted, a collection by its kind. */
  String got() {
    return switch (node) {
      case ScalarNode s when s.getTag().equals(Tag.NULL) -> "nothing";
      case ScalarNode s -> quote(s.getValue());
      case MappingNode m -> "a mapping (field: value lines)";
      case SequenceNode q -> "a list";
      default -> "a " + node.getNodeId();
    };
  }

  /** The scalar text; a mapping or list here is a problem. */
  String text() {
    if (node instanceof ScalarNode s && !isNull()) {
      return s.getValue();
    }
    expected("expected a single value");
    return null;
  }

  String string() {
    String t = text();
    if (t != null && t.isBlank()) {
      error("must not be blank");
      return null;
    }
    return t;
  }

  Mapping mapping() {
    if (node instanceof MappingNode m) {
      return new Mapping(m, path, problems);
    }
    expected("expected a mapping (field: value lines)");
    return null;
  }

  /** The items of a list, each with its {@code path[i]}; a single value is a problem. */
  List<Value> list() {
    if (!(node instanceof SequenceNode seq)) {
      expected("expected a list (lines starting with \"- \")");
      return List.of();
    }
    List<Value> items = new ArrayList<>();
    for (int i = 0; i < seq.getValue().size(); i++) {
      items.add(new Value(seq.getValue().get(i), path + "[" + i + "]", problems));
    }
    return items;
  }

  Boolean bool() {
    String t = text();
    if (t == null) {
      return null;
    }
    return switch (t) {
      case "true" -> true;
      case "false" -> false;
      default -> {
        expected("expected true or false");
        yield null;
      }
    };
  }

  Long integer(long min, long max) {
    String t = text();
    if (t == null) {
      return null;
    }
    long v;
    try {
      v = Long.parseLong(t.replace("_", ""));
    } catch (NumberFormatException e) {
      expected("expected a whole number");
      return null;
    }
    if (v < min || v > max) {
      expected("expected a whole number between " + min + " and " + max);
      return null;
    }
    return v;
  }

  /** A number in [min, max]; {@code exclusiveMin} makes the lower bound strict. */
  Double number(double min, boolean exclusiveMin, double max) {
    String t = text();
    if (t == null) {
      return null;
    }
    // Plain decimals only: Double.parseDouble would also take "1.5f", "0x1p3" or "Infinity".
    if (!t.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
      expected("expected a number");
      return null;
    }
    double v = Double.parseDouble(t);
    if (!Double.isFinite(v) || (exclusiveMin ? v <= min : v < min) || v > max) {
      expected("expected a number " + (exclusiveMin ? "above " : "from ") + trim(min) + " to " + trim(max));
      return null;
    }
    return v;
  }

  Duration duration() {
    return parse(DurationText::parse);
  }

  /** A duration above zero. */
  Duration positiveDuration() {
    Duration d = duration();
    if (d != null && d.isZero()) {
      expected("expected a duration above zero such as 30s");
      return null;
    }
    return d;
  }

  Rate rate() {
    return parse(Units::rate);
  }

  Units.Quota quota() {
    return parse(Units::quota);
  }

  Long size() {
    return parse(Units::size);
  }

  /** One of {@code choices}, with a suggestion when the text is a near miss. */
  String oneOf(Set<String> choices) {
    String t = text();
    if (t == null) {
      return null;
    }
    if (!choices.contains(t)) {
      error("expected one of " + String.join(", ", choices) + ", got " + quote(t)
          + Suggest.didYouMean(t, choices));
      return null;
    }
    return t;
  }

  /** Parses the text with {@code parser}, whose exception message says what was expected. */
  <T> T parse(Function<String, T> parser) {
    String t = text();
    if (t == null) {
      return null;
    }
    try {
      return parser.apply(t);
    } catch (IllegalArgumentException e) {
      expected(e.getMessage());
      return null;
    }
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length() && i < 80; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        default -> b.append(c);
      }
    }
    if (s.length() > 80) {
      b.append("...");
    }
    return b.append('"').toString();
  }

  private static String trim(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
