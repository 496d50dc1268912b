package dev.headroom.simulator.whatif;

import static dev.headroom.simulator.report.Html.escape;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sweep as one self-contained HTML page: a heat map per policy (rows: traffic scale, columns:
 * capacity factor, the value in every cell), and with two or more policies a map of each one's
 * difference from the first. Inline SVG only, no scripts, fonts or style sheets from anywhere; the
 * markup is well-formed XML so tests can parse it strictly.
 *
 * <p>Colours run from red (worse) through pale yellow to blue (better), whichever way the metric
 * improves, so blue always means good; policy maps share one scale so they compare at a glance,
 * and a difference map is centred on no difference.
 */
public final class HeatMap {

  /** Red (worse) to blue (better): ColorBrewer RdYlBu, which reads with the common colour-vision deficiencies. */
  static final String[] RAMP = {"#d73027", "#f46d43", "#fdae61", "#fee090", "#ffffbf", "#e0f3f8", "#abd9e9",
      "#74add1", "#4575b4"};
  static final String MISSING = "#cccccc";

  private static final int CELL_W = 84;
  private static final int CELL_H = 34;
  private static final int LEFT = 96;
  private static final int TOP = 72;
  private static final int MIN_WIDTH = 620;
  private static final int LEGEND_W = 260;
  private static final int BOTTOM = 88;
  private static final int RIGHT = 24;

  private static final String STYLE = """
      body{font-family:sans-serif;margin:2em;color:#222;max-width:64em}
      p{max-width:48em}
      table{border-collapse:collapse;font-size:13px}
      th,td{padding:3px 8px;border-bottom:1px solid #ddd;text-align:right}
      th:first-child,td:first-child{text-align:left}
      figure{margin:1em 0}
      """;

  private HeatMap() {}

