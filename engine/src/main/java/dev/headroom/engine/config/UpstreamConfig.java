/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * A gateway upstream: requests whose path starts with {@code route} are forwarded to {@code url}.
 *
 * @param mode      POLICE answers 429 at once; SHAPE holds a request in a bounded queue up to
 *                  {@code maxWait} before answering 429
 * @param maxWait   longest a request may wait for its turn (shape mode and provider pacing)
 * @param queueSize most requests waiting at once; beyond it, 429 at once
 * @param timeout   limit on one call to the upstream
 * @param quota     the provider's own quota, paced on the way out (e.g. 1000 per calendar minute)
 */
public record UpstreamConfig(
    String name,
    URI url,
    String route,
    Mode mode,
    Duration maxWait,
    int queueSize,
    Duration timeout,
    Optional<AlgorithmConfig.QuotaParams> quota,
    Retry retry) {

  /** What the gateway does with a request over its limit. */
  public enum Mode { POLICE, SHAPE }

  /**
   * Retries after the upstream's 429 (or 503 with Retry-After).
   *
   * @param maxAttempts   attempts in all, the first included; 1 means never retry
   * @param backoff       wait when the upstream gives no Retry-After
   * @param maxRetryAfter a longer Retry-After is not waited for: the 429 goes back to the caller
   */
  public record Retry(int maxAttempts, Duration backoff, Duration maxRetryAfter) {
    public static final Retry NONE = new Retry(1, Duration.ofSeconds(1), Duration.ZERO);
  }
}
