package dev.headroom.simulator.whatif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.forecaster.series.RateSeries;
import dev.headroom.simulator.scenario.PolicySpec.Kind;
import dev.headroom.simulator.scenario.Scenario;
import dev.headroom.simulator.scenario.Setup;
import dev.headroom.simulator.scenario.SimInput;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sweep on a small synthetic trace: only what must hold whatever the policies' details. */
class WhatIfRunTest {

  static final Grid GRID = Grid.parse("0.5,1,2", "0.6,1.5");
  static final SimInput.Plan PLAN = SimInput.Plan.whole().withWindow(Duration.ofHours(3));
  static WhatIfResult result;
  static SimInput reference;

  /** Eight hours of per-minute counts, about 5 requests a second with a smooth swell to 8. */
  static RateSeries trace() {
    double[] perMinute = new double[8 * 60];
    for (int i = 0; i < perMinute.length; i++) {
      perMinute[i] = Math.round(300 + 180 * Math.sin(2 * Math.PI * i / 240.0));
    }
    return RateSeries.ofMillis(Instant.parse("2025-03-01T00:00:00Z").toEpochMilli(), 60_000, perMinute);
  }

  static SimInput at(double scale) {
    return SimInput.of("synthetic", "api", trace(), PLAN.withScale(scale));
  }

  @BeforeAll
  static void sweep() {
    reference = at(1);
    result = WhatIf.run(reference, WhatIfRunTest::at,
        new WhatIf.Options(Scenario.PROTECT, GRID, List.of(Kind.STATIC, Kind.NONE), 3, null));
  }

  @Test
  void everyCellRanInGridOrder() {
    assertEquals(6, result.cells().size());
    assertEquals(List.of("static", "none"), result.policies());
    assertEquals(6 * 9, result.replays()); // 8 static limits and none, per cell
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 2; c++) {
        assertEquals(GRID.scales().get(r), result.cell(r, c).scale());
        assertEquals(GRID.capacities().get(c), result.cell(r, c).capacityFactor());
      }
    }
  }

  @Test
  void capacityIsSizedFromTheUnscaledTraceForEveryRow() {
    for (int c = 0; c < 2; c++) {
      double expected = Setup.size(Scenario.PROTECT, reference, GRID.capacities().get(c)).capacityPerSecond();
      for (int r = 0; r < 3; r++) {
        assertEquals(expected, result.cell(r, c).capacityPerSecond(), 1e-9, "row " + r);
      }
    }
    assertEquals(2.5, result.capacityPerSecond(1) / result.capacityPerSecond(0), 1e-9);
  }

  @Test
  void demandFollowsTheScale() {
    long one = result.cell(1, 0).demand();
    assertEquals(reference.arrivals().size(), one);
    assertEquals(0.5, result.cell(0, 0).demand() / (double) one, 0.03);
    assertEquals(2.0, result.cell(2, 0).demand() / (double) one, 0.05);
    assertEquals(result.cell(2, 0).demand(), result.cell(2, 1).demand()); // same input across a row
  }

  @Test
  void goodputShareIsAShareAndMovesTheRightWay() {
    double[][] share = result.values("static", Metric.GOODPUT);
    for (double[] row : share) {
      for (double v : row) {
        assertTrue(v >= 0 && v <= 1, "share " + v);
      }
    }
    // Half the traffic on 60% of today's busy minutes fits; twice the traffic cannot.
    assertTrue(share[0][0] > 0.95, "x0.5 on x0.6: " + share[0][0]);
    assertTrue(share[2][0] < 0.6, "x2 on x0.6: " + share[2][0]);
    for (int c = 0; c < 2; c++) {
      assertTrue(share[2][c] <= share[0][c] + 0.01, "more traffic, same system, column " + c);
    }
    for (int r = 0; r < 3; r++) {
      assertTrue(share[r][1] >= share[r][0] - 0.01, "more capacity, same traffic, row " + r);
    }
  }

  @Test
  void theGridNotTheThreadCountDecidesTheResult() {
    WhatIfResult serial = WhatIf.run(reference, WhatIfRunTest::at,
        new WhatIf.Options(Scenario.PROTECT, Grid.parse("2", "0.6"), List.of(Kind.STATIC), 1, null));
    assertEquals(result.cell(2, 0).result("static"), serial.cell(0, 0).result("static"));
  }

  @Test
  void eachScaleIsBuiltOnceAndScaleOneIsTheReference() {
    AtomicInteger loads = new AtomicInteger();
    WhatIf.Inputs counting = scale -> {
      loads.incrementAndGet();
      assertTrue(scale != 1, "scale 1 is the reference");
      return at(scale);
    };
    WhatIf.run(reference, counting, new WhatIf.Options(Scenario.PROTECT, Grid.parse("1,0.5", "0.8,1,1.2"),
        List.of(Kind.NONE), 2, null));
    assertEquals(1, loads.get());
  }

  @Test
  void aFailingLoadFailsTheSweepWithItsMessage() {
    WhatIf.Inputs broken = scale -> {
      throw new IOException("disk on fire");
    };
    RuntimeException e = assertThrows(RuntimeException.class, () -> WhatIf.run(reference, broken,
        new WhatIf.Options(Scenario.PROTECT, Grid.parse("2", "1"), List.of(Kind.NONE), 1, null)));
    assertTrue(String.valueOf(e.getMessage()).contains("disk on fire"), e.toString());
  }

  @Test
  void optionsRefuseNoPoliciesAndNoThreads() {
    assertThrows(IllegalArgumentException.class, () -> new WhatIf.Options(Scenario.PROTECT, GRID, List.of(), 1, null));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> new WhatIf.Options(Scenario.PROTECT, GRID, List.of(Kind.NONE), 0, null)).getMessage()
        .startsWith("--threads"));
  }

  @Test
  void workCountsEveryReplayOfEveryRow() {
    long perCell = 9; // 8 static limits and none
    long expected = Math.round(3.5 * reference.arrivals().size() * perCell * 2);
    assertEquals(expected, WhatIf.work(reference, Scenario.PROTECT, GRID, List.of(Kind.NONE)));
  }
}
