/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.gateway;

import dev.headroom.engine.clock.Clock;
import dev.headroom.engine.config.AlgorithmConfig.QuotaParams;
import dev.headroom.engine.limiter.CalendarQuota;
import dev.headroom.engine.limiter.Decision;
import dev.headroom.engine.limiter.PackedLimiter;
import dev.headroom.engine.limiter.Rate;
import dev.headroom.engine.limiter.TokenBucket;
import java.time.Duration;
import java.util.Objects;

/**
 * Paces calls to a third-party provider so they stay within its quota, and slows down when the
 * provider pushes back. Pure: no I/O, no threads, time from the injected clock; the gateway asks
 * {@link #tryAcquire} before every outbound call and reports each 429 with {@link #onPushBack}.
 *
 * <p>Two limiters must both admit a call:
 * <ul>
 *   <li>a {@link CalendarQuota} with the provider's own windows (1000 per calendar minute in UTC,
 *       say): the hard guarantee that no window of the provider's sees more than its quota. The last
 *       {@code guard} of each window is left unused, so a call's travel time (or a small clock skew)
 *       never carries it into the provider's next window, where it would count on top of a full
 *       quota;</li>
 *   <li>a token bucket at the quota's average rate (1000/min = 16.7/s) holding about one second of
 *       calls: it spreads calls evenly over the window instead of spending the whole quota in the
 *       window's first second, which a provider counting over a rolling window would punish. Its rate
 *       is what AIMD moves: each push-back multiplies it by {@code backoffFactor}; after a quiet
 *       period without push-back it grows by {@code increaseFraction} of the quota rate per quiet
 *       period, never above the quota rate.</li>
 * </ul>
 * A provider's {@code Retry-After} pauses every call, not just the one refused: the provider's
 * quota is shared by all of them.
 *
 * <p>Thread-safe by a lock: outbound calls to one provider are at most thousands a second, and each
 * decision must see both limiters at one instant.
 */
public final class OutboundPacer {

  /**
   * How the pacer reacts to push-back.
   *
   * @param backoffFactor    rate multiplier on a provider 429, in (0, 1)
   * @param quietPeriod      time without push-back before the rate grows again, and between steps
   * @param increaseFraction additive step, as a fraction of the quota rate, in (0, 1]
   * @param minFraction      floor of the rate, as a fraction of the quota rate, in (0, 1]
   * @param guard            unused end of each quota window (at most 5% of the window is used)
   */
  public record Settings(double backoffFactor, Duration quietPeriod, double increaseFraction,
      double minFraction, Duration guard) {

    public Settings {
      if (!(backoffFactor > 0 && backoffFactor < 1)) {
        throw new IllegalArgumentException("backoffFactor must be in (0, 1), got " + backoffFactor);
      }
      if (quietPeriod.isNegative() || quietPeriod.isZero()) {
        throw new IllegalArgumentException("quietPeriod must be positive, got " + quietPeriod);
      }
      if (!(increaseFraction > 0 && increaseFraction <= 1) || !(minFraction > 0 && minFraction <= 1)) {
        throw new IllegalArgumentException("increaseFraction and minFraction must be in (0, 1], got "
            + increaseFraction + " and " + minFraction);
      }
      if (guard.isNegative()) {
        throw new IllegalArgumentException("guard must not be negative, got " + guard);
      }
    }

    /** Halve-ish on trouble (0.7, as the reactive policy's default), regain 10% every 10 s. */
    public static Settings defaults() {
      return new Settings(0.7, Duration.ofSeconds(10), 0.1, 0.05, Duration.ofMillis(50));
    }
  }

  /** Fixed-point scale of the paced rate: tokens per (window x SCALE), so tiny rates stay exact. */
  private static final long SCALE = 1000;

  private final Clock clock;
  private final Settings settings;
  private final long quota;
  private final long windowNanos;
  private final long guardNanos;
  private final long quietNanos;
  private final PackedLimiter windows;
  private final PackedLimiter pace;
  /** The instant every limiter reads during one call: both see the same time. */
  private long now;
  /** The paced rate as a fraction of the quota rate, in [minFraction, 1]. */
  private double fraction = 1.0;
  private long pausedUntil;
  private long lastDecreaseAt;
  private boolean decreased;
  private long nextIncreaseAt;
  private long pushBacks;
  private long granted;

