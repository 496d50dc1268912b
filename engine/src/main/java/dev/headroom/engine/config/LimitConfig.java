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
 */
public record LimitConfig(
    String name,
    MatchConfig match,
    AlgorithmConfig algorithm,
    PolicyConfig policy,
    List<PriorityClass> priorities,
    Optional<String> capacity,
    Inheritance inheritance) {

  public LimitConfig {
    priorities = List.copyOf(priorities);
  }

  /** The limiter core's configuration for this limit's keys, at its configured (static) rate. */
  public PackedLimit toLimit() {
    return algorithm.toLimit();
  }
}
