package dev.headroom.bench.forecast;

import java.util.Locale;

/**
 * Which of the six traces of the issue ("beats Holt-Winters on at least 5 of 6 traces") a protocol
 * row belongs to: NASA, Twitter, WorldCup, Wikipedia, AWS and Azure. A trace's rows are its steps
 * (nasa/5m and nasa/1h), and both Azure services (code and conv) make the one Azure trace, being
 * two parts of the same published dataset. The family is the row's trace name up to its first dash
 * ({@code azure-code} and {@code azure-conv} give {@code azure}).
 */
public final class TraceFamily {

  private TraceFamily() {}

  public static String of(String trace) {
    String t = trace.toLowerCase(Locale.ROOT);
    int dash = t.indexOf('-');
    return dash > 0 ? t.substring(0, dash) : t;
  }
}
