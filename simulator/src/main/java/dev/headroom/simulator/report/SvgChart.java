package dev.headroom.simulator.report;

import java.util.List;
import java.util.Locale;

/**
 * Minimal inline SVG charts for the HTML report: a line chart over time (lines, dashed lines and
 * shaded bands, with a legend) and a horizontal bar chart. Plain markup, no scripts or fonts, so
 * the report opens offline and is valid XML.
 */
final class SvgChart {

  /** Okabe-Ito colours: distinguishable with the common colour-vision deficiencies. */
  static final String[] PALETTE = {
      "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"};
  static final String GREY = "#999999";

  /** More points than pixels only bloat the file; a long trace is averaged down to this many. */
  static final int MAX_POINTS = 600;

  private static final int WIDTH = 760;
  private static final int LEFT = 64;
  private static final int RIGHT = 160;
  private static final int TOP = 28;
  private static final int BOTTOM = 34;

  /** One line: a name for the legend, a value per bucket (non-finite values leave a gap). */
  record Line(String name, String color, double[] values, boolean dashed) {

    Line(String name, String color, double[] values) {
      this(name, color, values, false);
    }
  }

  /** A shaded band between two lines (a forecast's quantiles), drawn under the lines; gaps as lines. */
  record Band(String name, String color, double[] low, double[] high) {

    Band {
      if (low.length != high.length) {
        throw new IllegalArgumentException("band " + name + ": low and high differ in length");
      }
    }
  }

  private SvgChart() {}

  static String lines(String title, String unit, double bucketSeconds, List<Line> lines) {
    return lines(title, unit, bucketSeconds, List.of(), lines);
  }

  /** As {@link #lines(String, String, double, List)}, with shaded bands under the lines. */
  static String lines(String title, String unit, double bucketSeconds, List<Band> bands, List<Line> lines) {
    int entries = bands.size() + lines.size();
    int height = Math.max(240, TOP + 8 + entries * 16 + BOTTOM);
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = height - TOP - BOTTOM;
    int n = lines.stream().mapToInt(l -> l.values().length).max().orElse(0);
    n = Math.max(n, bands.stream().mapToInt(b -> b.high().length).max().orElse(0));
    int group = Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
    double yMax = 0;
    for (Line l : lines) {
      yMax = Math.max(yMax, finiteMax(l.values()));
    }
    for (Band b : bands) {
      yMax = Math.max(yMax, finiteMax(b.high()));
    }
    yMax = niceCeiling(yMax);
    double duration = n * bucketSeconds;
    StringBuilder svg = open(title, height);
    yAxis(svg, yMax, unit, plotW, plotH);
    TimeUnit tu = TimeUnit.fitting(duration);
    for (int i = 0; i <= 4; i++) {
      double x = LEFT + plotW * i / 4.0;
      svg.append(text(x, TOP + plotH + 16, "middle", Numbers.fixed(duration * i / 4 / tu.seconds, 1)));
    }
    svg.append(text(LEFT + plotW / 2.0, height - 4, "middle", "time (" + tu.label + ")"));
    int points = (n + group - 1) / group;
    Scale scale = new Scale(plotW, plotH, points, yMax);
    for (int bi = 0; bi < bands.size(); bi++) {
      Band band = bands.get(bi);
      for (String polygon : polygons(band, group, scale)) {
        svg.append("<polygon fill=\"").append(band.color()).append("\" fill-opacity=\"0.3\" stroke=\"none\" points=\"")
            .append(polygon).append("\"/>\n");
      }
      legendBox(svg, bi, band.name(), band.color(), "0.3", plotW);
    }
    for (int li = 0; li < lines.size(); li++) {
      Line line = lines.get(li);
      String d = path(line.values(), group, scale);
      if (!d.isEmpty()) {
        svg.append("<path fill=\"none\" stroke-width=\"1.5\" stroke=\"").append(line.color())
            .append(line.dashed() ? "\" stroke-dasharray=\"5,3" : "").append("\" d=\"").append(d).append("\"/>\n");
      }
      legend(svg, bands.size() + li, line.name(), line.color(), line.dashed(), plotW);
    }
    return svg.append("</svg>\n").toString();
  }

  /** Where values land in the plot: {@code points} averaged points across, 0 to {@code yMax} up. */
  private record Scale(int plotW, int plotH, int points, double yMax) {

