package dev.headroom.simulator.whatif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GridTest {

  @Test
  void parsesTheDefaultsInOrder() {
    Grid g = Grid.parse(Grid.DEFAULT_SCALES, Grid.DEFAULT_CAPACITIES);
    assertEquals(List.of(0.5, 0.75, 1.0, 1.25, 1.5, 2.0), g.scales());
    assertEquals(List.of(0.6, 0.8, 1.0, 1.2, 1.5), g.capacities());
    assertEquals(30, g.cells());
  }

  @Test
  void keepsOrderDropsDuplicatesAndTrims() {
    assertEquals(List.of(2.0, 0.5, 1.0), Grid.parseList("--scales", " 2, 0.5 ,1,2.0,0.5"));
    assertEquals(List.of(1e-3), Grid.parseList("--scales", "1e-3"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "0", "-1", "1,,2", "1,", "abc", "1,x", "Infinity", "NaN", "0.5,0"})
  void refusesBadListsNamingTheOption(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Grid.parseList("--capacities", text));
    assertTrue(e.getMessage().startsWith("--capacities: "), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), "one line");
  }

  @Test
  void gridErrorsNameTheirOption() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Grid.parse("0", "1")).getMessage()
        .startsWith("--scales: "));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Grid.parse("1", "1,-2")).getMessage()
        .startsWith("--capacities: "));
    assertThrows(IllegalArgumentException.class, () -> new Grid(List.of(), List.of(1.0)));
  }

  @Test
  void labelsAreShort() {
    assertEquals("x0.75", Grid.label(0.75));
    assertEquals("x1", Grid.label(1));
    assertEquals("x1.2", Grid.label(1.2));
    assertEquals("x10", Grid.label(10));
  }

  @Test
  void metricsParseByIdAndAliasAndRefuseOthers() {
    assertEquals(Metric.GOODPUT, Metric.parse("goodput"));
    assertEquals(Metric.GOODPUT, Metric.parse("Goodput-Share"));
    assertEquals(Metric.AVOIDABLE, Metric.parse("avoidable"));
    assertEquals(Metric.OVERLOAD, Metric.parse("overload-seconds"));
    assertEquals(Metric.P99, Metric.parse("p99"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Metric.parse("speed"));
    assertTrue(e.getMessage().startsWith("--metric: unknown metric \"speed\""), e.getMessage());
    assertTrue(e.getMessage().contains("goodput, avoidable, overload, p99"), e.getMessage());
  }

  @Test
  void metricsFormatValuesAndSignedDifferences() {
    assertEquals("87.3", Metric.GOODPUT.format(0.8731));
    assertEquals("1.25", Metric.AVOIDABLE.format(0.0125));
    assertEquals("-", Metric.P99.format(Double.NaN));
    assertEquals("+3.0", Metric.GOODPUT.formatDelta(0.03));
    assertEquals("-3.0", Metric.GOODPUT.formatDelta(-0.03));
    assertEquals("0.0", Metric.GOODPUT.formatDelta(-0.0001));
    assertEquals("0.0", Metric.GOODPUT.formatDelta(0.0001));
    assertEquals("pp", Metric.GOODPUT.deltaUnit());
    assertEquals("ms", Metric.P99.deltaUnit());
  }
}
