package dev.headroom.engine.limiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.engine.clock.ManualClock;
import dev.headroom.engine.limiter.CalendarQuota.Window;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Calendar quotas reset exactly at window boundaries, in the zone's own calendar. */
class CalendarQuotaTest {

  private static long nanos(ZonedDateTime t) {
    return t.toEpochSecond() * 1_000_000_000L + t.getNano();
  }

  /** Uses up the quota at {@code at}; the window must end exactly at {@code expectedEnd}. */
  private static void assertWindowEndsAt(CalendarQuota quota, ZonedDateTime at, ZonedDateTime expectedEnd) {
    ManualClock clock = new ManualClock(nanos(at));
    PackedLimiter limiter = quota.limiter(clock);
    assertTrue(limiter.tryAcquire(quota.quota()), "fresh window at " + at);
    Decision denied = limiter.decide(1);
    assertFalse(denied.allowed(), "quota used up at " + at);
    long end = nanos(expectedEnd);
    assertEquals(end - clock.nanos(), denied.retryAfterNanos(), "retry-after at " + at);
    assertEquals(end - clock.nanos(), denied.resetNanos(), "reset at " + at);
    clock.set(end - 1);
    assertFalse(limiter.tryAcquire(1), "1 ns before the boundary " + expectedEnd);
    clock.set(end);
    Decision fresh = limiter.decide(1);
    assertTrue(fresh.allowed(), "at the boundary " + expectedEnd);
    assertEquals(quota.quota() - 1, fresh.remaining());
  }

  @Property(tries = 300)
  void everyWindowResetsExactlyAtItsCalendarBoundary(
      @ForAll @LongRange(min = 0, max = 4_102_444_800L) long epochSecond,
      @ForAll @LongRange(min = 0, max = 999_999_999) long nano,
      @ForAll Window window,
      @ForAll @LongRange(min = 0, max = 5) long zoneIndex,
      @ForAll @LongRange(min = 1, max = 1000) long quota) {
    String[] zones = {"UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham"};
    ZoneId zone = ZoneId.of(zones[(int) zoneIndex]);
    ZonedDateTime at = Instant.ofEpochSecond(epochSecond, nano).atZone(zone);
    ZonedDateTime end = switch (window) {
      case SECOND -> at.withNano(0).plusSeconds(1);
      case MINUTE -> at.withSecond(0).withNano(0).plusMinutes(1);
      case HOUR -> at.withMinute(0).withSecond(0).withNano(0).plusHours(1);
      case DAY -> at.toLocalDate().plusDays(1).atStartOfDay(zone);
      case WEEK -> at.toLocalDate().plusDays(8 - at.getDayOfWeek().getValue()).atStartOfDay(zone);
      case MONTH -> at.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay(zone);
    };
    assertWindowEndsAt(CalendarQuota.of(quota, window, zone), at, end);
  }

  @Test
  void daylightSavingDaysLast23And25Hours() {
    ZoneId paris = ZoneId.of("Europe/Paris");
    // 29 March 2026: clocks go from 02:00 to 03:00, so the day is 23 hours long.
    ZonedDateTime spring = ZonedDateTime.of(2026, 3, 29, 0, 30, 0, 0, paris);
    assertWindowEndsAt(CalendarQuota.of(10, Window.DAY, paris), spring,
        ZonedDateTime.of(2026, 3, 30, 0, 0, 0, 0, paris));
    assertEquals(23 * 3600L, ZonedDateTime.of(2026, 3, 30, 0, 0, 0, 0, paris).toEpochSecond()
        - ZonedDateTime.of(2026, 3, 29, 0, 0, 0, 0, paris).toEpochSecond());
    // 25 October 2026: 03:00 goes back to 02:00, a 25-hour day.
    ZonedDateTime autumn = ZonedDateTime.of(2026, 10, 25, 23, 59, 0, 0, paris);
    assertWindowEndsAt(CalendarQuota.of(10, Window.DAY, paris), autumn,
        ZonedDateTime.of(2026, 10, 26, 0, 0, 0, 0, paris));
  }

  @Test
  void hourWindowsFollowHalfHourZones() {
    ZoneId kolkata = ZoneId.of("Asia/Kolkata");
    ZonedDateTime at = ZonedDateTime.of(2026, 11, 26, 10, 45, 0, 0, kolkata);
    // 11:00 in Kolkata is 05:30 UTC: hour windows start at half past in UTC.
    assertWindowEndsAt(CalendarQuota.of(1000, Window.HOUR, kolkata), at, at.withMinute(0).plusHours(1));
    assertEquals(30, at.withMinute(0).plusHours(1).withZoneSameInstant(ZoneId.of("UTC")).getMinute());
  }

  @Test
  void aNewWindowForgetsTheOldCount() {
    ManualClock clock = ManualClock.at(Instant.parse("2026-11-26T10:00:59Z"));
    PackedLimiter perMinute = CalendarQuota.of(3, Window.MINUTE).limiter(clock);
    assertTrue(perMinute.tryAcquire(3));
    assertFalse(perMinute.tryAcquire(1));
    clock.advance(1_000_000_000L);
    assertEquals(2, perMinute.decide(1).remaining());
  }
}
