package dev.headroom.simulator.event;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.simulator.event.BatchMeans.Confidence;
import java.util.Locale;

/** Closed forms of queueing theory and the check that a simulated estimate agrees, for tests. */
public final class QueueingTheory {

  private QueueingTheory() {}

  /** Probability that an arrival waits in M/M/c with offered load a = lambda / mu (Erlang C). */
  public static double erlangC(int c, double a) {
    double term = 1;
    double sum = 1;
    for (int k = 1; k < c; k++) {
      term *= a / k;
      sum += term;
    }
    double last = term * a / c * c / (c - a);
    return last / (sum + last);
  }

  /**
   * The 99% batch-means interval of {@code measured} covers the theory, and is narrower than
   * {@code maxRelativeHalfWidth} of it, so that a vague result cannot pass.
   */
  public static void assertAgrees(String what, double expected, BatchMeans measured, double maxRelativeHalfWidth) {
    double half = measured.halfWidth(Confidence.P99);
    String text = String.format(Locale.ROOT, "%s: theory %.5g, simulated %s", what, expected, measured);
    assertTrue(measured.covers(expected, Confidence.P99), text);
    assertTrue(half < maxRelativeHalfWidth * expected, "interval too wide to judge: " + text);
  }
}
