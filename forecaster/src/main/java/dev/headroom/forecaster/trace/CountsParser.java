package dev.headroom.forecaster.trace;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads whitespace-separated non-negative integers straight from bytes. The NASA trace is one
 * 10 MB line of five million numbers: reading it as lines or strings would allocate per value, so
 * this scans the bytes once and builds each number as it goes.
 */
final class CountsParser {

  /** Above 2^53 a double no longer holds every integer: such a count is surely damage. */
  private static final long MAX_COUNT = 1L << 53;
  private static final int SHOWN = 24;

  private CountsParser() {}

  /**
   * The values in file order. A token that is not a non-negative integer is a bad line (numbered
   * by the newlines before it); when skipped, its interval becomes missing (NaN) so later values
   * keep their times.
   */
  static double[] parse(InputStream in, BadLines bad) throws IOException {
    byte[] buf = new byte[1 << 16];
    double[] out = new double[1 << 16];
    int n = 0;
    long line = 1;
    long value = 0;
    boolean inToken = false;
    boolean broken = false;
    // Where the current token starts in buf, or -1 when it began in an earlier read: only needed
    // to quote a bad token, so digits cost nothing but the arithmetic.
    int tokenStart = -1;
    int read;
    int last = 0;
    while ((read = in.read(buf)) >= 0) {
      if (inToken) {
        tokenStart = -1;
      }
      last = read;
      int i = 0;
      while (i < read) {
        int b = buf[i];
        if (b >= '0' && b <= '9') {
          if (!inToken) {
            inToken = true;
            tokenStart = i;
          }
          value = value * 10 + (b - '0');
          if (value > MAX_COUNT) {
            broken = true;
            value = 0;
          }
        } else if (b == ' ' || b == '\n' || b == '\t' || b == '\r' || b == '\f') {
          if (inToken) {
            if (n == out.length) {
              out = Arrays.copyOf(out, grow(n));
            }
            out[n] = broken ? badValue(bad, line, n, buf, tokenStart, i) : value;
            n++;
            value = 0;
            inToken = false;
            broken = false;
          }
          if (b == '\n') {
            line++;
          }
        } else {
          if (!inToken) {
            inToken = true;
            tokenStart = i;
          }
          broken = true;
        }
        i++;
      }
    }
    if (inToken) {
      if (n == out.length) {
        out = Arrays.copyOf(out, n + 1);
      }
      out[n] = broken ? badValue(bad, line, n, buf, tokenStart, last) : value;
      n++;
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  private static double badValue(BadLines bad, long line, int index, byte[] buf, int from, int to)
      throws TraceException {
    StringBuilder text = new StringBuilder(from < 0 ? "..." : "");
    for (int i = Math.max(from, 0); i < to && text.length() < SHOWN; i++) {
      text.append(buf[i] >= 0x20 && buf[i] < 0x7f ? (char) buf[i] : '?');
    }
    if (to - Math.max(from, 0) > SHOWN) {
      text.append("...");
    }
    bad.add(line, "value " + (index + 1) + " '" + text + "' is not a count (a non-negative integer"
        + " below 2^53)");
    return Double.NaN;
  }

  private static int grow(int n) {
    long next = n * 2L;
    if (next > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("more than " + (Integer.MAX_VALUE - 8) + " values");
    }
    return (int) next;
  }
}
