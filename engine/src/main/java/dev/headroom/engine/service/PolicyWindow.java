/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.service;

import dev.headroom.engine.config.AlgorithmConfig;
import dev.headroom.engine.limiter.Decision;

/**
 * The window of a limit's {@code RateLimit-Policy} ({@code w=}, seconds): the span over which
 * {@code q} is granted. A quota's is its calendar window and a sliding window's its length, whatever
 * is left of the current one (that is {@code RateLimit}'s {@code t=}); a bucket's is the time its rate
 * takes to refill the burst.
 */
final class PolicyWindow {

  /** A calendar month as a policy window: months differ, and the header carries one number. */
  static final long MONTH_SECONDS = 30L * 86_400;

  private PolicyWindow() {}

  static long seconds(AlgorithmConfig algorithm, double staticRate, Decision d) {
    if (algorithm instanceof AlgorithmConfig.QuotaParams q) {
      return switch (q.window()) {
        case SECOND -> 1;
        case MINUTE -> 60;
        case HOUR -> 3_600;
        case DAY -> 86_400;
        case WEEK -> 7 * 86_400;
        case MONTH -> MONTH_SECONDS;
      };
    }
    if (algorithm instanceof AlgorithmConfig.SlidingWindowParams w) {
      return Math.max(1, w.window().toSeconds());
    }
    if (Double.isNaN(staticRate) || staticRate <= 0) {
      return Math.max(1, d.resetNanos() / 1_000_000_000L);
    }
    return Math.max(1, Math.round(d.limit() / staticRate));
  }
}
