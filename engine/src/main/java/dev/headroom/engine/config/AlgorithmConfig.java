/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

import dev.headroom.engine.limiter.CalendarQuota;
import dev.headroom.engine.limiter.ConcurrencyLimit;
import dev.headroom.engine.limiter.Gcra;
import dev.headroom.engine.limiter.PackedLimit;
import dev.headroom.engine.limiter.Rate;
import dev.headroom.engine.limiter.SlidingWindowCounter;
import dev.headroom.engine.limiter.TokenBucket;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/**
 * A limit's algorithm and parameters, one record per algorithm of the limiter core, each of which
 * knows how to build its core configuration ({@link #toLimit}).
 */
public sealed interface AlgorithmConfig {

  /** The name used in the file: token-bucket, gcra, quota, sliding-window, concurrency. */
  String type();

  /** The limiter core's configuration. */
  PackedLimit toLimit();

  /** The refill rate a policy moves; empty for algorithms that count instead of refilling. */
  default Optional<Rate> refillRate() {
    return Optional.empty();
  }

  /** A bucket of {@code burst} tokens refilled at {@code rate}. */
  record TokenBucketParams(Rate rate, long burst) implements AlgorithmConfig {
    public String type() {
      return "token-bucket";
    }

    public TokenBucket toLimit() {
      return TokenBucket.of(rate, burst);
    }

    @Override
    public Optional<Rate> refillRate() {
      return Optional.of(rate);
    }
  }

  /** NGINX {@code limit_req rate burst delay}; {@code delay == burst} is {@code nodelay}. */
  record GcraParams(Rate rate, long burst, long delay) implements AlgorithmConfig {
    public String type() {
      return "gcra";
    }

    public Gcra toLimit() {
      return Gcra.of(rate, burst, delay);
    }

    @Override
    public Optional<Rate> refillRate() {
      return Optional.of(rate);
    }
  }

  /** {@code quota} per calendar {@code window} in {@code zone}: the shape of third-party API quotas. */
  record QuotaParams(long quota, CalendarQuota.Window window, ZoneId zone) implements AlgorithmConfig {
    public String type() {
      return "quota";
    }

    public CalendarQuota toLimit() {
      return CalendarQuota.of(quota, window, zone);
    }
  }

  /** At most {@code limit} per sliding {@code window}, estimated from two counters. */
  record SlidingWindowParams(long limit, Duration window) implements AlgorithmConfig {
    public String type() {
      return "sliding-window";
    }

    public SlidingWindowCounter toLimit() {
      return SlidingWindowCounter.of(limit, window);
    }
  }

  /** At most {@code maxInFlight} requests under way at once. */
  record ConcurrencyParams(long maxInFlight) implements AlgorithmConfig {
    public String type() {
      return "concurrency";
    }

    public ConcurrencyLimit toLimit() {
      return ConcurrencyLimit.of(maxInFlight);
    }
  }
}
