package dev.headroom.simulator.whatif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.simulator.report.PolicyResult;
import dev.headroom.simulator.scenario.Scenario;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class HeatMapTest {

  /** A made-up 3 x 2 sweep of static and predictive: goodput falls with traffic, rises with capacity. */
  static WhatIfResult sweep() {
    Grid grid = Grid.parse("0.5,1,2", "0.8,1.2");
    List<Cell> cells = new ArrayList<>();
    for (double scale : grid.scales()) {
      for (double cap : grid.capacities()) {
        long demand = Math.round(10_000 * scale);
        long served = Math.min(demand, Math.round(10_000 * cap * 0.9));
        cells.add(new Cell(scale, cap, 100 * cap, demand, 0.9, List.of(
            result("static", demand, served, scale > cap ? 5 : 0),
            result("predictive", demand, Math.min(demand, served + 123), scale > cap ? 2 : Double.NaN)), 9));
      }
    }
    return new WhatIfResult("trace <a&b>", Scenario.PROTECT, Duration.ofDays(1), grid,
        List.of("static", "predictive"), cells, 54, 1_500_000_000L);
  }

  static PolicyResult result(String policy, long demand, long goodput, double p99) {
    PolicyResult.Series s = new PolicyResult.Series(new long[1], new long[1], new long[1], new double[1],
        new double[1]);
    return new PolicyResult(policy, 60, demand, goodput, demand - goodput, (demand - goodput) / 10, 3.0 * (demand
        - goodput) / demand, 1000, goodput, 100, 200, p99, goodput, 0, 0, 0, 0, 1, 0, 0, null, s);
  }

  @Test
  void pageIsWellFormedSelfContainedAndShowsEveryNumber() throws Exception {
    WhatIfResult r = sweep();
    String html = HeatMap.render(r, Metric.GOODPUT);
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
    f.setFeature("http://xml.org/sax/features/external-general-entities", false);
    Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    // A map per policy and one difference map.
    assertEquals(3, doc.getElementsByTagName("svg").getLength());
    String h1 = doc.getElementsByTagName("h1").item(0).getTextContent();
    for (String part : List.of("trace <a&b>", "scenario 1 protect", "static vs predictive", "goodput share")) {
      assertTrue(h1.contains(part), h1);
    }
    String lower = html.toLowerCase();
    for (String external : List.of("http://", "https://", "<script", "<link", "src=", "@import", "url(")) {
      assertFalse(lower.contains(external), "page must not reference " + external);
    }
    Set<String> texts = new HashSet<>();
    NodeList t = doc.getElementsByTagName("text");
    for (int i = 0; i < t.getLength(); i++) {
      texts.add(t.item(i).getTextContent());
    }
    double[][] st = r.values("static", Metric.GOODPUT);
    double[][] diff = r.difference("predictive", "static", Metric.GOODPUT);
    for (int row = 0; row < 3; row++) {
      for (int col = 0; col < 2; col++) {
        assertTrue(texts.contains(Metric.GOODPUT.format(st[row][col])), "cell " + row + "," + col);
        assertTrue(texts.contains(Metric.GOODPUT.formatDelta(diff[row][col])), "difference " + row + "," + col);
      }
    }
    // Axis labels, row and column labels, capacity per second, and the legend.
    for (String label : List.of("traffic scale", "x0.5", "x1", "x2", "x0.8", "x1.2", "80.0/s", "120/s",
        "blue: better, red: worse")) {
      assertTrue(texts.contains(label), "missing " + label);
    }
    assertTrue(texts.stream().anyMatch(s -> s.startsWith("capacity factor")), "column axis label");
  }

  @Test
  void aMissingValueIsGreyAndDashed() throws Exception {
    String html = HeatMap.render(sweep(), Metric.P99);
    assertTrue(html.contains("fill=\"" + HeatMap.MISSING + "\""), "grey cell");
    assertTrue(html.contains(">-</text>"), "dash for a missing value");
  }

  @Test
  void blueIsAlwaysTheBetterEnd() {
    String blue = HeatMap.RAMP[HeatMap.RAMP.length - 1];
    String red = HeatMap.RAMP[0];
    assertEquals(blue, HeatMap.color(1, 0, 1, true));
    assertEquals(red, HeatMap.color(0, 0, 1, true));
    assertEquals(blue, HeatMap.color(0, 0, 1, false));
    assertEquals(red, HeatMap.color(1, 0, 1, false));
    assertEquals(HeatMap.RAMP[4], HeatMap.color(5, 5, 5, true)); // one value: the middle
    assertTrue(HeatMap.dark(blue) || HeatMap.dark(red));
    assertFalse(HeatMap.dark(HeatMap.RAMP[4]));
  }

  @Test
  void csvHasARowPerCellAndPolicyAndJsonParses(@TempDir Path dir) throws Exception {
    WhatIfResult r = sweep();
    Path html = WhatIfFiles.write(dir.resolve("out"), r, Metric.AVOIDABLE);
    assertEquals(dir.resolve("out").resolve("whatif.html"), html);
    List<String> csv = Files.readAllLines(dir.resolve("out").resolve("whatif.csv"));
    assertEquals(WhatIfFiles.CSV_HEADER, csv.getFirst());
    assertEquals(1 + 6 * 2, csv.size());
    int columns = WhatIfFiles.CSV_HEADER.split(",").length;
    for (String line : csv) {
      assertEquals(columns, line.split(",", -1).length, line);
    }
    assertTrue(csv.get(1).startsWith("protect,0.5,0.8,80,static,5000,"), csv.get(1));
    Map<?, ?> json = (Map<?, ?>) parseJson(Files.readString(dir.resolve("out").resolve("whatif.json")));
    assertEquals("avoidable", json.get("metric"));
    assertEquals(6, ((List<?>) json.get("cells")).size());
    Map<?, ?> first = (Map<?, ?>) ((List<?>) json.get("cells")).getFirst();
    Map<?, ?> predictive = (Map<?, ?>) ((Map<?, ?>) first.get("policies")).get("predictive");
    assertEquals(null, predictive.get("latency_p99_ms")); // NaN has no JSON form
  }

  @Test
  void consoleTableHasARowPerScaleAndAColumnPerCapacity() {
    WhatIfResult r = sweep();
    String table = WhatIfFiles.table(r, Metric.GOODPUT, "static", null);
    List<String> lines = table.lines().toList();
    assertEquals(5, lines.size(), table);
    assertEquals("static: goodput share of fresh demand (%)", lines.get(0));
    assertTrue(lines.get(1).matches("scale \\\\ capacity\\s+x0.8\\s+x1.2"), lines.get(1));
    assertTrue(lines.get(2).matches("x0.5\\s+100.0\\s+100.0"), lines.get(2));
    assertTrue(lines.get(4).matches("x2\\s+36.0\\s+54.0"), lines.get(4));
    String diff = WhatIfFiles.table(r, Metric.GOODPUT, "predictive", "static");
    assertTrue(diff.startsWith("predictive - static: goodput share of fresh demand (pp)"), diff);
    assertTrue(diff.contains("+0.6"), diff);
  }

  /** The bench tests' strict parser; package-private there. */
  private static Object parseJson(String text) throws Exception {
    Class<?> parser = Class.forName("dev.headroom.bench.MiniJsonParser");
    Method parse = parser.getDeclaredMethod("parse", String.class);
    parse.setAccessible(true);
    return parse.invoke(null, text);
  }
}
