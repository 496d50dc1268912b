package dev.headroom.forecaster.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON lines: one object per line. Only top-level fields are read; a string gives its unescaped
 * text, a number or literal its token, and nested objects or arrays are skipped. The first object's
 * fields name the columns.
 */
final class JsonSyntax implements LineSyntax {

  private final List<String> names;

  private JsonSyntax(List<String> names) {
    this.names = names;
  }

  /** The syntax of a file whose first line is {@code first}; fails if it is not an object. */
  static JsonSyntax of(String first) {
    return new JsonSyntax(List.copyOf(fields(first).keySet()));
  }

  @Override
  public List<String> names() {
    return names;
  }

  @Override
  public boolean firstLineIsHeader() {
    return false;
  }

  @Override
  public String pick(String line, int[] cols, String[] out) {
    Map<String, String> fields;
    try {
      fields = fields(line);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    for (int j = 0; j < cols.length; j++) {
      String name = names.get(cols[j]);
      String v = fields.get(name);
      if (v == null) {
        return "has no field '" + name + "'";
      }
      out[j] = v;
    }
    return null;
  }

  /** Top-level scalar fields of a one-line object; JSON null is left out. */
  static Map<String, String> fields(String line) {
    return new Parser(line).object();
  }

  private static final class Parser {
    private final String s;
    private int i;

    Parser(String s) {
      this.s = s;
    }

    Map<String, String> object() {
      Map<String, String> out = new LinkedHashMap<>();
      skipBlanks();
      expect('{');
      skipBlanks();
      if (peek() == '}') {
        i++;
      } else {
        while (true) {
          skipBlanks();
          String name = string();
          skipBlanks();
          expect(':');
          skipBlanks();
          String value = value();
          if (value != null) {
            out.put(name, value);
          }
          skipBlanks();
          char c = next();
          if (c == '}') {
            break;
          }
          if (c != ',') {
            throw fail("expected ',' or '}' at character " + i);
          }
        }
      }
      skipBlanks();
      if (i < s.length()) {
        throw fail("text after the object at character " + (i + 1));
      }
      return out;
    }

    /** A scalar's text, or null for JSON null and for nested values. */
    private String value() {
      char c = peek();
      if (c == '"') {
        return string();
      }
      if (c == '{' || c == '[') {
        skipNested();
        return null;
      }
      int start = i;
      while (i < s.length() && ",}] \t\r".indexOf(s.charAt(i)) < 0) {
        i++;
      }
      if (i == start) {
        throw fail("expected a value at character " + (i + 1));
      }
      String token = s.substring(start, i);
      return token.equals("null") ? null : token;
    }

    private String string() {
      expect('"');
      StringBuilder sb = null;
      int start = i;
      while (true) {
        if (i >= s.length()) {
          throw fail("unterminated string");
        }
        char c = s.charAt(i++);
        if (c == '"') {
          return sb == null ? s.substring(start, i - 1) : sb.toString();
        }
        if (c == '\\') {
          if (sb == null) {
            sb = new StringBuilder(s.substring(start, i - 1));
          }
          sb.append(escape());
        } else if (sb != null) {
          sb.append(c);
        }
      }
    }

    private char escape() {
      char e = next();
      return switch (e) {
        case '"', '\\', '/' -> e;
        case 'b' -> '\b';
        case 'f' -> '\f';
        case 'n' -> '\n';
        case 'r' -> '\r';
        case 't' -> '\t';
        case 'u' -> {
          if (i + 4 > s.length()) {
            throw fail("bad \\u escape");
          }
          try {
            char u = (char) Integer.parseInt(s.substring(i, i + 4), 16);
            i += 4;
            yield u;
          } catch (NumberFormatException ex) {
            throw fail("bad \\u escape");
          }
        }
        default -> throw fail("bad escape \\" + e);
      };
    }

    private void skipNested() {
      List<Character> open = new ArrayList<>();
      do {
        char c = next();
        if (c == '"') {
          i--;
          string();
        } else if (c == '{' || c == '[') {
          open.add(c == '{' ? '}' : ']');
        } else if (c == '}' || c == ']') {
          if (open.isEmpty() || open.removeLast() != c) {
            throw fail("unbalanced '" + c + "' at character " + i);
          }
        }
      } while (!open.isEmpty());
    }

    private void skipBlanks() {
      while (i < s.length() && s.charAt(i) <= ' ') {
        i++;
      }
    }

    private char peek() {
      if (i >= s.length()) {
        throw fail("line ends inside the object");
      }
      return s.charAt(i);
    }

    private char next() {
      char c = peek();
      i++;
      return c;
    }

    private void expect(char c) {
      if (next() != c) {
        throw fail("expected '" + c + "' at character " + i);
      }
    }

    private IllegalArgumentException fail(String what) {
      return new IllegalArgumentException("is not a JSON object: " + what);
    }
  }
}
