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
    // One offered-vs-admitted chart per policy, rate limit, queue, and three bar charts.
    assertEquals(POLICIES.size() + 2 + 3, doc.getElementsByTagName("svg").getLength());
    assertEquals(1 + POLICIES.size(), doc.getElementsByTagName("tr").getLength());
    assertEquals("trace <nasa> & scenario 1", doc.getElementsByTagName("h1").item(0).getTextContent());
    String lower = html.toLowerCase();
    for (String external : List.of("http://", "https://", "<script", "<link", "src=", "@import",
        "url(")) {
      assertFalse(lower.contains(external), "report must not reference " + external);
    }
    // A path never holds more than MAX_POINTS points, however long the trace.
    for (String path : html.split("<path ")) {
      assertTrue(path.split(" L").length <= SvgChart.MAX_POINTS, "too many points in a line");
    }
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
