package dev.headroom.forecaster.trace;

/**
 * Parses the timestamp forms found in traces to epoch microseconds, by hand and without
 * allocating, because per-request files carry one timestamp per line.
 *
 * <p>Accepted: ISO-8601 date-times ({@code 2023-11-16T18:17:03.9799600Z}, with {@code T} or a
 * space, optional seconds, up to 9 fraction digits, optional {@code Z} or offset {@code ±hh[:mm]});
 * a date-time without a zone is read as UTC, so its clock fields are kept as written. Epoch numbers,
 * optionally with a fraction, are seconds below 1e11, milliseconds below 1e14, microseconds below
 * 1e17 and nanoseconds above (1e11 s is the year 5138, 1e11 ms is 1973). Fractions finer than a
 * microsecond are truncated. Access-log times ({@code 10/Oct/2000:13:55:36 -0700}) have their own
 * entry point, {@link #parseAccessLogMicros}, since nothing else in a trace looks like them.
 */
final class Timestamps {

  /** Returned when the text is not a timestamp; no real trace reaches that instant. */
  static final long INVALID = Long.MIN_VALUE;

  private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  private Timestamps() {}

  /** Epoch microseconds of {@code s}, or {@link #INVALID}. */
  static long parseMicros(CharSequence s) {
    return parseMicros(s, 0, s.length());
  }

  /** As {@link #parseMicros(CharSequence)} on {@code s[from, to)}, surrounding blanks ignored. */
  static long parseMicros(CharSequence s, int from, int to) {
    while (from < to && s.charAt(from) <= ' ') {
      from++;
    }
    while (to > from && s.charAt(to - 1) <= ' ') {
      to--;
    }
    if (to - from >= 10 && s.charAt(from + 4) == '-') {
      return dateTime(s, from, to);
    }
    return epoch(s, from, to);
  }

  private static long epoch(CharSequence s, int i, int to) {
    boolean negative = i < to && s.charAt(i) == '-';
    if (negative) {
      i++;
    }
    long whole = 0;
    int digits = 0;
    while (i < to && isDigit(s.charAt(i))) {
      int d = s.charAt(i++) - '0';
      if (whole > (Long.MAX_VALUE - d) / 10) {
        return INVALID;
      }
      whole = whole * 10 + d;
      digits++;
    }
    // The fraction in units of 1e-9 of the whole unit: enough for nanoseconds of a second.
    long fracNanos = 0;
    int fracDigits = 0;
    if (i < to && s.charAt(i) == '.') {
      i++;
      long scale = 100_000_000L;
      while (i < to && isDigit(s.charAt(i))) {
        fracNanos += (s.charAt(i++) - '0') * scale;
        scale /= 10;
        fracDigits++;
      }
    }
    if (i != to || digits + fracDigits == 0) {
      return INVALID;
    }
    long micros;
    if (whole < 100_000_000_000L) {
      micros = whole * 1_000_000L + fracNanos / 1_000;
    } else if (whole < 100_000_000_000_000L) {
      micros = whole * 1_000L + fracNanos / 1_000_000;
    } else if (whole < 100_000_000_000_000_000L) {
      micros = whole;
    } else {
      micros = whole / 1_000;
    }
    return negative ? -micros : micros;
  }

