package dev.headroom.engine.policy;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * One line of a schedule: on {@code days}, from {@code from} (inclusive) to {@code to} (exclusive),
 * the rate is {@code ratePerSecond}. A window whose end is not after its start runs past midnight
 * (22:00 to 06:00), and {@code days} then names the day it starts on, as people read "Friday night".
 * {@code from == to} means the whole day.
 */
public record ScheduleEntry(Set<DayOfWeek> days, LocalTime from, LocalTime to, double ratePerSecond) {

  public ScheduleEntry {
    if (days == null || days.isEmpty()) {
      throw new IllegalArgumentException("schedule entry: at least one day is required");
    }
    if (from == null || to == null) {
      throw new IllegalArgumentException("schedule entry: from and to are required");
    }
    if (!Double.isFinite(ratePerSecond) || ratePerSecond < 0) {
      throw new IllegalArgumentException("schedule entry: rate must be finite and not negative, got "
          + ratePerSecond);
    }
    days = Set.copyOf(EnumSet.copyOf(days));
  }

  /** Every day of the week. */
  public static ScheduleEntry daily(LocalTime from, LocalTime to, double ratePerSecond) {
    return new ScheduleEntry(EnumSet.allOf(DayOfWeek.class), from, to, ratePerSecond);
  }

  boolean matches(DayOfWeek day, LocalTime time) {
    if (from.equals(to)) {
      return days.contains(day);
    }
    if (from.isBefore(to)) {
      return days.contains(day) && !time.isBefore(from) && time.isBefore(to);
    }
    // Past midnight: the evening part belongs to today, the early part to the day before.
    return (days.contains(day) && !time.isBefore(from)) || (days.contains(day.minus(1)) && time.isBefore(to));
  }
}
