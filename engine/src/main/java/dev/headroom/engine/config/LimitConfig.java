/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

import dev.headroom.engine.limiter.Inheritance;
import dev.headroom.engine.limiter.PackedLimit;
import java.util.List;
import java.util.Optional;

/**
 * One named limit: which requests it applies to and how their bucket keys are built ({@code match}),
 * the limiting algorithm, the policy that moves its rate, and optional priority classes and shared
 * capacity group.
 *
 * @param priorities  most important first; empty when every request of the limit is equal
 * @param capacity    the {@link CapacityConfig} group this limit draws from, if any
 * @param inheritance what a key's tokens become when its rate or burst changes (policy step or reload)
 * @param dryRun      admit every request and only count what the limit would have refused (envoy
 *                    ratelimit's {@code shadow_mode}); unlike a policy's {@code shadow}, nothing is enforced
 * @param maxKeys     most keys resident at once; a request for a new key beyond it is refused with the
 *                    reason {@code key-capacity} (and counted) while every resident key is busy
 */
public record LimitConfig(
    String name,
    MatchConfig match,
    AlgorithmConfig algorithm,
    PolicyConfig policy,
    List<PriorityClass> priorities,
    Optional<String> capacity,
    Inheritance inheritance,
    boolean dryRun,
    int maxKeys) {

  /** Keys per limit when the file does not say: about 200 MB of buckets at ~100 bytes a key. */
  public static final int DEFAULT_MAX_KEYS = 2_000_000;
  /** The most {@code maxKeys} may say: the registry's map and the telemetry's cells are int-indexed. */
  public static final int MAX_MAX_KEYS = 100_000_000;

  public LimitConfig {
    priorities = List.copyOf(priorities);
  }

  /** The limiter core's configuration for this limit's keys, at its configured (static) rate. */
  public PackedLimit toLimit() {
    return algorithm.toLimit();
  }
}
