package dev.headroom.simulator.model;

import dev.headroom.simulator.event.Process;
import dev.headroom.simulator.event.RandomSource;
import dev.headroom.simulator.event.Simulation;
import java.util.Arrays;

/**
 * A test driver: fresh Poisson arrivals at a rate that steps from {@code rate} to {@code laterRate}
 * at {@code stepAtNanos}, each sent to a {@link Backend}; rejections and timeouts go to a
 * {@link Client}, whose answer becomes a retry event. It counts attempts per second of virtual time
 * and the shortest gap between a rejection and its retry.
 */
final class RetryingTraffic implements Process, BackendListener {

  private static final int FRESH = 0;
  private static final int RETRY = 1;

  private final Simulation sim;
  private final RandomSource random;
  private final Client client;
  private final double rate;
  private final double laterRate;
  private final long stepAtNanos;
  private final long retryAfterNanos;
  private final long start;
  private final int id;
  private Backend backend;

  private int[] attemptOf = new int[1024];
  private long[] rejectedAt = new long[1024];
  private long fresh;
  private long[] attemptsPerSecond = new long[16];
  private long[] freshPerSecond = new long[16];
  private long shortestRetryGap = Long.MAX_VALUE;

  RetryingTraffic(Simulation sim, RandomSource random, Client client, double rate, double laterRate,
      long stepAtNanos, long retryAfterNanos) {
    this.sim = sim;
    this.random = random;
    this.client = client;
    this.rate = rate;
    this.laterRate = laterRate;
    this.stepAtNanos = stepAtNanos;
    this.retryAfterNanos = retryAfterNanos;
    this.start = sim.now();
    this.id = sim.register(this);
  }

  void start(Backend target) {
    this.backend = target;
    scheduleFresh();
  }

  private void scheduleFresh() {
    double r = sim.now() - start < stepAtNanos ? rate : laterRate;
    sim.scheduleIn(random.exponentialNanos(r), id, FRESH, 0);
  }

  @Override
  public void onEvent(int type, long payload) {
    if (type == FRESH) {
      long requestId = fresh++;
      if (requestId == attemptOf.length) {
        attemptOf = Arrays.copyOf(attemptOf, attemptOf.length * 2);
        rejectedAt = Arrays.copyOf(rejectedAt, rejectedAt.length * 2);
      }
      tally(freshPerSecond());
      send(requestId);
      scheduleFresh();
    } else {
      shortestRetryGap = Math.min(shortestRetryGap, sim.now() - rejectedAt[(int) payload]);
      send(payload);
    }
  }

  private void send(long requestId) {
    attemptOf[(int) requestId]++;
    client.sent();
    tally(attemptsPerSecond());
    backend.submit(requestId);
  }

  private void failed(long requestId) {
    int i = (int) requestId;
    rejectedAt[i] = sim.now();
    long at = client.rejected(attemptOf[i], sim.now(), retryAfterNanos);
    if (at != Client.GIVE_UP) {
      sim.schedule(at, id, RETRY, requestId);
    }
  }

  @Override
  public void rejected(long requestId) {
    failed(requestId);
  }

  @Override
  public void timedOut(long requestId, long waitedNanos) {
    failed(requestId);
  }

  private long[] freshPerSecond() {
    freshPerSecond = ensure(freshPerSecond);
    return freshPerSecond;
  }

  private long[] attemptsPerSecond() {
    attemptsPerSecond = ensure(attemptsPerSecond);
    return attemptsPerSecond;
  }

  private long[] ensure(long[] counts) {
    int second = (int) ((sim.now() - start) / 1_000_000_000L);
    return second < counts.length ? counts : Arrays.copyOf(counts, Math.max(second + 1, counts.length * 2));
  }

  private void tally(long[] counts) {
    counts[(int) ((sim.now() - start) / 1_000_000_000L)]++;
  }

  /** Attempts sent in [fromSecond, toSecond) per fresh request arriving in it. */
  double amplification(int fromSecond, int toSecond) {
    return (double) sum(attemptsPerSecond, fromSecond, toSecond) / sum(freshPerSecond, fromSecond, toSecond);
  }

  long shortestRetryGap() {
    return shortestRetryGap;
  }

  private static long sum(long[] counts, int from, int to) {
    long s = 0;
    for (int i = from; i < to && i < counts.length; i++) {
      s += counts[i];
    }
    return s;
  }
}
