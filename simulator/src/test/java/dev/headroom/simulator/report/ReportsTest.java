package dev.headroom.simulator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ReportsTest {

  private static final List<String> POLICIES = List.of("static", "reactive", "predictive");
  private static final int BUCKETS = 1500; // past SvgChart.MAX_POINTS, so lines are averaged down

  @Test
  void consoleTableHasARowPerPolicy() {
    String table = ConsoleReport.render(comparison());
    String[] lines = table.split("\n");
    assertEquals("trace <nasa> & scenario 1", lines[0]);
    assertTrue(lines[1].startsWith("policy") && lines[1].contains("avoidable"), lines[1]);
    assertEquals(2 + 1 + POLICIES.size(), lines.length);
    for (int i = 0; i < POLICIES.size(); i++) {
      assertTrue(lines[3 + i].startsWith(POLICIES.get(i)), lines[3 + i]);
    }
  }

  @Test
  void jsonParsesAndCarriesTheNumbers() throws Exception {
    Comparison c = comparison();
    Map<?, ?> root = (Map<?, ?>) parseJson(JsonReport.render(c));
    assertEquals(c.title(), root.get("title"));
    assertEquals((double) BUCKETS, root.get("buckets"));
    List<?> policies = (List<?>) root.get("policies");
    assertEquals(POLICIES.size(), policies.size());
    for (int i = 0; i < POLICIES.size(); i++) {
      PolicyResult r = c.results().get(i);
      Map<?, ?> p = (Map<?, ?>) policies.get(i);
      assertEquals(r.policy(), p.get("policy"));
      assertEquals((double) r.avoidableRejections(), p.get("avoidable_rejections"));
      assertEquals(r.p95Ms(), (Double) p.get("latency_p95_ms"), 1e-9);
      List<?> limit = (List<?>) ((Map<?, ?>) p.get("series")).get("rate_limit");
      assertEquals(BUCKETS, limit.size());
      assertEquals(null, limit.get(0), "NaN (no limit yet) has no JSON form");
    }
  }

  @Test
  void csvHasOneRowPerPolicyAndPerBucket() {
    Comparison c = comparison();
    String[] summary = CsvReport.summary(c).split("\r\n");
    assertEquals(1 + POLICIES.size(), summary.length);
    int columns = summary[0].split(",", -1).length;
    for (String row : summary) {
      assertEquals(columns, row.split(",", -1).length, row);
    }
    assertTrue(summary[3].startsWith("predictive,"), summary[3]);
    String[] series = CsvReport.timeSeries(c).split("\r\n");
    assertEquals(1 + POLICIES.size() * BUCKETS, series.length);
    assertEquals("static,0,0,", series[1].substring(0, 11));
    assertEquals("\"a,\"\"b\"\"\"", CsvReport.field("a,\"b\""));
  }

  @Test
  void htmlIsWellFormedSelfContainedAndHasAnSvgPerChart() throws Exception {
    String html = Html.render(comparison());
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
    f.setFeature("http://xml.org/sax/features/external-general-entities", false);
    Document doc = f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    // One chart with a line per policy for admitted requests, rate limit and queue; three bar charts.
    assertEquals(3 + 3, doc.getElementsByTagName("svg").getLength());
    assertEquals(1 + POLICIES.size(), doc.getElementsByTagName("tr").getLength());
    assertEquals("trace <nasa> & scenario 1", doc.getElementsByTagName("h1").item(0).getTextContent());
    String lower = html.toLowerCase();
    for (String external : List.of("http://", "https://", "<script", "<link", "src=", "@import",
        "url(")) { // without per-key series there is no key picker, so no script at all
      assertFalse(lower.contains(external), "report must not reference " + external);
    }
    // A path never holds more than MAX_POINTS points, however long the trace.
    for (String path : html.split("<path ")) {
      assertTrue(path.split(" L").length <= SvgChart.MAX_POINTS, "too many points in a line");
    }
  }

  @Test
  void perKeyChartsShowDemandTheBandAndALimitLinePerPolicyWithAPicker() throws Exception {
    List<String> keys = List.of("a<&>", "b", "c");
    List<PolicyResult> results = List.of(keyed("static", keys, false, 3.0), keyed("predictive", keys, true, 2.0),
        keyed("oracle", keys, true, 1.5));
    String html = Html.render(new Comparison("keys", results));
    Document doc = parse(html);
    // A chart per tracked key and the total's, then admitted, queue (the total's chart carries the limits), bars.
    assertEquals(3 + 1 + 2 + 3, doc.getElementsByTagName("svg").getLength());
    assertEquals(3, doc.getElementsByTagName("option").getLength());
    assertEquals("a<&>", doc.getElementsByTagName("option").item(0).getAttributes().getNamedItem("value")
        .getNodeValue());
    // The featured key shows, the others wait for the picker.
    var divs = doc.getElementsByTagName("div");
    assertEquals(3, divs.getLength());
    assertEquals(null, divs.item(0).getAttributes().getNamedItem("hidden"));
    assertEquals("hidden", divs.item(1).getAttributes().getNamedItem("hidden").getNodeValue());
    String firstKey = html.substring(html.indexOf("<div class=\"key-chart\""), html.indexOf("</div>"));
    // The band from the predictive policy, demand, the abusive part, and one limit line per limited policy.
    assertEquals(1, firstKey.split("<polygon ").length - 1);
    assertTrue(firstKey.contains(">forecast P50-P99<") && firstKey.contains(">demand<")
        && firstKey.contains(">abusive part<") && firstKey.contains("stroke-dasharray"), firstKey);
    for (String p : List.of("static", "predictive", "oracle")) {
      assertTrue(firstKey.contains(">" + p + "<"), p);
    }
    assertTrue(html.contains("<script>") && !html.contains("<script src"), "an inline picker, nothing loaded");
    assertFalse(html.contains("http://") || html.contains("https://"), "nothing from the network");
    // A flat static limit is drawn as its two ends, not a point per bucket.
    assertTrue(firstKey.contains("M86.0,") || firstKey.contains("M64.0,"), firstKey);
  }

  @Test
  void theFeaturedPolicyIsThePredictiveOneThatSawAForecast() {
    List<String> keys = List.of("a");
    assertEquals(1, Html.featured(List.of(keyed("static", keys, false, 1), keyed("predictive", keys, true, 1))));
    assertEquals(1, Html.featured(List.of(keyed("static", keys, false, 1), keyed("oracle", keys, true, 1))));
    assertEquals(2, Html.featured(List.of(keyed("static", keys, false, 1), keyed("oracle", keys, true, 1),
        keyed("predictive-hold", keys, true, 1))));
    assertEquals(0, Html.featured(List.of(keyed("static", keys, false, 1))));
  }

  @Test
  void keyRecorderCountsTrackedKeysAndTheTotalPerSecond() {
    KeyRecorder r = new KeyRecorder(List.of("a", "b", "c"), new int[] {2, 0}, 1);
    for (int i = 0; i < 120; i++) {
      r.offered(2, i % 4 == 0);
    }
    r.offered(1, false); // untracked: only in the total
    r.offered(0, false);
    var band = dev.headroom.engine.policy.ForecastView.exact(0, 0, 60_000, new double[] {600, 1200}, "test");
    r.saw(2, band);
    r.saw(1, band); // untracked: ignored
    r.sawTotal(null);
    r.closeBucket(0, 60_000, new double[] {1, 2, 3}, 6);
    r.closeBucket(60_000, 120_000, new double[] {1, 2, 4}, 7); // grows past the expected bucket
    List<KeySeries> s = r.result();
    assertEquals(List.of("c", "a", KeySeries.TOTAL), s.stream().map(KeySeries::key).toList());
    KeySeries c = s.get(0);
    assertEquals(2.0, c.demand()[0], 1e-6);
    assertEquals(0.5, c.abusive()[0], 1e-6);
    assertEquals(10.0, c.p50()[0], 1e-6); // 600 per 60 s step
    assertEquals(20.0, c.p99()[1], 1e-6);
    assertEquals(3.0, c.limit()[0], 1e-6);
    assertEquals(4.0, c.limit()[1], 1e-6);
    assertEquals(0.0, c.demand()[1], 1e-6);
    KeySeries total = s.get(2);
    assertEquals(122 / 60.0, total.demand()[0], 1e-5);
    assertTrue(Float.isNaN(total.p99()[0]), "no total forecast");
    assertEquals(7.0, total.limit()[1], 1e-6);
    assertThrows(IllegalArgumentException.class, () -> new KeyRecorder(List.of("a"), new int[] {0, 0}, 1));
  }

  /** A result with key series: demand on a daily wave, a flood on the first key, a band if {@code forecast}. */
  private static PolicyResult keyed(String policy, List<String> keys, boolean forecast, double limitFactor) {
    int buckets = 300;
    PolicyMetrics m = new PolicyMetrics(policy, 60, 200_000_000L);
    KeyRecorder rec = new KeyRecorder(keys, java.util.stream.IntStream.range(0, keys.size()).toArray(), buckets);
    double[] rates = new double[keys.size()];
    for (int b = 0; b < buckets; b++) {
      long from = b * 60_000L;
      double[] p = new double[keys.size() * 0 + 1];
      for (int k = 0; k < keys.size(); k++) {
        int n = 60 * (5 + (int) (4 * Math.sin(b / 30.0 + k)));
        for (int i = 0; i < n; i++) {
          rec.offered(k, false);
          m.admitted(keys.get(k));
        }
        if (k == 0 && b > 200 && b < 230) {
          for (int i = 0; i < 600; i++) {
            rec.offered(k, true);
            m.rejected(keys.get(k), false);
          }
        }
        p[0] = n * 1.2;
        if (forecast) {
          rec.saw(k, dev.headroom.engine.policy.ForecastView.exact(from, from, 60_000, p, "test")
              .share(1, from, from + 60_000));
        }
        rates[k] = forecast ? limitFactor * n / 60.0 : limitFactor * 10;
      }
      m.closeBucket(limitFactor * 30, 0, false);
      rec.closeBucket(from, from + 60_000, rates, java.util.Arrays.stream(rates).sum());
    }
    m.keySeries(rec.result());
    return m.result();
  }

  private static Document parse(String html) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
    f.setFeature("http://xml.org/sax/features/external-general-entities", false);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void writesAllFilesIntoOneFolder(@TempDir Path dir) throws Exception {
    Path html = ReportFiles.write(dir.resolve("out"), comparison());
    assertEquals(dir.resolve("out").resolve("report.html"), html);
    for (String name : List.of(ReportFiles.HTML, ReportFiles.JSON, ReportFiles.CSV,
        ReportFiles.SERIES_CSV)) {
      assertTrue(Files.size(dir.resolve("out").resolve(name)) > 0, name);
    }
  }

  @Test
  void comparisonRefusesResultsFromDifferentRuns() {
    PolicyResult a = run("a", 10, 1);
    assertThrows(IllegalArgumentException.class, () -> new Comparison("t", List.of()));
    assertThrows(IllegalArgumentException.class, () -> new Comparison("t", List.of(a, a)));
    assertThrows(IllegalArgumentException.class,
        () -> new Comparison("t", List.of(a, run("b", 11, 1))));
  }

  private static Comparison comparison() {
    List<PolicyResult> results = POLICIES.stream().map(p -> run(p, BUCKETS, p.length())).toList();
    return new Comparison("trace <nasa> & scenario 1", results);
  }

  /** A made-up but internally consistent run: the writers only need plausible numbers. */
  private static PolicyResult run(String policy, int buckets, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    PolicyMetrics m = new PolicyMetrics(policy, 60, 200_000_000L);
    for (int b = 0; b < buckets; b++) {
      int load = 50 + (int) (40 * Math.sin(b / 100.0)) + random.nextInt(10);
      for (int i = 0; i < load; i++) {
        String tenant = "tenant-" + random.nextInt(4);
        if (random.nextDouble() < 0.8) {
          m.admitted(tenant);
          m.completed(random.nextLong(1_000_000L, 400_000_000L));
        } else {
          m.rejected(tenant, random.nextBoolean());
        }
      }
      m.closeBucket(b == 0 ? Double.NaN : 1.2 * load, random.nextInt(30), random.nextDouble() < 0.1);
    }
    return m.result();
  }

  /** The bench tests' strict parser; package-private there, and this package may not change it. */
  private static Object parseJson(String text) throws Exception {
    Class<?> parser = Class.forName("dev.headroom.bench.MiniJsonParser");
    Method parse = parser.getDeclaredMethod("parse", String.class);
    parse.setAccessible(true);
    return parse.invoke(null, text);
  }
}
