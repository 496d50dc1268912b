package dev.headroom.simulator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class JainIndexTest {

  @Test
  void equalSharesAreFair() {
    assertEquals(1.0, JainIndex.of(new double[] {0.7, 0.7, 0.7, 0.7}), 1e-12);
  }

  @Test
  void oneTenantTakingAllGivesOneOverN() {
    assertEquals(0.25, JainIndex.of(new double[] {1, 0, 0, 0}), 1e-12);
    assertEquals(0.1, JainIndex.of(new double[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0.3}), 1e-12);
  }

  @Test
  void halfAndHalf() {
    // (1 + 0.5)^2 / (2 * (1 + 0.25)) = 2.25 / 2.5
    assertEquals(0.9, JainIndex.of(new double[] {1, 0.5}), 1e-12);
  }

  @Test
  void negativeSharesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> JainIndex.of(new double[] {1, -0.1}));
  }
}