    double x(int p) {
      return LEFT + (points <= 1 ? 0 : plotW * p / (double) (points - 1));
    }

    double y(double v) {
      return TOP + plotH - plotH * v / yMax;
    }
  }

  /**
   * The path of {@code v} averaged over groups of buckets; a gap where a group has no finite value.
   * Points inside a flat run are left out (a static limit is two points, not six hundred).
   */
  private static String path(double[] v, int group, Scale scale) {
    StringBuilder d = new StringBuilder();
    int points = (v.length + group - 1) / group;
    String[] ys = new String[points];
    for (int p = 0; p < points; p++) {
      double mean = mean(v, p * group, Math.min(v.length, (p + 1) * group));
      ys[p] = Double.isFinite(mean) ? coord(scale.y(mean)) : null;
    }
    for (int p = 0; p < points; p++) {
      if (ys[p] == null) {
        continue;
      }
      boolean start = p == 0 || ys[p - 1] == null;
      boolean end = p == points - 1 || ys[p + 1] == null;
      if (!start && !end && ys[p].equals(ys[p - 1]) && ys[p].equals(ys[p + 1])) {
        continue;
      }
      d.append(start ? " M" : " L").append(coord(scale.x(p))).append(',').append(ys[p]);
    }
    return d.isEmpty() ? "" : d.substring(1);
  }