  private static long dateTime(CharSequence s, int from, int to) {
    int year = digits(s, from, 4, to);
    int month = digits(s, from + 5, 2, to);
    int day = digits(s, from + 8, 2, to);
    if (year < 0 || month < 1 || month > 12 || day < 1 || s.charAt(from + 7) != '-'
        || day > daysInMonth(year, month)) {
      return INVALID;
    }
    int i = from + 10;
    int hour = 0;
    int minute = 0;
    int second = 0;
    long fracMicros = 0;
    if (i < to) {
      char sep = s.charAt(i);
      if ((sep != 'T' && sep != ' ') || i + 6 > to || s.charAt(i + 3) != ':') {
        return INVALID;
      }
      hour = digits(s, i + 1, 2, to);
      minute = digits(s, i + 4, 2, to);
      i += 6;
      if (i < to && s.charAt(i) == ':') {
        second = digits(s, i + 1, 2, to);
        i += 3;
        if (i < to && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
          i++;
          long scale = 100_000;
          int start = i;
          while (i < to && isDigit(s.charAt(i))) {
            fracMicros += (s.charAt(i++) - '0') * scale;
            scale /= 10;
          }
          if (i == start || i - start > 9) {
            return INVALID;
          }
        }
      }
      if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
        return INVALID;
      }
    }
    long offsetSeconds = 0;
    if (i < to) {
      char z = s.charAt(i);
      if (z == 'Z' && i + 1 == to) {
        i++;
      } else if (z == '+' || z == '-') {
        int oh = digits(s, i + 1, 2, to);
        int om = 0;
        int rest = to - (i + 3);
        if (rest == 3 && s.charAt(i + 3) == ':') {
          om = digits(s, i + 4, 2, to);
        } else if (rest == 2) {
          om = digits(s, i + 3, 2, to);
        } else if (rest != 0) {
          return INVALID;
        }
        if (oh < 0 || oh > 18 || om < 0 || om > 59) {
          return INVALID;
        }
        offsetSeconds = (z == '-' ? -1 : 1) * (oh * 3600L + om * 60L);
        i = to;
      } else {
        return INVALID;
      }
    }
    if (i != to) {
      return INVALID;
    }
    long epochSecond = epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second
        - offsetSeconds;
    return epochSecond * 1_000_000L + fracMicros;
  }

  private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

  /**
   * Epoch microseconds of an access-log timestamp {@code dd/Mon/yyyy:HH:mm:ss ±hhmm} (the zone may
   * be absent, read as UTC) in {@code s[from, to)}, or {@link #INVALID}.
   */
  static long parseAccessLogMicros(CharSequence s, int from, int to) {
    while (from < to && s.charAt(from) <= ' ') {
      from++;
    }
    while (to > from && s.charAt(to - 1) <= ' ') {
      to--;
    }
    if (to - from < 20 || s.charAt(from + 2) != '/' || s.charAt(from + 6) != '/'
        || s.charAt(from + 11) != ':' || s.charAt(from + 14) != ':' || s.charAt(from + 17) != ':') {
      return INVALID;
    }
    int day = digits(s, from, 2, to);
    int month = month(s, from + 3);
    int year = digits(s, from + 7, 4, to);
    int hour = digits(s, from + 12, 2, to);
    int minute = digits(s, from + 15, 2, to);
    int second = digits(s, from + 18, 2, to);
    if (day < 1 || month < 1 || year < 0 || day > daysInMonth(year, month) || hour < 0 || hour > 23
        || minute < 0 || minute > 59 || second < 0 || second > 60) {
      return INVALID;
    }
    int i = from + 20;
    long offsetSeconds = 0;
    if (i < to) {
      if (s.charAt(i) != ' ' || to - i != 6 || (s.charAt(i + 1) != '+' && s.charAt(i + 1) != '-')) {
        return INVALID;
      }
      int oh = digits(s, i + 2, 2, to);
      int om = digits(s, i + 4, 2, to);
      if (oh < 0 || oh > 18 || om < 0 || om > 59) {
        return INVALID;
      }
      offsetSeconds = (s.charAt(i + 1) == '-' ? -1 : 1) * (oh * 3600L + om * 60L);
    }
    long epochSecond = epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second
        - offsetSeconds;
    return epochSecond * 1_000_000L;
  }

  /** 1-12 for an English month abbreviation at {@code at} (any case), else -1. */
  private static int month(CharSequence s, int at) {
    for (int m = 0; m < 12; m++) {
      boolean same = true;
      for (int j = 0; j < 3 && same; j++) {
        same = Character.toLowerCase(s.charAt(at + j))
            == Character.toLowerCase(MONTHS.charAt(m * 3 + j));
      }
      if (same) {
        return m + 1;
      }
    }
    return -1;
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (the civil-from-days inverse). */
  static long epochDay(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }

  private static int daysInMonth(int year, int month) {
    boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  }

  /** The value of {@code n} decimal digits at {@code at}, or -1 if any is not a digit. */
  private static int digits(CharSequence s, int at, int n, int to) {
    if (at + n > to) {
      return -1;
    }
    int v = 0;
    for (int i = at; i < at + n; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