  /** The page for {@code result}, mapping {@code metric}. */
  public static String render(WhatIfResult result, Metric metric) {
    String title = "What if: " + result.title() + ", " + String.join(" vs ", result.policies()) + ", "
        + metric.label();
    StringBuilder out = new StringBuilder();
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>")
        .append(escape(title)).append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n<h1>")
        .append(escape(title)).append("</h1>\n<p>")
        .append(escape("Rows: traffic scale (the trace times the factor, history included). Columns: capacity "
            + "factor (the system sized as that multiple of the unscaled trace's busy-minute demand, its 99th "
            + "percentile), so each row is more or less traffic against the same system. Each cell is a full "
            + "comparison: a sweep of static limits (\"static\" is the best of it, per cell) and the mapped "
            + "policies. " + result.cells().size() + " cells, " + result.replays() + " replays in "
            + String.format(Locale.ROOT, "%.1f", result.wallNanos() / 1e9) + " s."))
        .append("</p>\n");

    List<double[][]> maps = new ArrayList<>();
    for (String p : result.policies()) {
      maps.add(result.values(p, metric));
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[][] m : maps) {
      for (double[] row : m) {
        for (double v : row) {
          if (Double.isFinite(v)) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
          }
        }
      }
    }
    for (int i = 0; i < maps.size(); i++) {
      String p = result.policies().get(i);
      out.append("<h2>").append(escape(p + ": " + metric.label())).append("</h2>\n<figure>\n")
          .append(svg(result, p + ": " + metric.label() + " (" + metric.unit() + ")", maps.get(i), lo, hi,
              metric.higherIsBetter(), metric::format))
          .append("</figure>\n");
    }
    String base = result.policies().getFirst();
    for (String p : result.policies().subList(1, result.policies().size())) {
      double[][] d = result.difference(p, base, metric);
      double m = 0;
      for (double[] row : d) {
        for (double v : row) {
          if (Double.isFinite(v)) {
            m = Math.max(m, Math.abs(v));
          }
        }
      }
      String name = p + " \u2212 " + base + ": " + metric.label();
      out.append("<h2>").append(escape(name)).append("</h2>\n<figure>\n")
          .append(svg(result, name + " (" + metric.deltaUnit() + ")", d, -m, m, metric.higherIsBetter(),
              metric::formatDelta))
          .append("</figure>\n");
    }
    systems(out, result);
    return out.append("</body>\n</html>\n").toString();
  }

  /** The table of what each column's system is. */
  private static void systems(StringBuilder out, WhatIfResult result) {
    out.append("<h2>Systems</h2>\n<table>\n<tr><th>capacity factor</th><th>capacity/s</th></tr>\n");
    for (int c = 0; c < result.grid().columns(); c++) {
      out.append("<tr><td>").append(Grid.label(result.grid().capacities().get(c))).append("</td><td>")
          .append(String.format(Locale.ROOT, "%.2f", result.capacityPerSecond(c))).append("</td></tr>\n");
    }
    out.append("</table>\n");
  }

  /**
   * One heat map: {@code values[row][column]} on a colour scale from {@code lo} to {@code hi},
   * blue at the better end; non-finite values grey.
   */
  static String svg(WhatIfResult result, String title, double[][] values, double lo, double hi,
      boolean higherIsBetter, java.util.function.DoubleFunction<String> format) {
    Grid grid = result.grid();
    int width = Math.max(MIN_WIDTH, LEFT + grid.columns() * CELL_W + RIGHT);
    int height = TOP + grid.rows() * CELL_H + BOTTOM;
    StringBuilder svg = new StringBuilder();
    // No xmlns: HTML5 places inline <svg> in the SVG namespace itself (and the page links nowhere).
    svg.append("<svg width=\"").append(width).append("\" height=\"")
        .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
        .append("\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\">\n<title>").append(escape(title))
        .append("</title>\n");
    svg.append(text(8, 18, "start", "bold", title));
    svg.append(text(LEFT, 40, "start", null, "capacity factor (\u00d7 unscaled busy-minute demand) and capacity"));
    for (int c = 0; c < grid.columns(); c++) {
      svg.append(text(LEFT + (c + 0.5) * CELL_W, TOP - 20, "middle", "bold", Grid.label(grid.capacities().get(c))));
      svg.append(text(LEFT + (c + 0.5) * CELL_W, TOP - 6, "middle", null, rate(result.capacityPerSecond(c))));
    }
    svg.append("<text x=\"14\" y=\"").append(coord(TOP + grid.rows() * CELL_H / 2.0))
        .append("\" text-anchor=\"middle\" transform=\"rotate(-90 14 ")
        .append(coord(TOP + grid.rows() * CELL_H / 2.0)).append(")\">traffic scale</text>\n");
    for (int r = 0; r < grid.rows(); r++) {
      double y = TOP + r * CELL_H;
      svg.append(text(LEFT - 8, y + CELL_H / 2.0 + 4, "end", "bold", Grid.label(grid.scales().get(r))));
      for (int c = 0; c < grid.columns(); c++) {
        double v = values[r][c];
        String fill = Double.isFinite(v) ? color(v, lo, hi, higherIsBetter) : MISSING;
        double x = LEFT + c * CELL_W;
        svg.append("<rect x=\"").append(coord(x)).append("\" y=\"").append(coord(y)).append("\" width=\"")
            .append(CELL_W).append("\" height=\"").append(CELL_H).append("\" fill=\"").append(fill)
            .append("\" stroke=\"#ffffff\"/>\n");
        svg.append("<text x=\"").append(coord(x + CELL_W / 2.0)).append("\" y=\"").append(coord(y + CELL_H / 2.0 + 4))
            .append("\" text-anchor=\"middle\" fill=\"").append(dark(fill) ? "#ffffff" : "#222222").append("\">")
            .append(escape(format.apply(v))).append("</text>\n");
      }
    }
    legend(svg, TOP + grid.rows() * CELL_H + 24, lo, hi, higherIsBetter, format, width);
    return svg.append("</svg>\n").toString();
  }

  private static void legend(StringBuilder svg, double y, double lo, double hi, boolean higherIsBetter,
      java.util.function.DoubleFunction<String> format, int width) {
    int steps = 40;
    double w = LEGEND_W;
    double x0 = LEFT;
    for (int i = 0; i < steps; i++) {
      double v = lo + (hi - lo) * (i + 0.5) / steps;
      svg.append("<rect x=\"").append(coord(x0 + w * i / steps)).append("\" y=\"").append(coord(y))
          .append("\" width=\"").append(coord(w / steps + 0.5)).append("\" height=\"12\" fill=\"")
          .append(color(v, lo, hi, higherIsBetter)).append("\"/>\n");
    }
    svg.append(text(x0, y + 26, "start", null, format.apply(lo)));
    svg.append(text(x0 + w / 2, y + 26, "middle", null, format.apply((lo + hi) / 2)));
    svg.append(text(x0 + w, y + 26, "end", null, format.apply(hi)));
    svg.append(text(x0 + w + 8, y + 10, "start", null, "blue: better, red: worse"));
  }

  /** The colour of {@code v} on [lo, hi]: RAMP's blue end at the better side. */
  static String color(double v, double lo, double hi, boolean higherIsBetter) {
    double t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
    t = Math.clamp(t, 0, 1);
    if (!higherIsBetter) {
      t = 1 - t;
    }
    double pos = t * (RAMP.length - 1);
    int i = (int) Math.min(RAMP.length - 2, Math.floor(pos));
    double f = pos - i;
    int a = Integer.parseInt(RAMP[i].substring(1), 16);
    int b = Integer.parseInt(RAMP[i + 1].substring(1), 16);
    int rgb = 0;
    for (int shift = 16; shift >= 0; shift -= 8) {
      int ca = (a >> shift) & 0xff;
      int cb = (b >> shift) & 0xff;
      rgb |= (int) Math.round(ca + (cb - ca) * f) << shift;
    }
    return String.format(Locale.ROOT, "#%06x", rgb);
  }

  /** Whether white text reads better than dark on {@code hex}. */
  static boolean dark(String hex) {
    int rgb = Integer.parseInt(hex.substring(1), 16);
    double l = 0.2126 * ((rgb >> 16) & 0xff) + 0.7152 * ((rgb >> 8) & 0xff) + 0.0722 * (rgb & 0xff);
    return l < 110;
  }

  private static String rate(double perSecond) {
    return perSecond >= 100 ? String.format(Locale.ROOT, "%.0f/s", perSecond)
        : String.format(Locale.ROOT, "%.1f/s", perSecond);
  }

  private static String text(double x, double y, String anchor, String weight, String content) {
    return "<text x=\"" + coord(x) + "\" y=\"" + coord(y) + "\" text-anchor=\"" + anchor + "\""
        + (weight == null ? "" : " font-weight=\"" + weight + "\"") + ">" + escape(content) + "</text>\n";
  }

  private static String coord(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
