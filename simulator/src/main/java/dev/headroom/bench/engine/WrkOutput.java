/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.bench.engine;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what wrk 4 prints. Its text gives throughput, the thread-stats latency line, the
 * {@code --latency} distribution and the error lines, with values rounded and scaled ("523.00us",
 * "1.25ms"); the {@code done} line of a {@link WrkScript} gives the same figures exactly. When both
 * are present the exact ones are used and the request counts must agree. Anything missing or
 * inconsistent is an {@link IllegalArgumentException} quoting the output, never a guessed figure.
 */
final class WrkOutput {

  private static final Pattern THREADS = Pattern.compile("^\\s*(\\d+) threads and (\\d+) connections\\s*$", Pattern.MULTILINE);
  private static final Pattern LATENCY = Pattern.compile(
      "^\\s*Latency\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+\\S+\\s*$", Pattern.MULTILINE);
  private static final Pattern PERCENTILE = Pattern.compile("^\\s*(\\d+(?:\\.\\d+)?)%\\s+(\\S+)\\s*$", Pattern.MULTILINE);
  private static final Pattern TOTAL = Pattern.compile("^\\s*(\\d+) requests in (\\S+), \\S+ read\\s*$", Pattern.MULTILINE);
  private static final Pattern SOCKET = Pattern.compile(
      "^\\s*Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)\\s*$", Pattern.MULTILINE);
  private static final Pattern NON_2XX = Pattern.compile("^\\s*Non-2xx or 3xx responses: (\\d+)\\s*$", Pattern.MULTILINE);
  private static final Pattern RPS = Pattern.compile("^Requests/sec:\\s+(\\d+(?:\\.\\d+)?)\\s*$", Pattern.MULTILINE);
  private static final Pattern TIME = Pattern.compile("(\\d+(?:\\.\\d+)?)(us|ms|s|m|h)");
  private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S+)");

  private WrkOutput() {}

  /** Parses wrk's standard output. */
  static WrkResult parse(String out) {
    Matcher threads = find(THREADS, out, "the 'N threads and N connections' line");
    Matcher total = find(TOTAL, out, "the 'N requests in T' line");
    Matcher rps = find(RPS, out, "the 'Requests/sec:' line");
    long requests = Long.parseLong(total.group(1));
    double seconds = micros(total.group(2), out) / 1e6;
    long[] socket = new long[4]; // wrk prints the line only when one of them is not zero
    Matcher s = SOCKET.matcher(out);
    if (s.find()) {
      for (int i = 0; i < socket.length; i++) {
        socket[i] = Long.parseLong(s.group(i + 1));
      }
    }
    Matcher n = NON_2XX.matcher(out);
    WrkResult.Errors errors = new WrkResult.Errors(socket[0], socket[1], socket[2], socket[3],
        n.find() ? Long.parseLong(n.group(1)) : 0);
    WrkResult text = new WrkResult(Integer.parseInt(threads.group(1)), Integer.parseInt(threads.group(2)),
        requests, seconds, Double.parseDouble(rps.group(1)), textLatency(out), errors, false, out.strip());
    Map<String, Double> exact = reportLine(out);
    return exact == null ? text : withExact(text, exact, out);
  }

  private static WrkResult.Latency textLatency(String out) {
    Matcher l = find(LATENCY, out, "the thread-stats 'Latency' line");
    int start = out.indexOf("Latency Distribution");
    if (start < 0) {
      throw unreadable("no 'Latency Distribution' (was wrk run with --latency?)", out);
    }
    Map<String, Double> pct = new HashMap<>();
    Matcher p = PERCENTILE.matcher(out);
    p.region(start, out.length());
    while (p.find()) {
      pct.put(p.group(1), micros(p.group(2), out));
    }
    for (String q : new String[] {"50", "90", "99"}) {
      if (!pct.containsKey(q)) {
        throw unreadable("no " + q + "% line in the latency distribution", out);
      }
    }
    return new WrkResult.Latency(micros(l.group(1), out), micros(l.group(2), out), micros(l.group(3), out),
        pct.get("50"), pct.get("90"), pct.get("99"), Double.NaN);
  }

  /** The figures of the {@code done} line, or null when the run had no such line. */
  static Map<String, Double> reportLine(String out) {
    for (String line : out.split("\n")) {
      if (line.startsWith(WrkScript.REPORT_PREFIX + " ")) {
        Map<String, Double> fields = new HashMap<>();
        Matcher f = FIELD.matcher(line);
        while (f.find()) {
          try {
            fields.put(f.group(1), Double.parseDouble(f.group(2)));
          } catch (NumberFormatException e) {
            throw unreadable("field " + f.group(1) + " is not a number: " + f.group(2), out);
          }
        }
        return fields;
      }
    }
    return null;
  }

  private static WrkResult withExact(WrkResult text, Map<String, Double> f, String out) {
    long requests = (long) need(f, "requests", out);
    if (requests != text.requests()) {
      throw unreadable("the done line counts " + requests + " requests, wrk's text " + text.requests(), out);
    }
    double seconds = need(f, "duration_us", out) / 1e6;
    WrkResult.Errors e = new WrkResult.Errors((long) need(f, "connect", out), (long) need(f, "read", out),
        (long) need(f, "write", out), (long) need(f, "timeout", out), (long) need(f, "status", out));
    if (e.non2xx() != text.errors().non2xx() || e.total() - e.non2xx() != text.errors().total() - text.errors().non2xx()) {
      throw unreadable("the done line's errors " + e + " differ from wrk's text " + text.errors(), out);
    }
    WrkResult.Latency l = requests == 0 ? text.latency() : new WrkResult.Latency(need(f, "mean_us", out),
        need(f, "stdev_us", out), need(f, "max_us", out), need(f, "p50_us", out), need(f, "p90_us", out),
        need(f, "p99_us", out), need(f, "p999_us", out));
    return new WrkResult(text.threads(), text.connections(), requests, seconds,
        seconds > 0 ? requests / seconds : 0, l, e, true, text.output());
  }

  private static double need(Map<String, Double> f, String key, String out) {
    Double v = f.get(key);
    if (v == null) {
      throw unreadable("the done line has no " + key, out);
    }
    return v;
  }

  /** "523.00us", "1.25ms", "2.00s", "1.50m" in microseconds. */
  static double micros(String value, String out) {
    Matcher m = TIME.matcher(value);
    if (!m.matches()) {
      throw unreadable("not a wrk time: '" + value + "'", out);
    }
    double x = Double.parseDouble(m.group(1));
    return switch (m.group(2)) {
      case "us" -> x;
      case "ms" -> x * 1e3;
      case "s" -> x * 1e6;
      case "m" -> x * 60e6;
      case "h" -> x * 3600e6;
      default -> throw new IllegalStateException(m.group(2));
    };
  }

  private static Matcher find(Pattern p, String out, String what) {
    Matcher m = p.matcher(out);
    if (!m.find()) {
      throw unreadable("no " + what, out);
    }
    return m;
  }

  private static IllegalArgumentException unreadable(String why, String out) {
    return new IllegalArgumentException(String.format(Locale.ROOT, "unreadable wrk output: %s. The output:%n%s", why,
        out.isBlank() ? "(empty)" : out.strip()));
  }
}