  /** The band as polygons, one per run of groups where both edges are finite: along the top, back along the bottom. */
  private static List<String> polygons(Band band, int group, Scale scale) {
    double[] low = band.low();
    double[] high = band.high();
    int points = (high.length + group - 1) / group;
    List<String> out = new java.util.ArrayList<>();
    int p = 0;
    while (p < points) {
      int from = p;
      List<double[]> run = new java.util.ArrayList<>();
      while (p < points) {
        int a = p * group;
        int b = Math.min(high.length, (p + 1) * group);
        double lo = mean(low, a, b);
        double hi = mean(high, a, b);
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
          break;
        }
        run.add(new double[] {lo, hi});
        p++;
      }
      if (!run.isEmpty()) {
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < run.size(); i++) {
          pts.append(coord(scale.x(from + i))).append(',').append(coord(scale.y(run.get(i)[1]))).append(' ');
        }
        for (int i = run.size() - 1; i >= 0; i--) {
          pts.append(coord(scale.x(from + i))).append(',').append(coord(scale.y(run.get(i)[0]))).append(' ');
        }
        out.add(pts.toString().strip());
      }
      if (p == from) {
        p++; // skip the gap
      }
    }
    return out;
  }

  private static double finiteMax(double[] values) {
    double max = 0;
    for (double v : values) {
      if (Double.isFinite(v)) {
        max = Math.max(max, v);
      }
    }
    return max;
  }

  /** One horizontal bar per label, with its value written after it. */
  static String bars(String title, String unit, List<String> labels, double[] values, int digits) {
    int barH = 22;
    int height = TOP + labels.size() * barH + BOTTOM;
    int plotW = WIDTH - LEFT - RIGHT;
    double max = 0;
    for (double v : values) {
      if (Double.isFinite(v)) {
        max = Math.max(max, v);
      }
    }
    max = niceCeiling(max);
    StringBuilder svg = open(title, height);
    int labelW = 96;
    for (int i = 0; i < labels.size(); i++) {
      double y = TOP + i * barH;
      double v = Double.isFinite(values[i]) ? values[i] : 0;
      double w = (plotW - labelW + LEFT) * v / max;
      svg.append(text(labelW - 6, y + barH * 0.65, "end", labels.get(i)));
      svg.append("<rect x=\"").append(labelW).append("\" y=\"").append(coord(y + 3))
          .append("\" width=\"").append(coord(w)).append("\" height=\"").append(barH - 6)
          .append("\" fill=\"").append(PALETTE[i % PALETTE.length]).append("\"/>\n");
      String shown = Double.isFinite(values[i]) ? (Numbers.fixed(values[i], digits) + " " + unit).strip() : "-";
      svg.append(text(labelW + w + 6, y + barH * 0.65, "start", shown));
    }
    return svg.append("</svg>\n").toString();
  }

  private static StringBuilder open(String title, int height) {
    StringBuilder svg = new StringBuilder();
    // No xmlns: HTML5 places inline <svg> in the SVG namespace itself.
    svg.append("<svg width=\"").append(WIDTH)
        .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH)
        .append(' ').append(height).append("\" role=\"img\" font-family=\"sans-serif\"")
        .append(" font-size=\"11\">\n<title>").append(Html.escape(title)).append("</title>\n");
    svg.append(text(LEFT, 16, "start", title).replace("<text ", "<text font-weight=\"bold\" "));
    return svg;
  }

  private static void yAxis(StringBuilder svg, double yMax, String unit, int plotW, int plotH) {
    for (int i = 0; i <= 4; i++) {
      double y = TOP + plotH - plotH * i / 4.0;
      svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + plotW)
          .append("\" y1=\"").append(coord(y)).append("\" y2=\"").append(coord(y))
          .append("\" stroke=\"#dddddd\"/>\n");
      svg.append(text(LEFT - 6, y + 4, "end", shortNumber(yMax * i / 4)));
    }
    svg.append(text(LEFT + plotW + 8, TOP + plotH, "start", unit));
  }

  private static void legend(StringBuilder svg, int index, String name, String color, boolean dashed, int plotW) {
    if (!dashed) {
      legendBox(svg, index, name, color, "1", plotW);
      return;
    }
    double x = LEFT + plotW + 12;
    double y = TOP + 8 + index * 16;
    svg.append("<line x1=\"").append(coord(x)).append("\" x2=\"").append(coord(x + 10)).append("\" y1=\"")
        .append(coord(y - 3)).append("\" y2=\"").append(coord(y - 3)).append("\" stroke-width=\"2\" stroke=\"")
        .append(color).append("\" stroke-dasharray=\"3,2\"/>\n");
    svg.append(text(x + 14, y + 1, "start", name));
  }

  private static void legendBox(StringBuilder svg, int index, String name, String color, String opacity, int plotW) {
    double x = LEFT + plotW + 12;
    double y = TOP + 8 + index * 16;
    svg.append("<rect x=\"").append(coord(x)).append("\" y=\"").append(coord(y - 8))
        .append("\" width=\"10\" height=\"10\" fill=\"").append(color).append("\" fill-opacity=\"")
        .append(opacity).append("\"/>\n");
    svg.append(text(x + 14, y + 1, "start", name));
  }

  private static String text(double x, double y, String anchor, String content) {
    return "<text x=\"" + coord(x) + "\" y=\"" + coord(y) + "\" text-anchor=\"" + anchor + "\">"
        + Html.escape(content) + "</text>\n";
  }

  /** Mean of the finite values in [from, to); NaN if there are none (a gap in the line). */
  private static double mean(double[] v, int from, int to) {
    double sum = 0;
    int count = 0;
    for (int i = from; i < to; i++) {
      if (Double.isFinite(v[i])) {
        sum += v[i];
        count++;
      }
    }
    return count == 0 ? Double.NaN : sum / count;
  }

  /** The smallest 1, 2 or 5 times a power of ten at or above {@code v}: tidy axis labels. */
  static double niceCeiling(double v) {
    if (!(v > 0)) {
      return 1;
    }
    double base = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * base >= v) {
        return m * base;
      }
    }
    return 10 * base;
  }

  private static String shortNumber(double v) {
    if (v >= 1e6) {
      return Numbers.fixed(v / 1e6, 1) + "M";
    }
    if (v >= 1e3) {
      return Numbers.fixed(v / 1e3, 1) + "k";
    }
    return v == Math.rint(v) ? Long.toString((long) v) : Numbers.fixed(v, 2);
  }

  private static String coord(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private enum TimeUnit {
    SECONDS(1, "s"), MINUTES(60, "min"), HOURS(3600, "h"), DAYS(86400, "days");

    final double seconds;
    final String label;

    TimeUnit(double seconds, String label) {
      this.seconds = seconds;
      this.label = label;
    }

    /** The largest unit in which the run lasts at least two. */
    static TimeUnit fitting(double durationSeconds) {
      TimeUnit best = SECONDS;
      for (TimeUnit u : values()) {
        if (durationSeconds >= 2 * u.seconds) {
          best = u;
        }
      }
      return best;
    }
  }
}
