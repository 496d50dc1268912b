package dev.headroom.forecaster.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads a row-per-line trace (delimited text or JSON lines): finds the timestamp, value and key
 * columns, decides between interval rows and per-request rows when not told, and collects the rows.
 */
final class RowReader {

  /** Names taken as the timestamp column, in order of preference (case-insensitive). */
  static final List<String> TIME_NAMES =
      List.of("timestamp", "time", "ts", "@timestamp", "datetime", "date", "time_stamp");
  /** Names that make a file interval rows, in order of preference (case-insensitive). */
  static final List<String> VALUE_NAMES =
      List.of("value", "count", "count_raw", "sum_req", "requests", "hits");
  /** Names taken as the request key column (case-insensitive). */
  static final List<String> KEY_NAMES = List.of("key", "tenant");

  private final Path file;
  private final TraceOptions options;
  private final BadLines bad;

  RowReader(Path file, TraceOptions options, BadLines bad) {
    this.file = file;
    this.options = options;
    this.bad = bad;
  }

  /** What was read: interval rows or requests, by format. */
  record Rows(TraceFormat format, IntervalGrid intervals, RequestEvents.Builder requests) {}

  Rows read(BufferedReader in) throws IOException {
    long lineNo = 0;
    String first = null;
    while (first == null) {
      String line = in.readLine();
      if (line == null) {
        throw new TraceException(file, 0, "empty trace: no data");
      }
      lineNo++;
      if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
        line = line.substring(1);
      }
      if (!line.isBlank()) {
        first = line;
      }
    }
    LineSyntax syntax;
    try {
      syntax = first.stripLeading().startsWith("{") ? JsonSyntax.of(first) : DelimitedSyntax.of(first);
    } catch (IllegalArgumentException e) {
      throw new TraceException(file, lineNo, e.getMessage());
    }
    List<String> names = syntax.names();
    long headerLine = lineNo;
    int time = column(names, options.timeColumn(), TIME_NAMES, headerLine, "timestamp");
    if (time < 0) {
      time = 0;
    }

    // The first data line settles an undetected format: see decide().
    String firstData = syntax.firstLineIsHeader() ? null : first;
    long firstDataNo = lineNo;
    while (firstData == null) {
      String line = in.readLine();
      if (line == null) {
        throw new TraceException(file, 0, "no data rows after the header");
      }
      lineNo++;
      if (!line.isBlank()) {
        firstData = line;
        firstDataNo = lineNo;
      }
    }
    int value = column(names, options.valueColumn(), VALUE_NAMES, headerLine, "value");
    TraceFormat format = decide(syntax, names, time, value, firstData);
    if (format == TraceFormat.INTERVALS && value < 0) {
      value = time == 0 ? 1 : 0;
      if (names.size() < 2) {
        throw new TraceException(file, headerLine, "no value column: the rows have one field");
      }
    }
    int key = format == TraceFormat.REQUESTS
        ? column(names, options.keyColumn(), KEY_NAMES, headerLine, "key") : -1;

    int[] cols = format == TraceFormat.INTERVALS ? new int[] {time, value}
        : key >= 0 ? new int[] {time, key} : new int[] {time};
    String[] picked = new String[cols.length];
    IntervalGrid grid = format == TraceFormat.INTERVALS ? new IntervalGrid() : null;
    RequestEvents.Builder events =
        format == TraceFormat.REQUESTS ? new RequestEvents.Builder(key >= 0) : null;

    String line = firstData;
    lineNo = firstDataNo;
    while (line != null) {
      if (!line.isBlank()) {
        String reason = syntax.pick(line, cols, picked);
        if (reason != null) {
          bad.add(lineNo, "line " + reason);
        } else {
          long t = Timestamps.parseMicros(picked[0]);
          if (t == Timestamps.INVALID) {
            bad.add(lineNo, "cannot read timestamp '" + picked[0] + "' in column '"
                + names.get(time) + "'");
          } else if (grid != null) {
            double v = count(picked[1]);
            if (v < 0) {
              bad.add(lineNo, "cannot read count '" + picked[1] + "' in column '"
                  + names.get(value) + "' (expected a non-negative number, or empty or NaN when"
                  + " missing)");
            } else {
              grid.add(t, v, lineNo);
            }
          } else {
            events.add(t, key >= 0 ? picked[1] : null);
          }
        }
      }
      line = in.readLine();
      lineNo++;
    }
    return new Rows(format, grid, events);
  }

  /**
   * Interval rows when told, when a value column is named or known, or when there are just two
   * columns and the other one holds a number; otherwise one row per request.
   */
  private TraceFormat decide(LineSyntax syntax, List<String> names, int time, int value,
      String firstData) {
    if (options.format() != null) {
      return options.format();
    }
    if (value >= 0) {
      return TraceFormat.INTERVALS;
    }
    if (names.size() == 2) {
      String[] other = new String[1];
      // count() is NaN for an empty field, which is not evidence of a number either.
      if (syntax.pick(firstData, new int[] {1 - time}, other) == null && count(other[0]) >= 0) {
        return TraceFormat.INTERVALS;
      }
    }
    return TraceFormat.REQUESTS;
  }

  /**
   * Index of the column named {@code wanted} (which must exist), else of the first known name
   * present, else -1.
   */
  private int column(List<String> names, String wanted, List<String> known, long headerLine,
      String role) throws TraceException {
    if (wanted != null) {
      for (int i = 0; i < names.size(); i++) {
        if (names.get(i).equalsIgnoreCase(wanted)) {
          return i;
        }
      }
      throw new TraceException(file, headerLine, "no " + role + " column '" + wanted
          + "'; the columns are " + names);
    }
    for (String k : known) {
      for (int i = 0; i < names.size(); i++) {
        if (names.get(i).toLowerCase(Locale.ROOT).equals(k)) {
          return i;
        }
      }
    }
    return -1;
  }

  /** A count: NaN when empty or NaN (a missing interval), -1 when not a non-negative number. */
  static double count(String text) {
    String s = text.strip();
    if (s.isEmpty() || s.equalsIgnoreCase("nan")) {
      return Double.NaN;
    }
    char c = s.charAt(0);
    if (!(c >= '0' && c <= '9') && c != '.') {
      return -1;
    }
    try {
      double v = Double.parseDouble(s);
      return Double.isFinite(v) ? v : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
