package dev.headroom.forecaster.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Reads web-server access logs in Common Log Format
 * ({@code host ident user [10/Oct/2000:13:55:36 -0700] "GET /x HTTP/1.0" 200 2326}) as one request
 * per line, keyed by host. Only the host and the bracketed time are needed for a replay, so the
 * rest of the line may be missing or damaged, as it often is in the NASA and ClarkNet logs (a
 * {@code -} size, a request without protocol, stray quotes); Combined Log Format lines, which add a
 * referrer and user agent, read the same way.
 */
final class AccessLogReader {

  /** A line starting with host, ident and user fields and holding a bracketed log time. */
  private static final Pattern LINE = Pattern.compile(
      "^\\S+\\s+\\S+\\s+.*?\\[\\d{2}/[A-Za-z]{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2}( [+-]\\d{4})?]");

  private final Path file;
  private final BadLines bad;

  AccessLogReader(Path file, BadLines bad) {
    this.file = file;
    this.bad = bad;
  }

  /** True when {@code line} looks like an access-log line, which settles detection. */
  static boolean looksLikeAccessLog(String line) {
    return LINE.matcher(line).lookingAt();
  }

  /** The requests of every good line; empty and damaged lines are skipped or fail as bad lines. */
  RequestEvents.Builder read(BufferedReader in) throws IOException {
    RequestEvents.Builder events = new RequestEvents.Builder(true);
    long lineNo = 0;
    String line;
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
        line = line.substring(1);
      }
      if (line.isBlank()) {
        continue;
      }
      int hostEnd = 0;
      while (hostEnd < line.length() && line.charAt(hostEnd) > ' ') {
        hostEnd++;
      }
      if (hostEnd == 0) {
        bad.add(lineNo, "no host: an access-log line starts with the client host");
        continue;
      }
      int open = line.indexOf('[', hostEnd);
      int close = open < 0 ? -1 : line.indexOf(']', open);
      if (close < 0) {
        bad.add(lineNo, "no [dd/Mon/yyyy:HH:mm:ss zone] time field");
        continue;
      }
      long t = Timestamps.parseAccessLogMicros(line, open + 1, close);
      if (t == Timestamps.INVALID) {
        bad.add(lineNo, "cannot read time '" + line.substring(open + 1, close)
            + "' (expected dd/Mon/yyyy:HH:mm:ss ±hhmm, as in 10/Oct/2000:13:55:36 -0700)");
        continue;
      }
      events.add(t, line.substring(0, hostEnd));
    }
    if (events.size() == 0) {
      throw new TraceException(file, 0, "no requests in the access log");
    }
    return events;
  }
}
