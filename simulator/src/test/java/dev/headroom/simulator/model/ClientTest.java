package dev.headroom.simulator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.simulator.event.RandomSource;
import org.junit.jupiter.api.Test;

/** Backoff bounds, full jitter's spread, Retry-After as a floor, and giving up. */
class ClientTest {

  static final long NOW = 1_000_000_000_000L;
  static final long MS = 1_000_000L;

  @Test
  void fullJitterDrawsUniformlyUpToTheDoublingCeiling() {
    Client client = new Client(RetryPolicy.exponentialBackoff(20, 100 * MS, 1_600 * MS), new RandomSource(3));
    for (int attempt = 1; attempt <= 8; attempt++) {
      long ceiling = Math.min(1_600 * MS, (100 * MS) << (attempt - 1));
      double sum = 0;
      long max = 0;
      int n = 20_000;
      for (int i = 0; i < n; i++) {
        long delay = client.rejected(attempt, NOW, Client.NO_RETRY_AFTER) - NOW;
        assertTrue(delay >= 0 && delay <= ceiling, "attempt " + attempt + ": delay " + delay + " > " + ceiling);
        sum += delay;
        max = Math.max(max, delay);
      }
      // Uniform on [0, ceiling]: mean ceiling/2, standard error ceiling/sqrt(12 n); 5 errors of slack.
      assertEquals(ceiling / 2.0, sum / n, 5 * ceiling / Math.sqrt(12.0 * n), "mean delay, attempt " + attempt);
      assertTrue(max > 0.99 * ceiling, "draws reach the ceiling");
    }
  }

  @Test
  void retryAfterIsAFloorUnderTheBackoff() {
    Client client = new Client(RetryPolicy.exponentialBackoff(5, 100 * MS, 10_000 * MS), new RandomSource(4));
    for (int i = 0; i < 10_000; i++) {
      assertTrue(client.rejected(1, NOW, 2_000 * MS) >= NOW + 2_000 * MS);
    }
    // A Retry-After shorter than the drawn backoff leaves the backoff alone: some draws exceed it.
    int longer = 0;
    for (int i = 0; i < 1_000; i++) {
      if (client.rejected(4, NOW, 10 * MS) - NOW > 10 * MS) {
        longer++;
      }
    }
    assertTrue(longer > 900, "backoffs above a short Retry-After kept: " + longer);
    Client immediate = new Client(RetryPolicy.immediate(3), new RandomSource(5));
    assertEquals(NOW, immediate.rejected(1, NOW, Client.NO_RETRY_AFTER));
    assertEquals(NOW + 750 * MS, immediate.rejected(1, NOW, 750 * MS));
  }

  @Test
  void givesUpAfterTheLastAttemptAndCounts() {
    Client client = new Client(RetryPolicy.immediate(3), new RandomSource(6));
    for (int attempt = 1; attempt <= 3; attempt++) {
      client.sent();
      long next = client.rejected(attempt, NOW, Client.NO_RETRY_AFTER);
      assertEquals(attempt < 3 ? NOW : Client.GIVE_UP, next, "after attempt " + attempt);
    }
    assertEquals(3, client.attempts());
    assertEquals(2, client.retries());
    assertEquals(1, client.giveUps());
  }
}
