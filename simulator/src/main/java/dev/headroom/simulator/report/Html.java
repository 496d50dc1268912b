package dev.headroom.simulator.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The comparison as one self-contained HTML page: a summary table, then what the product is about
 * (for a chosen key and for the total: demand, the forecast band and each policy's limit in force),
 * then one chart per measure with a line or bar per policy. Inline SVG and a few lines of inline
 * script (the key picker), nothing loaded from anywhere, so it can be mailed or opened offline.
 * The markup is also well-formed XML (XHTML syntax), which lets tests parse it strictly.
 */
public final class Html {

  private static final String STYLE = """
      body{font-family:sans-serif;margin:2em;color:#222;max-width:60em}
      table{border-collapse:collapse;font-size:13px}
      th,td{padding:3px 8px;border-bottom:1px solid #ddd;text-align:right}
      th:first-child,td:first-child{text-align:left}
      figure{margin:1em 0}
      p{max-width:48em;line-height:1.4}
      """;

  /** Shows the picked key's chart; {@code #key=NAME} in the address picks one on load. No '<' or '&': valid XML. */
  private static final String PICKER = """
      (function () {
        var select = document.getElementById('report-key');
        function show(name) {
          Array.prototype.forEach.call(document.querySelectorAll('.key-chart'), function (c) {
            c.hidden = c.getAttribute('data-key') !== name;
          });
        }
        var asked = '';
        try {
          asked = decodeURIComponent(location.hash.replace(/^#key=/, ''));
        } catch (e) {
          asked = '';
        }
        if (Array.prototype.some.call(select.options, function (o) { return o.value === asked; })) {
          select.value = asked;
        }
        show(select.value);
        select.addEventListener('change', function () { show(select.value); });
      })();
      """;

  static final String DEMAND = "#444444";
  static final String ABUSIVE = "#B2182B";
  static final String BAND = "#56B4E9";

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
    int featured = featured(results);
    boolean perKey = !results.get(featured).series().keys().isEmpty();
    if (perKey) {
      keys(out, comparison, featured);
    }
    out.append("<h2>Offered and admitted requests</h2>\n");
    List<SvgChart.Line> admitted = new ArrayList<>();
    admitted.add(new SvgChart.Line("offered", SvgChart.GREY,
        perSecond(results.get(featured).series().offered(), bucket)));
    List<SvgChart.Line> limits = new ArrayList<>();
    List<SvgChart.Line> queues = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      PolicyResult r = results.get(i);
      admitted.add(new SvgChart.Line(r.policy(), color(i), perSecond(r.series().admitted(), bucket)));
      limits.add(new SvgChart.Line(r.policy(), color(i), r.series().rateLimit()));
      queues.add(new SvgChart.Line(r.policy(), color(i), r.series().queueLength()));
    }
    figure(out, SvgChart.lines("Admitted requests, by policy (offered: to " + results.get(featured).policy() + ")",
        "req/s", bucket, admitted));
    out.append("<h2>Backend</h2>\n");
    if (!perKey) { // else the total's chart above shows the limits
      figure(out, SvgChart.lines("Rate limit in force", "req/s", bucket, limits));
    }
    figure(out, SvgChart.lines("Backend queue length", "requests", bucket, queues));

    List<String> names = results.stream().map(PolicyResult::policy).toList();
    out.append("<h2>Outcomes</h2>\n");
    figure(out, SvgChart.bars("Avoidable rejections (backend had idle capacity)", "", names,
        results.stream().mapToDouble(PolicyResult::avoidableRejections).toArray(), 0));
    figure(out, SvgChart.bars("Overload time (queue past the latency objective)", "s", names,
        results.stream().mapToDouble(PolicyResult::overloadSeconds).toArray(), 1));
    figure(out, SvgChart.bars("Goodput (completed within the objective)", "req/s", names,
        results.stream().mapToDouble(PolicyResult::goodputPerSecond).toArray(), 1));
    if (perKey) {
      out.append("<script>\n").append(PICKER).append("</script>\n");
    }
    return out.append("</body>\n</html>\n").toString();
  }

  /**
   * The policy whose demand and forecast band the per-key charts show: the first predictive one
   * that saw a forecast, else the first that saw any, else the first.
   */
  static int featured(List<PolicyResult> results) {
    int any = -1;
    for (int i = 0; i < results.size(); i++) {
      PolicyResult r = results.get(i);
      if (r.series().keys().stream().anyMatch(KeySeries::hasForecast)) {
        if (r.policy().startsWith("predictive")) {
          return i;
        }
        any = any < 0 ? i : any;
      }
    }
    return Math.max(any, 0);
  }

  /** For the picked key and for the total: demand, the abusive part, the band, each policy's limit. */
  private static void keys(StringBuilder out, Comparison comparison, int featured) {
    List<PolicyResult> results = comparison.results();
    PolicyResult f = results.get(featured);
    List<KeySeries> keys = f.series().keys();
    out.append("<h2>Demand, forecast and limit in force</h2>\n<p>For one key and for all keys together: the "
        + "demand offered to the limiter (retries included), its abusive part where floods were injected, the "
        + "forecast band (P50 to P99) that ").append(escape(f.policy())).append(" saw, and the limit each policy "
        + "had in force. A limit that follows the forecast rises before a peak and holds a flood near what the key "
        + "normally sends at that hour; a static limit stays where the busiest hour put it. Recorded for at most ")
        .append(KeyRecorder.MAX_KEYS).append(" keys: the featured one (<code>--report-key</code>), the largest "
        + "floods, then the busiest.</p>\n");
    out.append("<p><label for=\"report-key\">Key </label><select id=\"report-key\">\n");
    for (KeySeries k : keys) {
      if (!k.total()) {
        out.append("<option value=\"").append(escape(k.key())).append("\">").append(escape(k.key()))
            .append("</option>\n");
      }
    }
    out.append("</select></p>\n");
    boolean first = true;
    for (KeySeries k : keys) {
      if (k.total()) {
        continue;
      }
      out.append("<div class=\"key-chart\" data-key=\"").append(escape(k.key())).append('"')
          .append(first ? "" : " hidden=\"hidden\"").append(">\n");
      figure(out, keyChart("Key " + k.key(), comparison, featured, k.key()));
      out.append("</div>\n");
      first = false;
    }
    figure(out, keyChart("All keys", comparison, featured, KeySeries.TOTAL));
  }

  private static String keyChart(String title, Comparison comparison, int featured, String key) {
    List<PolicyResult> results = comparison.results();
    KeySeries f = results.get(featured).series().key(key);
    List<SvgChart.Band> bands = new ArrayList<>();
    if (f.hasForecast()) {
      bands.add(new SvgChart.Band("forecast P50-P99", BAND, KeySeries.wide(f.p50()), KeySeries.wide(f.p99())));
    }
    List<SvgChart.Line> lines = new ArrayList<>();
    lines.add(new SvgChart.Line("demand", DEMAND, KeySeries.wide(f.demand())));
    if (f.hasAbusive()) {
      lines.add(new SvgChart.Line("abusive part", ABUSIVE, KeySeries.wide(f.abusive()), true));
    }
    for (int i = 0; i < results.size(); i++) {
      KeySeries k = results.get(i).series().key(key);
      if (k != null && hasFinite(k.limit())) {
        lines.add(new SvgChart.Line(results.get(i).policy(), color(i), KeySeries.wide(k.limit())));
      }
    }
    return SvgChart.lines(title + ": demand, forecast and limit in force", "req/s", comparison.bucketSeconds(),
        bands, lines);
  }

  private static boolean hasFinite(float[] values) {
    for (float v : values) {
      if (Float.isFinite(v)) {
        return true;
      }
    }
    return false;
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
