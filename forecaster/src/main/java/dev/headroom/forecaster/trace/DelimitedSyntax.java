package dev.headroom.forecaster.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * Lines of fields split by a comma, tab or semicolon (double quotes around a field allowed, without
 * line breaks inside), or by runs of blanks when the first line has none of those, as in the
 * Wikipedia summary.
 */
final class DelimitedSyntax implements LineSyntax {

  /** Splitting on runs of spaces and tabs. */
  static final char BLANKS = ' ';

  private final char delimiter;
  private final List<String> names;
  private final boolean header;

  private DelimitedSyntax(char delimiter, List<String> names, boolean header) {
    this.delimiter = delimiter;
    this.names = names;
    this.header = header;
  }

  /**
   * The syntax of a file whose first non-blank line is {@code first}: it is a header unless its
   * first field is a timestamp.
   */
  static DelimitedSyntax of(String first) {
    char d = first.indexOf(',') >= 0 ? ',' : first.indexOf('\t') >= 0 ? '\t'
        : first.indexOf(';') >= 0 ? ';' : BLANKS;
    List<String> fields = split(first, d);
    boolean header = fields.isEmpty() || Timestamps.parseMicros(fields.get(0)) == Timestamps.INVALID;
    if (header) {
      return new DelimitedSyntax(d, fields, true);
    }
    List<String> generic = new ArrayList<>();
    for (int i = 1; i <= fields.size(); i++) {
      generic.add("column " + i);
    }
    return new DelimitedSyntax(d, List.copyOf(generic), false);
  }

  @Override
  public List<String> names() {
    return names;
  }

  @Override
  public boolean firstLineIsHeader() {
    return header;
  }

  @Override
  public String pick(String line, int[] cols, String[] out) {
    List<String> fields = split(line, delimiter);
    for (int j = 0; j < cols.length; j++) {
      if (cols[j] >= fields.size()) {
        return "has " + fields.size() + (fields.size() == 1 ? " field" : " fields")
            + ", but column '" + names.get(cols[j]) + "' is field " + (cols[j] + 1);
      }
      out[j] = fields.get(cols[j]);
    }
    return null;
  }

  /** The fields of {@code line}, trimmed, quotes removed. */
  static List<String> split(String line, char d) {
    List<String> out = new ArrayList<>(8);
    int n = line.length();
    if (d == BLANKS) {
      int i = 0;
      while (true) {
        while (i < n && isBlank(line.charAt(i))) {
          i++;
        }
        if (i >= n) {
          return out;
        }
        int start = i;
        while (i < n && !isBlank(line.charAt(i))) {
          i++;
        }
        out.add(line.substring(start, i));
      }
    }
    int i = 0;
    while (true) {
      while (i < n && isPad(line.charAt(i), d)) {
        i++;
      }
      if (i < n && line.charAt(i) == '"') {
        StringBuilder sb = new StringBuilder();
        i++;
        while (i < n) {
          char c = line.charAt(i++);
          if (c == '"') {
            if (i < n && line.charAt(i) == '"') {
              sb.append('"');
              i++;
            } else {
              break;
            }
          } else {
            sb.append(c);
          }
        }
        while (i < n && line.charAt(i) != d) {
          i++;
        }
        out.add(sb.toString());
      } else {
        int start = i;
        while (i < n && line.charAt(i) != d) {
          i++;
        }
        int end = i;
        while (end > start && isPad(line.charAt(end - 1), d)) {
          end--;
        }
        out.add(line.substring(start, end));
      }
      if (i >= n) {
        return out;
      }
      i++; // the delimiter
    }
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\r';
  }

  /** Blank around a field, unless it is the delimiter itself. */
  private static boolean isPad(char c, char d) {
    return c != d && isBlank(c);
  }
}
