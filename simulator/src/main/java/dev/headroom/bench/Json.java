package dev.headroom.bench;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * A small JSON writer for benchmark reports: maps (in their iteration order), lists, strings,
 * numbers, booleans and null. No dependency, and the layout is stable so that reports diff well:
 * a map or list holding only scalars is written on one line, anything else one entry per line.
 *
 * <p>Non-finite doubles (NaN, infinities) have no JSON form and are written as {@code null}.
 */
public final class Json {

  private static final String INDENT = "  ";

  private Json() {}

  /** {@code value} as JSON text, without a trailing newline. */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value, 0);
    return out.toString();
  }

  private static void write(StringBuilder out, Object value, int depth) {
    switch (value) {
      case null -> out.append("null");
      case String s -> string(out, s);
      case Boolean b -> out.append(b);
      case Double d -> number(out, d);
      case Float f -> number(out, f.doubleValue());
      case BigDecimal d -> out.append(d.toPlainString());
      case Number n -> out.append(n.longValue());
      case Map<?, ?> map -> object(out, map, depth);
      case Collection<?> list -> array(out, list, depth);
      case Enum<?> e -> string(out, e.name().toLowerCase(java.util.Locale.ROOT));
      default -> throw new IllegalArgumentException(
          "no JSON form for a " + value.getClass().getName() + ": " + value);
    }
  }

  private static void object(StringBuilder out, Map<?, ?> map, int depth) {
    if (map.isEmpty()) {
      out.append("{}");
      return;
    }
    boolean flat = map.values().stream().allMatch(Json::isScalar);
    out.append('{');
    Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<?, ?> e = it.next();
      if (!(e.getKey() instanceof String key)) {
        throw new IllegalArgumentException("JSON object keys must be strings, got " + e.getKey());
      }
      if (!flat) {
        newline(out, depth + 1);
      }
      string(out, key);
      out.append(": ");
      write(out, e.getValue(), depth + 1);
      if (it.hasNext()) {
        out.append(flat ? ", " : ",");
      }
    }
    if (!flat) {
      newline(out, depth);
    }
    out.append('}');
  }

  private static void array(StringBuilder out, Collection<?> list, int depth) {
    if (list.isEmpty()) {
      out.append("[]");
      return;
    }
    boolean flat = list.stream().allMatch(Json::isScalar);
    out.append('[');
    Iterator<?> it = list.iterator();
    while (it.hasNext()) {
      if (!flat) {
        newline(out, depth + 1);
      }
      write(out, it.next(), depth + 1);
      if (it.hasNext()) {
        out.append(flat ? ", " : ",");
      }
    }
    if (!flat) {
      newline(out, depth);
    }
    out.append(']');
  }

  private static boolean isScalar(Object value) {
    return !(value instanceof Map<?, ?>) && !(value instanceof Collection<?>);
  }

  private static void newline(StringBuilder out, int depth) {
    out.append('\n');
    out.append(INDENT.repeat(depth));
  }

  /** A double in plain notation where that stays short (1.5E8 becomes 150000000.0), else exponent form. */
  static void number(StringBuilder out, double d) {
    if (!Double.isFinite(d)) {
      out.append("null");
      return;
    }
    double abs = Math.abs(d);
    if (d == 0 || (abs >= 1e-6 && abs < 1e16)) {
      String plain = BigDecimal.valueOf(d).toPlainString();
      out.append(plain);
      if (plain.indexOf('.') < 0) {
        out.append(".0");
      }
    } else {
      out.append(Double.toString(d)); // 1.0E-7: valid JSON
    }
  }

  static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
