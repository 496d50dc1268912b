package dev.headroom.forecaster.output;

import dev.headroom.forecaster.Forecast;
import dev.headroom.forecaster.series.RateSeries;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A self-contained SVG of recent history, the forecast and its P90/P99 bands, which any browser
 * opens. Missing history intervals break the line instead of dropping it to zero.
 */
public final class ForecastChart {

  private static final int WIDTH = 1100;
  private static final int HEIGHT = 420;
  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 56;
  private static final int BOTTOM = 50;
  private static final DateTimeFormatter TICK =
      DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private ForecastChart() {}

  /** The chart of {@code history} (its tail is shown: up to twice the horizon) and {@code forecast}. */
  public static String svg(String title, RateSeries history, Forecast forecast) {
    int shown = Math.min(history.size(), Math.max(2 * forecast.horizon(), 48));
    RateSeries tail = history.slice(history.size() - shown, history.size());
    long t0 = shown > 0 ? tail.startMillis() : forecast.startMillis();
    long t1 = forecast.timeMillis(forecast.horizon());
    double max = 0;
    for (int i = 0; i < tail.size(); i++) {
      if (!tail.isMissing(i)) {
        max = Math.max(max, tail.value(i));
      }
    }
    for (double v : forecast.p99()) {
      max = Math.max(max, v);
    }
    max = max <= 0 ? 1 : niceCeiling(max);
    Scale scale = new Scale(t0, Math.max(t1, t0 + 1), max);

    StringBuilder svg = new StringBuilder(64 * 1024);
    svg.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
            + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\">%s</text>%n", LEFT,
        escape(title)));
    axes(svg, scale);
    band(svg, scale, forecast, forecast.p99(), "#c6dbef");
    band(svg, scale, forecast, forecast.p90(), "#6baed6");
    history(svg, scale, tail);
    line(svg, scale, forecast, forecast.mean(), "#08519c", "");
    line(svg, scale, forecast, forecast.p50(), "#08519c", " stroke-dasharray=\"4 3\"");
    double nowX = scale.x(forecast.startMillis());
    svg.append(String.format(Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#999\" stroke-dasharray=\"2 3\"/>%n",
        nowX, TOP, nowX, HEIGHT - BOTTOM));
    legend(svg);
    svg.append("</svg>\n");
    return svg.toString();
  }

  private record Scale(long t0, long t1, double max) {
    double x(long t) {
      return LEFT + (double) (t - t0) / (t1 - t0) * (WIDTH - LEFT - RIGHT);
    }

    double y(double v) {
      return HEIGHT - BOTTOM - v / max * (HEIGHT - TOP - BOTTOM);
    }
  }

  private static void axes(StringBuilder svg, Scale s) {
    for (int i = 0; i <= 5; i++) {
      double v = s.max() * i / 5;
      double y = s.y(v);
      svg.append(String.format(Locale.ROOT,
          "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>"
              + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
          LEFT, y, WIDTH - RIGHT, y, LEFT - 6, y + 4, number(v)));
    }
    for (int i = 0; i <= 6; i++) {
      long t = s.t0() + (s.t1() - s.t0()) * i / 6;
      double x = s.x(t);
      String anchor = i == 0 ? "start" : i == 6 ? "end" : "middle";
      svg.append(String.format(Locale.ROOT,
          "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ccc\"/>"
              + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">%s</text>%n",
          x, HEIGHT - BOTTOM, x, HEIGHT - BOTTOM + 5, x, HEIGHT - BOTTOM + 20, anchor,
          TICK.format(Instant.ofEpochMilli(t))));
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#666\">time (UTC)</text>%n",
        WIDTH - RIGHT - 70, HEIGHT - 8));
    svg.append(String.format(Locale.ROOT,
        "<text x=\"14\" y=\"%d\" fill=\"#666\" transform=\"rotate(-90 14 %d)\">requests per step</text>%n",
        HEIGHT / 2 + 40, HEIGHT / 2 + 40));
  }

  /** The area between the point forecast and an upper bound. */
  private static void band(StringBuilder svg, Scale s, Forecast f, double[] upper, String colour) {
    StringBuilder points = new StringBuilder();
    for (int h = 0; h < f.horizon(); h++) {
      points.append(String.format(Locale.ROOT, "%.1f,%.1f ", s.x(mid(f, h)), s.y(upper[h])));
    }
    for (int h = f.horizon() - 1; h >= 0; h--) {
      points.append(String.format(Locale.ROOT, "%.1f,%.1f ", s.x(mid(f, h)), s.y(f.mean()[h])));
    }
    svg.append("<polygon fill=\"").append(colour).append("\" fill-opacity=\"0.7\" points=\"")
        .append(points).append("\"/>\n");
  }

  private static void line(StringBuilder svg, Scale s, Forecast f, double[] v, String colour, String extra) {
    StringBuilder points = new StringBuilder();
    for (int h = 0; h < f.horizon(); h++) {
      points.append(String.format(Locale.ROOT, "%.1f,%.1f ", s.x(mid(f, h)), s.y(v[h])));
    }
    svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1.5\"")
        .append(extra).append(" points=\"").append(points).append("\"/>\n");
  }

  /** History as polylines broken at missing intervals. */
  private static void history(StringBuilder svg, Scale s, RateSeries tail) {
    StringBuilder points = new StringBuilder();
    for (int i = 0; i <= tail.size(); i++) {
      if (i == tail.size() || tail.isMissing(i)) {
        if (!points.isEmpty()) {
          svg.append("<polyline fill=\"none\" stroke=\"#333\" stroke-width=\"1.2\" points=\"")
              .append(points).append("\"/>\n");
          points.setLength(0);
        }
        continue;
      }
      long t = tail.timeMillis(i) + tail.stepMillis() / 2;
      points.append(String.format(Locale.ROOT, "%.1f,%.1f ", s.x(t), s.y(tail.value(i))));
    }
  }

  private static void legend(StringBuilder svg) {
    String[][] items = {{"#333", "history"}, {"#08519c", "forecast (mean; dashed P50)"},
        {"#6baed6", "up to P90"}, {"#c6dbef", "up to P99"}};
    int x = LEFT;
    for (String[] item : items) {
      svg.append(String.format(Locale.ROOT,
          "<rect x=\"%d\" y=\"30\" width=\"14\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"39\">%s</text>%n",
          x, item[0], x + 18, item[1]));
      x += 40 + item[1].length() * 6;
    }
  }

  private static long mid(Forecast f, int h) {
    return f.timeMillis(h) + f.stepMillis() / 2;
  }

  private static double niceCeiling(double v) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
      if (m * magnitude >= v) {
        return m * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static String number(double v) {
    if (v >= 1e6) {
      return String.format(Locale.ROOT, "%.1fM", v / 1e6);
    }
    if (v >= 1e4) {
      return String.format(Locale.ROOT, "%.0fk", v / 1e3);
    }
    return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
