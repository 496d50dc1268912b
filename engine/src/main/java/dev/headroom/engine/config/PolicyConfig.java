/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a limit's refill rate moves. The configured rate of the algorithm is the static rate: what a
 * static policy keeps and every other policy falls back to when it cannot decide.
 *
 * @param shadow     run the policy without enforcing it: the static rate stays in force and the
 *                   service reports what the policy would have rejected
 * @param minPerSecond  lowest rate the policy may set (equal to the static rate for a static policy)
 * @param maxPerSecond  highest rate the policy may set
 * @param refresh    how often the policy decides (predictive: reads history and refits)
 * @param predictive present for predictive and predictive+reactive
 * @param reactive   present for reactive and predictive+reactive
 * @param schedule   present for schedule
 * @param lending    keys of the limit lend each other rate by forecast within its capacity group
 * @param trackedKeys most keys of the limit that hold policy state at once; further keys keep the
 *                   static rate (a key at its static rate needs no state) and are counted
 */
public record PolicyConfig(
    Type type,
    boolean shadow,
    double minPerSecond,
    double maxPerSecond,
    Duration refresh,
    Optional<Predictive> predictive,
    Optional<Reactive> reactive,
    Optional<Schedule> schedule,
    boolean lending,
    int trackedKeys) {

  /** Keys with policy state per limit unless configured: about 45 MB of state at most. */
  public static final int DEFAULT_TRACKED_KEYS = 100_000;
  /** Keys with a forecasting model of their own per limit unless configured; the rest share the limit's. */
  public static final int DEFAULT_MODELS = 1_000;

  /** The policies, by the name used in the file. */
  public enum Type {
    STATIC("static"), SCHEDULE("schedule"), REACTIVE("reactive"), PREDICTIVE("predictive"),
    PREDICTIVE_REACTIVE("predictive+reactive");

    private final String label;

    Type(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    public boolean predictive() {
      return this == PREDICTIVE || this == PREDICTIVE_REACTIVE;
    }

    public boolean reactive() {
      return this == REACTIVE || this == PREDICTIVE_REACTIVE;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  /** The static policy at {@code ratePerSecond}. */
  public static PolicyConfig fixed(double ratePerSecond, Duration refresh) {
    return new PolicyConfig(Type.STATIC, false, ratePerSecond, ratePerSecond, refresh,
        Optional.empty(), Optional.empty(), Optional.empty(), false, DEFAULT_TRACKED_KEYS);
  }

  /**
   * Parameters of the predictive policy.
   *
   * @param quantile         forecast line the rate follows: mean, p50, p90 or p99
   * @param lead             how long before a predicted ramp the rate rises
   * @param headroom         factor on the forecast demand (1.2 = 20% above it)
   * @param maxChangePerStep largest ratio between two successive rates (2 = at most double or halve)
   * @param maxAge           a forecast older than this is stale: the static rate applies
   * @param history          how much history the forecaster is fitted on
   * @param models           most keys with a model of their own (the busiest); the long tail of
   *                         small or young keys gets its share of the limit's total forecast
   * @param surprise         surprise-first shedding, when configured
   */
  public record Predictive(String quantile, Duration lead, double headroom, double maxChangePerStep,
      Duration maxAge, Duration history, int models, Optional<Surprise> surprise) {}

  /**
   * Surprise-first shedding: under backend pressure, traffic furthest above its own forecast band is
   * refused first.
   *
   * @param stance     {@code hold} (every key held near its forecast band at all times) or
   *                   {@code shed-under-pressure} (keys keep the static rate while there is room)
   * @param band       the forecast line demand is expected under: p90 or p99
   * @param headroom   factor on the band before traffic counts as surprising
   * @param latency    pressure when p99 upstream latency is above this; empty: latency is no signal
   * @param errorRatio pressure when more than this share of admitted requests fail (5xx)
   * @param hold       pressure lasts this long after its last signal
   */
  public record Surprise(String stance, String band, double headroom, Optional<Duration> latency,
      double errorRatio, Duration hold) {}

  /**
   * Parameters of the reactive policy (AIMD or gradient on upstream latency, 5xx and 429).
   *
   * @param variant       aimd or gradient
   * @param targetLatency latency above which the rate comes down
   * @param backoff       multiplicative decrease on trouble, in (0, 1)
   * @param increasePerSecond additive increase per step when all is well, in tokens per second
   */
  public record Reactive(String variant, Duration targetLatency, double backoff, double increasePerSecond) {}

  /** Rates by time of day and day of week in {@code zone}; outside every entry, the static rate. */
  public record Schedule(ZoneId zone, List<ScheduleEntry> entries) {
    public Schedule {
      entries = List.copyOf(entries);
    }
  }

  /** {@code ratePerSecond} on {@code days} from {@code from} (inclusive) to {@code to} (exclusive). */
  public record ScheduleEntry(Set<DayOfWeek> days, LocalTime from, LocalTime to, double ratePerSecond) {
    public ScheduleEntry {
      days = Set.copyOf(days);
    }
  }
}
