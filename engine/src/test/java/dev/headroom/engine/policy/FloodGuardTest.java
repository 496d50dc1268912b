package dev.headroom.engine.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.forecaster.series.RateSeries;
import org.junit.jupiter.api.Test;

class FloodGuardTest {

  @Test
  void anObservationAboveTheBandReachesTheModelClippedAndTheClipHoldsThroughTheRun() {
    FloodGuard g = new FloodGuard();
    assertEquals(5, g.feed(0, 5, 10), "within the band: as seen");
    assertEquals(10, g.feed(60_000, 400, 10), "a flood: clipped at the band");
    assertEquals(10, g.feed(120_000, 400, 30), "the band rose with the clipped step: the clip did not");
    assertEquals(8, g.feed(180_000, 8, 30), "the run ends");
    assertEquals(30, g.feed(240_000, 400, 30), "a new run clips at the band of its start");
    assertEquals(3, g.remembered(), "clipped steps are remembered");
  }

  @Test
  void aLastingChangeComesThroughAfterThePatience() {
    FloodGuard g = new FloodGuard();
    double last = 0;
    for (int i = 0; i < FloodGuard.PATIENCE + 20; i++) {
      last = g.feed(i * 60_000L, 1_000, 10);
    }
    assertEquals(10 * Math.pow(FloodGuard.GROWTH, 20), last, 1e-9);
    assertTrue(g.feed(999 * 60_000L, 5, 10) == 5);
  }

  @Test
  void aRefitSeesTheCleanedSteps() {
    FloodGuard g = new FloodGuard();
    g.feed(120_000, 500, 20);
    RateSeries raw = RateSeries.ofMillis(0, 60_000, new double[] {10, Double.NaN, 500, 12});
    RateSeries clean = g.clean(raw);
    assertArrayEquals(new double[] {10, Double.NaN, 20, 12}, clean.values(), 1e-12);
    g.feed(180_000, 12, 20); // the run ends
    g.forgetBefore(180_000);
    assertEquals(raw, g.clean(raw));
  }

  @Test
  void whileARunLastsAStepTheModelMissedIsCleanedToo() {
    FloodGuard g = new FloodGuard();
    g.feed(0, 500, 20);
    g.feed(60_000, Double.NaN, 25); // not stored yet when it was read: no end to the run
    RateSeries raw = RateSeries.ofMillis(0, 60_000, new double[] {500, 480});
    assertArrayEquals(new double[] {20, 20}, g.clean(raw).values(), 1e-12);
  }

  @Test
  void noBandNoClip() {
    FloodGuard g = new FloodGuard();
    assertEquals(500, g.feed(0, 500, Double.NaN));
    assertEquals(0, g.remembered());
  }
}
