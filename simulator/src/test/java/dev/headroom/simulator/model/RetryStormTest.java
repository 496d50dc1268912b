package dev.headroom.simulator.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.simulator.event.RandomSource;
import dev.headroom.simulator.event.Simulation;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Retry storms emerge from the client model rather than being scripted: a backend of 100 requests a
 * second (10 workers, queue of 50, 1 s timeout) gets a flash crowd of 200 fresh requests a second
 * for 10 s, then 50 a second. Clients that retry at once spend their attempts during the crowd,
 * multiplying the offered load; exponential backoff with full jitter pushes retries past it, and a
 * Retry-After holds every retry back by at least its value. All use the same 20-attempt limit.
 *
 * <p>Measured (seeds 1 to 3, attempts per fresh request in seconds 2 to 10): immediate 10.0 to
 * 11.3, backoff from 1 s 2.8 to 3.1, Retry-After 5 s 1.25 to 1.34.
 */
class RetryStormTest {

  static final long START = 1_700_000_000_000_000_000L;
  static final long MS = 1_000_000L;
  static final long S = 1_000_000_000L;
  static final int CROWD_SECONDS = 10;
  static final int ATTEMPTS = 20;
  /** The first 2 s of the crowd fill the queue; the storm is measured after. */
  static final int SETTLED = 2;

  @Test
  void immediateRetriesStormWhileBackoffWithJitterDoesNot() {
    for (long seed = 1; seed <= 3; seed++) {
      double stormy = run(RetryPolicy.immediate(ATTEMPTS), Client.NO_RETRY_AFTER, seed)
          .amplification(SETTLED, CROWD_SECONDS);
      double calm = run(RetryPolicy.exponentialBackoff(ATTEMPTS, 1 * S, 30 * S), Client.NO_RETRY_AFTER, seed)
          .amplification(SETTLED, CROWD_SECONDS);
      String text = String.format(Locale.ROOT,
          "seed %d, attempts per fresh request in the crowd: immediate %.2f, backoff with jitter %.2f", seed, stormy,
          calm);
      assertTrue(stormy > 6, "immediate retries should multiply the offered load: " + text);
      assertTrue(calm < 0.4 * stormy, "backoff with jitter should keep it far lower: " + text);
    }
  }

  @Test
  void retryAfterHoldsEveryRetryBack() {
    RetryingTraffic honoured = run(RetryPolicy.immediate(ATTEMPTS), 5 * S, 4);
    assertTrue(honoured.shortestRetryGap() < Long.MAX_VALUE, "some retries happened");
    assertTrue(honoured.shortestRetryGap() >= 5 * S,
        "a retry came " + honoured.shortestRetryGap() + " ns after its rejection");
    double withRetryAfter = honoured.amplification(SETTLED, CROWD_SECONDS);
    double without = run(RetryPolicy.immediate(ATTEMPTS), Client.NO_RETRY_AFTER, 4)
        .amplification(SETTLED, CROWD_SECONDS);
    assertTrue(withRetryAfter < 0.3 * without,
        "Retry-After should damp the storm: " + withRetryAfter + " attempts per fresh request against " + without);
  }

  private static RetryingTraffic run(RetryPolicy policy, long retryAfterNanos, long seed) {
    Simulation sim = Simulation.startingAt(START);
    RandomSource random = new RandomSource(seed);
    Client client = new Client(policy, random.split());
    RetryingTraffic traffic = new RetryingTraffic(sim, random.split(), client, 200, 50, CROWD_SECONDS * S,
        retryAfterNanos);
    Backend backend = Backend.builder(sim, random.split()).workers(10).queueLimit(50).timeoutNanos(1 * S)
        .serviceTime(ServiceTime.exponential(100 * MS)).listener(traffic).build();
    traffic.start(backend);
    sim.runUntil(START + 60 * S);
    return traffic;
  }
}
