package dev.headroom.engine.limiter;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * A fixed-window quota aligned to the calendar in a time zone: "1000 calls per minute",
 * "10000 per hour", "1 million per day starting at midnight in Europe/Paris". This is the form the
 * quotas of third-party APIs take, so pacing calls to a provider needs the windows to start exactly
 * where the provider's do, daylight-saving days of 23 or 25 hours included.
 *
 * <p>State: the window's start (epoch seconds, 32 bits) and the cost used in it (31 bits), packed in
 * one long. Window boundaries come from {@code java.time} once per window and are cached, so the
 * hot path is a range check and a compare-and-set.
 */
public final class CalendarQuota extends PackedLimit {

  /** Calendar windows. Weeks start on Monday (ISO-8601). */
  public enum Window { SECOND, MINUTE, HOUR, DAY, WEEK, MONTH }

  /** Largest quota per window: the count has 31 bits. */
  public static final long MAX_QUOTA = (1L << 31) - 1;

  private final long quota;
  private final Window window;
  private final ZoneId zone;
  /** The window last seen; shared by every key of this configuration. Racy but idempotent. */
  private volatile Span cached = new Span(0, 0, -1);

  private CalendarQuota(long quota, Window window, ZoneId zone) {
    if (quota < 1 || quota > MAX_QUOTA) {
      throw new IllegalArgumentException(
          "calendar quota: quota must be between 1 and " + MAX_QUOTA + " per window, got " + quota);
    }
    this.quota = quota;
    this.window = Objects.requireNonNull(window, "calendar quota: window is missing");
    this.zone = Objects.requireNonNull(zone, "calendar quota: time zone is missing");
  }

  public static CalendarQuota of(long quota, Window window, ZoneId zone) {
    return new CalendarQuota(quota, window, zone);
  }

  /** {@code quota} per window with windows aligned in UTC. */
  public static CalendarQuota of(long quota, Window window) {
    return new CalendarQuota(quota, window, ZoneId.of("UTC"));
  }

  public long quota() {
    return quota;
  }

  public Window window() {
    return window;
  }

  public ZoneId zone() {
    return zone;
  }

  public CalendarQuota withQuota(long newQuota) {
    return new CalendarQuota(newQuota, window, zone);
  }

  @Override
  public long limit() {
    return quota;
  }

  @Override
  public String algorithm() {
    return "calendar-quota";
  }

  /** The window holding {@code nowNanos}: [startNanos, endNanos). */
  Span span(long nowNanos) {
    Span s = cached;
    if (nowNanos - s.startNanos >= 0 && nowNanos - s.endNanos < 0) {
      return s;
    }
    s = computeSpan(nowNanos);
    cached = s;
    return s;
  }

  private Span computeSpan(long nowNanos) {
    Instant now = Instant.ofEpochSecond(Math.floorDiv(nowNanos, 1_000_000_000L),
        Math.floorMod(nowNanos, 1_000_000_000L));
    ZonedDateTime t = now.atZone(zone);
    ZonedDateTime start;
    ZonedDateTime end;
    switch (window) {
      case SECOND -> {
        start = t.truncatedTo(ChronoUnit.SECONDS);
        end = start.plusSeconds(1);
      }
      case MINUTE -> {
        start = t.truncatedTo(ChronoUnit.MINUTES);
        end = start.plusMinutes(1);
      }
      case HOUR -> {
        start = t.truncatedTo(ChronoUnit.HOURS);
        end = start.plusHours(1);
      }
      case DAY -> {
        start = t.toLocalDate().atStartOfDay(zone);
        end = t.toLocalDate().plusDays(1).atStartOfDay(zone);
      }
      case WEEK -> {
        var monday = t.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        start = monday.atStartOfDay(zone);
        end = monday.plusWeeks(1).atStartOfDay(zone);
      }
      case MONTH -> {
        var first = t.toLocalDate().withDayOfMonth(1);
        start = first.atStartOfDay(zone);
        end = first.plusMonths(1).atStartOfDay(zone);
      }
      default -> throw new AssertionError(window);
    }
    return new Span(nanos(start), nanos(end), (int) start.toEpochSecond());
  }

  private static long nanos(ZonedDateTime t) {
    return t.toEpochSecond() * 1_000_000_000L + t.getNano();
  }

  private static long pack(int windowId, long used) {
    return ((long) windowId << 32) | (used << 1);
  }

  private static long used(long state, Span span) {
    return (int) (state >>> 32) == span.id ? (state & 0xFFFF_FFFFL) >>> 1 : 0;
  }

  @Override
  long initialState(long nowNanos) {
    return pack(span(nowNanos).id, 0);
  }

  @Override
  long tryConsume(long state, long nowNanos, long cost) {
    checkCost(cost, quota);
    Span span = span(nowNanos);
    long used = used(state, span) + cost;
    return used <= quota ? pack(span.id, used) : DENIED;
  }

  @Override
  Decision describe(long state, long nowNanos, long cost, boolean allowed) {
    Span span = span(nowNanos);
    long remaining = Math.max(0, quota - used(state, span));
    long reset = span.endNanos - nowNanos;
    return allowed
        ? Decision.allowed(quota, remaining, reset)
        : Decision.denied(quota, remaining, reset, reset);
  }

  @Override
  boolean atRest(long state, long nowNanos) {
    return used(state, span(nowNanos)) == 0;
  }

  /**
   * The cost used in the current window carries over unchanged: with a lower quota the key may be
   * over it until the window ends. A count already consumed is never handed back.
   */
  @Override
  long inherit(long state, PackedLimit previous, long nowNanos, Inheritance rule) {
    CalendarQuota old = sameKind(previous, CalendarQuota.class);
    long used = old.used(state, old.span(nowNanos));
    return pack(span(nowNanos).id, Math.min(used, MAX_QUOTA));
  }

  @Override
  public String toString() {
    return "calendar-quota{" + quota + " per " + window.name().toLowerCase() + " in " + zone + "}";
  }

  /** One window: [startNanos, endNanos), and its id, the start's epoch second in 32 bits. */
  record Span(long startNanos, long endNanos, int id) {}
}
