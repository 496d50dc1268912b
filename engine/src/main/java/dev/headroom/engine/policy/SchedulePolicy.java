package dev.headroom.engine.policy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * A rate by time of day and day of week, in a time zone: for traffic whose shape is known and
 * fixed (a nightly batch window, office hours). The first matching entry wins, so specific entries
 * go before general ones; outside every entry the static rate applies. Time comes from the input's
 * tick time, read in {@code zone}, so daylight-saving shifts move the windows with local time.
 */
public final class SchedulePolicy implements RatePolicy {

  private final ZoneId zone;
  private final List<ScheduleEntry> entries;

  public SchedulePolicy(ZoneId zone, List<ScheduleEntry> entries) {
    if (zone == null) {
      throw new IllegalArgumentException("schedule: a time zone is required");
    }
    this.zone = zone;
    this.entries = List.copyOf(entries);
  }

  @Override
  public String name() {
    return "schedule";
  }

  @Override
  public RateDecision decide(PolicyInput in) {
    ZonedDateTime at = Instant.ofEpochMilli(in.nowMillis()).atZone(zone);
    for (int i = 0; i < entries.size(); i++) {
      ScheduleEntry e = entries.get(i);
      if (e.matches(at.getDayOfWeek(), at.toLocalTime())) {
        return new RateDecision(e.ratePerSecond(), "schedule entry " + i + " (" + e.from() + "-" + e.to()
            + " " + zone + ")", false);
      }
    }
    return new RateDecision(in.staticRate(), "schedule: no entry matches, static rate", false);
  }
}
