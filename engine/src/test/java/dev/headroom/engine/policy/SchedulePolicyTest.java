package dev.headroom.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulePolicyTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private static final SchedulePolicy POLICY = new SchedulePolicy(PARIS, List.of(
      // Friday night batch window, past midnight.
      new ScheduleEntry(EnumSet.of(DayOfWeek.FRIDAY), LocalTime.of(22, 0), LocalTime.of(6, 0), 500),
      // Office hours on weekdays.
      new ScheduleEntry(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0),
          LocalTime.of(18, 0), 200)));

  private static double rateAt(LocalDateTime local) {
    long millis = local.atZone(PARIS).toInstant().toEpochMilli();
    RateDecision d = POLICY.decide(new PolicyInput(millis, 50, 50, Interval.EMPTY, null));
    assertFalse(d.fallback());
    return d.ratePerSecond();
  }

  @Test
  void ratesFollowLocalTimeAndDay() {
    // 2025-03-07 is a Friday.
    assertEquals(200, rateAt(LocalDateTime.of(2025, 3, 7, 9, 0)));       // from is inclusive
    assertEquals(50, rateAt(LocalDateTime.of(2025, 3, 7, 18, 0)));       // to is exclusive
    assertEquals(500, rateAt(LocalDateTime.of(2025, 3, 7, 23, 30)));     // Friday night
    assertEquals(500, rateAt(LocalDateTime.of(2025, 3, 8, 5, 59)));      // still Friday's night, on Saturday
    assertEquals(50, rateAt(LocalDateTime.of(2025, 3, 8, 6, 0)));
    assertEquals(50, rateAt(LocalDateTime.of(2025, 3, 8, 12, 0)));       // Saturday noon: no entry
    assertEquals(50, rateAt(LocalDateTime.of(2025, 3, 7, 3, 0)));        // Thursday's night is not in it
  }

  @Test
  void readsTheTimeInTheZoneAcrossDaylightSaving() {
    // 2025-03-31 is the Monday after the switch to summer time: 09:00 local is 07:00 UTC.
    assertEquals(200, rateAt(LocalDateTime.of(2025, 3, 31, 9, 0)));
    assertEquals(50, rateAt(LocalDateTime.of(2025, 3, 31, 8, 59)));
  }

  @Test
  void rejectsEntriesThatCannotWork() {
    assertThrows(IllegalArgumentException.class,
        () -> new ScheduleEntry(EnumSet.noneOf(DayOfWeek.class), LocalTime.NOON, LocalTime.MIDNIGHT, 1));
    assertThrows(IllegalArgumentException.class, () -> ScheduleEntry.daily(LocalTime.NOON, LocalTime.MIDNIGHT, -1));
  }
}
