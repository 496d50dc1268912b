package dev.headroom.simulator.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PolicyMetricsTest {

  private static final long MS = 1_000_000;

  @Test
  void countsAHandBuiltSequence() {
    PolicyMetrics m = new PolicyMetrics("predictive", 2.0, 100 * MS);
    // Bucket 0: a admitted twice, b rejected once while the backend was idle.
    m.admitted("a");
    m.admitted("a");
    m.rejected("b", true);
    m.completed(50 * MS);
    m.completed(150 * MS);
    m.closeBucket(10, 3, false);
    // Bucket 1: b rejected while busy, then retried and admitted; queue past the objective.
    m.rejected("b", false);
    m.retried();
    m.admitted("b");
    m.completed(100 * MS);
    m.quotaWindowEnded(7, false);
    m.quotaWindowEnded(0, true);
    m.closeBucket(Double.NaN, 12.5, true);
    // Bucket 2: nothing happens.
    m.closeBucket(8, 0, false);

    PolicyResult r = m.result();
    assertEquals("predictive", r.policy());
    assertEquals(5, r.offered());
    assertEquals(3, r.admitted());
    assertEquals(2, r.rejected());
    assertEquals(1, r.avoidableRejections());
    assertEquals(2.0, r.overloadSeconds());
    assertEquals(3, r.completed());
    assertEquals(2, r.goodput(), "50 ms and 100 ms are within the 100 ms objective, 150 ms is not");
    assertEquals(2 / 6.0, r.goodputPerSecond(), 1e-12);
    assertEquals(1, r.retriesCaused());
    assertEquals(7, r.quotaWasted());
    assertEquals(2, r.quotaWindows());
    assertEquals(1, r.quotaWindowsExhausted());
    assertEquals(100, r.p50Ms(), 1);
    assertEquals(150, r.p99Ms(), 1.5);
    // Tenant a got 2/2, b got 1/3: (1 + 1/3)^2 / (2 * (1 + 1/9)) = 0.8
    assertEquals(0.8, r.fairness(), 1e-12);
    assertEquals(1 / 5.0, r.avoidableRejectionRate(), 1e-12);

    PolicyResult.Series s = r.series();
    assertArrayEquals(new long[] {3, 2, 0}, s.offered());
    assertArrayEquals(new long[] {2, 1, 0}, s.admitted());
    assertArrayEquals(new long[] {1, 1, 0}, s.rejected());
    assertArrayEquals(new double[] {10, Double.NaN, 8}, s.rateLimit());
    assertArrayEquals(new double[] {3, 12.5, 0}, s.queueLength());
    assertEquals(6.0, r.durationSeconds());
  }

  @Test
  void seriesGrowPastTheirInitialCapacityAndCannotBeChangedFromOutside() {
    PolicyMetrics m = new PolicyMetrics("static", 1, MS);
    for (int i = 0; i < 1000; i++) {
      for (int k = 0; k < i % 3; k++) {
        m.admitted("t");
      }
      m.closeBucket(i, 0, false);
    }
    PolicyResult r = m.result();
    long[] offered = r.series().offered();
    assertEquals(1000, offered.length);
    assertEquals(2, offered[998]);
    assertEquals(999, r.series().rateLimit()[999]);
    offered[998] = -5;
    assertEquals(2, r.series().offered()[998]);
  }

  @Test
  void anEmptyRunHasNoLatenciesAndIsFair() {
    PolicyResult r = new PolicyMetrics("none", 1, MS).result();
    assertTrue(Double.isNaN(r.p50Ms()));
    assertTrue(Double.isNaN(r.goodputPerSecond()));
    assertEquals(1.0, r.fairness());
  }

  @Test
  void badArgumentsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new PolicyMetrics(" ", 1, MS));
    assertThrows(IllegalArgumentException.class, () -> new PolicyMetrics("p", 0, MS));
    assertThrows(IllegalArgumentException.class, () -> new PolicyMetrics("p", 1, 0));
    PolicyMetrics m = new PolicyMetrics("p", 1, MS);
    assertThrows(IllegalArgumentException.class, () -> m.quotaWindowEnded(-1, false));
    assertThrows(IllegalArgumentException.class, () -> m.admitted(null));
  }
}
