package dev.headroom.simulator.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The comparison as one self-contained HTML page: a summary table and inline SVG charts, no
 * scripts, fonts or style sheets from anywhere, so it can be mailed or opened offline. The markup
 * is also well-formed XML (XHTML syntax), which lets tests parse it strictly.
 */
public final class Html {

  private static final String STYLE = """
      body{font-family:sans-serif;margin:2em;color:#222;max-width:60em}
      table{border-collapse:collapse;font-size:13px}
      th,td{padding:3px 8px;border-bottom:1px solid #ddd;text-align:right}
      th:first-child,td:first-child{text-align:left}
      figure{margin:1em 0}
      """;

  private Html() {}

  public static String render(Comparison comparison) {
    List<PolicyResult> results = comparison.results();
    StringBuilder out = new StringBuilder();
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>")
        .append(escape(comparison.title())).append("</title>\n<style>\n").append(STYLE)
        .append("</style>\n</head>\n<body>\n<h1>").append(escape(comparison.title()))
        .append("</h1>\n");
    summary(out, results);

    double bucket = comparison.bucketSeconds();
    out.append("<h2>Offered and admitted requests</h2>\n");
    for (int i = 0; i < results.size(); i++) {
      PolicyResult r = results.get(i);
      PolicyResult.Series s = r.series();
      figure(out, SvgChart.lines(r.policy() + ": offered vs admitted", "req/s", bucket, List.of(
          new SvgChart.Line("offered", SvgChart.GREY, perSecond(s.offered(), bucket)),
          new SvgChart.Line("admitted", color(i), perSecond(s.admitted(), bucket)))));
    }
    List<SvgChart.Line> limits = new ArrayList<>();
    List<SvgChart.Line> queues = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      PolicyResult r = results.get(i);
      limits.add(new SvgChart.Line(r.policy(), color(i), r.series().rateLimit()));
      queues.add(new SvgChart.Line(r.policy(), color(i), r.series().queueLength()));
    }
    out.append("<h2>Backend</h2>\n");
    figure(out, SvgChart.lines("Rate limit in force", "req/s", bucket, limits));
    figure(out, SvgChart.lines("Backend queue length", "requests", bucket, queues));

    List<String> names = results.stream().map(PolicyResult::policy).toList();
    out.append("<h2>Outcomes</h2>\n");
    figure(out, SvgChart.bars("Avoidable rejections (backend had idle capacity)", "", names,
        results.stream().mapToDouble(PolicyResult::avoidableRejections).toArray(), 0));
    figure(out, SvgChart.bars("Overload time (queue past the latency objective)", "s", names,
        results.stream().mapToDouble(PolicyResult::overloadSeconds).toArray(), 1));
    figure(out, SvgChart.bars("Goodput (completed within the objective)", "req/s", names,
        results.stream().mapToDouble(PolicyResult::goodputPerSecond).toArray(), 1));
    return out.append("</body>\n</html>\n").toString();
  }

  private static void summary(StringBuilder out, List<PolicyResult> results) {
    out.append("<h2>Summary</h2>\n<table>\n<tr><th>policy</th><th>offered</th><th>admitted</th>"
        + "<th>rejected</th><th>avoidable</th><th>overload s</th><th>p50 ms</th><th>p95 ms</th>"
        + "<th>p99 ms</th><th>goodput/s</th><th>retries</th><th>quota wasted</th>"
        + "<th>windows exhausted</th><th>fairness</th></tr>\n");
    for (PolicyResult r : results) {
      out.append("<tr>");
      for (String cell : new String[] {r.policy(), Numbers.count(r.offered()),
          Numbers.count(r.admitted()), Numbers.count(r.rejected()),
          Numbers.count(r.avoidableRejections()), Numbers.fixed(r.overloadSeconds(), 1),
          Numbers.fixed(r.p50Ms(), 2), Numbers.fixed(r.p95Ms(), 2), Numbers.fixed(r.p99Ms(), 2),
          Numbers.fixed(r.goodputPerSecond(), 1), Numbers.count(r.retriesCaused()),
          Numbers.count(r.quotaWasted()), r.quotaWindowsExhausted() + "/" + r.quotaWindows(),
          Numbers.fixed(r.fairness(), 3)}) {
        out.append("<td>").append(escape(cell)).append("</td>");
      }
      out.append("</tr>\n");
    }
    out.append("</table>\n");
  }

  private static void figure(StringBuilder out, String svg) {
    out.append("<figure>\n").append(svg).append("</figure>\n");
  }

  private static String color(int i) {
    return SvgChart.PALETTE[i % SvgChart.PALETTE.length];
  }

  private static double[] perSecond(long[] counts, double bucketSeconds) {
    double[] out = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      out[i] = counts[i] / bucketSeconds;
    }
    return out;
  }

  /** Text safe in element content and quoted attributes. */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
