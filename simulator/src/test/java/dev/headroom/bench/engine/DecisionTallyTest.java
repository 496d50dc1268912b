package dev.headroom.bench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DecisionTallyTest {

  /** As the engine's /metrics printed it after a run (other limits and meters trimmed). */
  private static final String METRICS = """
      # HELP headroom_decisions_total Checks by outcome
      # TYPE headroom_decisions_total counter
      headroom_decisions_total{limit="bench",outcome="allowed"} 69611.0
      headroom_decisions_total{limit="bench",outcome="rejected"} 0.0
      headroom_decisions_total{limit="bench",outcome="shadow_rejected"} 0.0
      headroom_decisions_total{limit="bench",outcome="shed"} 0.0
      headroom_decisions_total{limit="other",outcome="allowed"} 5.0
      headroom_decisions_total{limit="other",outcome="rejected"} 7.0
      headroom_decisions_total{limit="other",outcome="shed"} 1.0
      """;

  @Test
  void readsTheBenchmarksLimitOnly() {
    assertEquals(new DecisionTally(69611, 0, 0), DecisionTally.parse(METRICS, "bench"));
    assertEquals(new DecisionTally(5, 7, 1), DecisionTally.parse(METRICS, "other"));
  }

  @Test
  void aMissingCounterIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> DecisionTally.parse(METRICS, "absent"));
    String noShed = METRICS.replaceAll("(?m)^.*limit=\"bench\",outcome=\"shed\".*$", "");
    assertThrows(IllegalArgumentException.class, () -> DecisionTally.parse(noShed, "bench"));
  }
}
