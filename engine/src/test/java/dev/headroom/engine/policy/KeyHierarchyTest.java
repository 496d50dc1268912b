package dev.headroom.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyHierarchyTest {

  private static ForecastView flat(double perStep) {
    double[] d = new double[10];
    Arrays.fill(d, perStep);
    return ForecastView.exact(0, 0, 60_000, d, "total");
  }

  @Test
  void onlyKeysSeenOnEnoughTicksAndAmongTheBusiestGetModels() {
    KeyHierarchy<String> h = new KeyHierarchy<>(1);
    for (int tick = 0; tick < KeyHierarchy.TICKS_BEFORE_MODEL; tick++) {
      assertFalse(h.modelled("big"));
      h.seen("big", 100, Double.NaN);
      h.seen("small", 10, Double.NaN);
      h.seen("one-shot-" + tick, 1_000, Double.NaN);
      h.endTick();
    }
    assertTrue(h.modelled("big"), "the busiest key seen on three ticks");
    assertFalse(h.modelled("small"), "only one model");
    assertFalse(h.modelled("one-shot-2"), "a key seen once never gets a model, however loud");
    assertEquals(1, h.modelledKeys());
  }

  @Test
  void aTailKeyFollowsItsShareOfTheTotal() {
    KeyHierarchy<String> h = new KeyHierarchy<>(0);
    h.seen("a", 30, Double.NaN);
    h.seen("b", 10, Double.NaN);
    h.endTick();
    assertEquals(0.75, h.share("a"), 1e-12);
    ForecastView v = h.view("a", null, flat(40 * 60), 0, 120_000);
    assertEquals(30, v.peakPerSecond(Quantile.P50, 0, 120_000), 1e-9);
    assertEquals(2, v.horizon(), "cut to the window the policy reads");
    assertTrue(v.model().contains("share"));
    assertNull(h.view("c", null, null, 0, 60_000));
  }

  @Test
  void aFloodDoesNotBuyABiggerShare() {
    KeyHierarchy<String> h = new KeyHierarchy<>(5);
    for (int tick = 0; tick < 4; tick++) {
      h.seen("a", 10, 12);
      h.seen("b", tick == 3 ? 1_000 : 10, 12); // b floods on the last tick: counted up to 12
      h.endTick();
    }
    assertTrue(h.share("b") < 0.55, "share " + h.share("b"));
    h.forget("b");
    assertEquals(0, h.share("b"));
  }

  @Test
  void aModelledKeyUsesItsOwnForecastAndGivesItsModelUpWhenAnotherIsBusier() {
    KeyHierarchy<String> h = new KeyHierarchy<>(1);
    for (int tick = 0; tick < 4; tick++) {
      h.seen("a", 20, Double.NaN);
      h.seen("b", 10, Double.NaN);
      h.endTick();
    }
    ForecastView own = flat(1);
    assertSame(own, h.view("a", own, flat(100), 0, 60_000));
    List<String> lostAll = new java.util.ArrayList<>();
    for (int tick = 0; tick < 10; tick++) {
      h.seen("b", 10, Double.NaN); // a has gone quiet
      lostAll.addAll(h.endTick());
    }
    assertEquals(List.of("a"), lostAll);
    assertTrue(h.modelled("b"));
    assertFalse(h.modelled("a"));
    assertTrue(h.view("a", own, flat(100), 0, 60_000).model().contains("share"), "back on its share");
  }
}
