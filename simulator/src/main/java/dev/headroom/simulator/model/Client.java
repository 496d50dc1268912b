package dev.headroom.simulator.model;

import dev.headroom.simulator.event.RandomSource;
import java.util.Objects;

/**
 * The retry behaviour of a population of clients sharing one {@link RetryPolicy}. A driver tells it
 * of each attempt it sends and hands it each rejection; it answers with the virtual time of the
 * retry, or {@link #GIVE_UP}. It keeps no per-request state (the driver knows which attempt was
 * rejected), so one instance serves any number of requests without allocating.
 */
public final class Client {

  /** Returned by {@link #rejected} when the request has used all its attempts. */
  public static final long GIVE_UP = -1L;
  /** A rejection that carried no Retry-After. */
  public static final long NO_RETRY_AFTER = -1L;

  private final RetryPolicy policy;
  private final RandomSource random;
  private long attempts;
  private long retries;
  private long giveUps;

  public Client(RetryPolicy policy, RandomSource random) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** Counts an attempt (first or retry) being sent. */
  public void sent() {
    attempts++;
  }

  /**
   * Attempt number {@code attempt} (1-based) was rejected at {@code nowNanos}, with the server's
   * Retry-After in nanoseconds or {@link #NO_RETRY_AFTER}. Returns when to send attempt
   * {@code attempt + 1}, never earlier than now plus Retry-After, or {@link #GIVE_UP}.
   */
  public long rejected(int attempt, long nowNanos, long retryAfterNanos) {
    if (attempt < 1) {
      throw new IllegalArgumentException("client: attempt numbers start at 1, got " + attempt);
    }
    if (attempt >= policy.maxAttempts()) {
      giveUps++;
      return GIVE_UP;
    }
    retries++;
    long ceiling = policy.ceilingNanos(attempt);
    long delay = policy.jitter() && ceiling > 0 ? random.uniformLong(0, ceiling + 1) : ceiling;
    if (retryAfterNanos > delay) {
      delay = retryAfterNanos;
    }
    return nowNanos + delay;
  }

  public RetryPolicy policy() {
    return policy;
  }

  /** Attempts sent, first tries and retries. */
  public long attempts() {
    return attempts;
  }

  /** Retries scheduled (each will be an attempt once the driver sends it). */
  public long retries() {
    return retries;
  }

  /** Requests abandoned after their last attempt was rejected. */
  public long giveUps() {
    return giveUps;
  }
}