  public OutboundPacer(QuotaParams quota, Clock clock, Settings settings) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.quota = quota.quota();
    this.windowNanos = nominalLength(quota.window()).toNanos();
    this.guardNanos = Math.min(settings.guard().toNanos(), windowNanos / 20);
    this.quietNanos = settings.quietPeriod().toNanos();
    this.now = clock.nanos();
    this.pausedUntil = now;
    Clock frozen = () -> now;
    this.windows = CalendarQuota.of(quota.quota(), quota.window(), quota.zone()).limiter(frozen);
    long burst = Math.max(1, Math.ceilDiv(this.quota * 1_000_000_000L, windowNanos));
    this.pace = TokenBucket.of(rateAt(1.0), burst).limiter(frozen);
  }

  /**
   * Takes a slot for one call now and answers 0, or answers how long to wait (nanoseconds, at least
   * 1) before asking again; nothing is taken then.
   */
  public synchronized long tryAcquire() {
    tick();
    long wait = waitNanos();
    if (wait == 0) {
      // Both limiters admitted at the same frozen instant under this lock, so both take.
      windows.decide(1);
      pace.decide(1);
      granted++;
    }
    return wait;
  }

  /** How long until a call could go (0: now), taking nothing: for a Retry-After on a refusal. */
  public synchronized long nextSlotNanos() {
    tick();
    return waitNanos();
  }

  private long waitNanos() {
    if (pausedUntil - now > 0) {
      return pausedUntil - now;
    }
    Decision window = windows.peek(1);
    if (!window.allowed()) {
      return Math.max(1, window.retryAfterNanos());
    }
    if (window.resetNanos() <= guardNanos) {
      return Math.max(1, window.resetNanos());
    }
    Decision paced = pace.peek(1);
    return paced.allowed() ? 0 : Math.max(1, paced.retryAfterNanos());
  }

  /**
   * The provider refused a call sent at {@code sentAtNanos} (429, or 503 with Retry-After) and asks
   * for {@code retryAfterNanos} (0 when it did not say). Every call waits that long, and the rate
   * drops once per round of calls: refusals of calls sent before the last decrease were answers to
   * the old rate and do not lower it again.
   */
  public synchronized void onPushBack(long sentAtNanos, long retryAfterNanos) {
    tick();
    pushBacks++;
    if (retryAfterNanos > 0 && now + retryAfterNanos - pausedUntil > 0) {
      pausedUntil = now + retryAfterNanos;
    }
    if (!decreased || sentAtNanos - lastDecreaseAt >= 0) {
      setFraction(Math.max(settings.minFraction(), fraction * settings.backoffFactor()));
      lastDecreaseAt = now;
      decreased = true;
    }
    nextIncreaseAt = now + quietNanos;
  }

  /** The rate calls are paced at now, in calls per second. */
  public synchronized double ratePerSecond() {
    tick();
    return fraction * quotaRatePerSecond();
  }

  /** The provider's quota as an average rate: the ceiling of {@link #ratePerSecond()}. */
  public double quotaRatePerSecond() {
    return quota * 1e9 / windowNanos;
  }

  public synchronized long pushBacks() {
    return pushBacks;
  }

  public synchronized long granted() {
    return granted;
  }

  /** Reads the clock once for this call and applies any additive increase that is due. */
  private void tick() {
    long t = clock.nanos();
    if (t - now > 0) {
      now = t;
    }
    if (fraction < 1.0 && now - nextIncreaseAt >= 0) {
      long steps = 1 + (now - nextIncreaseAt) / quietNanos;
      setFraction(Math.min(1.0, fraction + steps * settings.increaseFraction()));
      nextIncreaseAt += steps * quietNanos;
    }
  }

  private void setFraction(double next) {
    if (next != fraction) {
      fraction = next;
      pace.setRate(rateAt(next));
    }
  }

  private Rate rateAt(double f) {
    long tokens = Math.max(1, Math.round(quota * f * SCALE));
    return new Rate(tokens, Math.multiplyExact(windowNanos, SCALE));
  }

  /**
   * A window's length for the average rate. Months count 31 days: pacing at the longest month's
   * rate never runs a shorter month dry before it ends.
   */
  static Duration nominalLength(CalendarQuota.Window window) {
    return switch (window) {
      case SECOND -> Duration.ofSeconds(1);
      case MINUTE -> Duration.ofMinutes(1);
      case HOUR -> Duration.ofHours(1);
      case DAY -> Duration.ofDays(1);
      case WEEK -> Duration.ofDays(7);
      case MONTH -> Duration.ofDays(31);
    };
  }

  @Override
  public synchronized String toString() {
    return "outbound-pacer{" + quota + " per " + Duration.ofNanos(windowNanos) + ", paced at "
        + String.format(java.util.Locale.ROOT, "%.3f/s", fraction * quotaRatePerSecond()) + "}";
  }
}
