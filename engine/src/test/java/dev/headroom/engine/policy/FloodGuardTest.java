package dev.headroom.engine.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.headroom.forecaster.series.RateSeries;
import org.junit.jupiter.api.Test;

class FloodGuardTest {

  @Test
  void aSurprisingObservationReachesTheModelAsItsOwnMean() {
    FloodGuard g = new FloodGuard();
    assertEquals(5, g.feed(0, 5, 8, 10), "within the band: as seen");
    assertEquals(12, g.feed(60_000, 12, 10, 10), "over the P99 but within 1.25x the mean: as seen");
    assertEquals(8, g.feed(120_000, 400, 8, 10), "a flood: the model's mean");
    assertEquals(9, g.feed(180_000, 400, 9, 30), "and again, however the band moved");
    assertEquals(2, g.remembered(), "cleaned steps are remembered");
  }

  @Test
  void aLastingChangeComesThroughAfterThePatience() {
    FloodGuard g = new FloodGuard();
    for (int i = 0; i < FloodGuard.PATIENCE; i++) {
      assertEquals(8, g.feed(i * 60_000L, 1_000, 8, 10));
    }
    assertEquals(10, g.feed(FloodGuard.PATIENCE * 60_000L, 1_000, 8, 10), "now the band's top: the model climbs");
    assertEquals(5, g.feed(999 * 60_000L, 5, 8, 10), "the run ends");
    assertEquals(8, g.feed(1_000 * 60_000L, 1_000, 8, 10), "a new run starts patient again");
  }

  @Test
  void aRefitSeesTheCleanedSteps() {
    FloodGuard g = new FloodGuard();
    g.feed(120_000, 500, 15, 20);
    g.feed(180_000, 12, 15, 20); // the run ends
    RateSeries raw = RateSeries.ofMillis(0, 60_000, new double[] {10, Double.NaN, 500, 12});
    assertArrayEquals(new double[] {10, Double.NaN, 15, 12}, g.clean(raw).values(), 1e-12);
    g.forgetBefore(180_000);
    assertEquals(raw, g.clean(raw));
  }

  @Test
  void whileARunLastsAStepTheModelMissedIsCleanedToo() {
    FloodGuard g = new FloodGuard();
    g.feed(0, 500, 15, 20);
    g.feed(60_000, Double.NaN, 15, 25); // not stored yet when it was read: no end to the run
    RateSeries raw = RateSeries.ofMillis(0, 60_000, new double[] {500, 480});
    assertArrayEquals(new double[] {15, 15}, g.clean(raw).values(), 1e-12);
  }

  @Test
  void noBandNoCleaning() {
    FloodGuard g = new FloodGuard();
    assertEquals(500, g.feed(0, 500, 10, Double.NaN));
    assertEquals(0, g.remembered());
  }
}
