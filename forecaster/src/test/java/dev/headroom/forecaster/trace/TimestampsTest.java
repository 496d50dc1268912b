package dev.headroom.forecaster.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

  private static long micros(String iso) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(iso));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "2023-11-16 18:17:03.9799600 | 2023-11-16T18:17:03.979960Z",
      "2023-11-16T18:17:03.979960123Z | 2023-11-16T18:17:03.979960Z",
      "1998-05-30 21:50:00 | 1998-05-30T21:50:00Z",
      "1998-05-30T21:50 | 1998-05-30T21:50:00Z",
      "2016-01-01 | 2016-01-01T00:00:00Z",
      "2016-02-29T23:59:59+02:00 | 2016-02-29T21:59:59Z",
      "2016-02-29T23:59:59-0430 | 2016-03-01T04:29:59Z",
      "2016-02-29T23:59:59,5-04 | 2016-03-01T03:59:59.5Z",
      "1969-12-31T23:59:59.000001Z | 1969-12-31T23:59:59.000001Z",
      "1452441600.0 | 2016-01-10T16:00:00Z",
      "1452441600 | 2016-01-10T16:00:00Z",
      "1452441600.25 | 2016-01-10T16:00:00.250Z",
      "1452441600123 | 2016-01-10T16:00:00.123Z",
      "1452441600123456 | 2016-01-10T16:00:00.123456Z",
      "1452441600123456789 | 2016-01-10T16:00:00.123456Z",
      "0 | 1970-01-01T00:00:00Z",
      "-1.5 | 1969-12-31T23:59:58.500Z",
  })
  void readsEveryForm(String text, String expected) {
    assertEquals(micros(expected), Timestamps.parseMicros(text), text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "timestamp", "2023-02-29 00:00:00", "2023-13-01", "2023-1-01",
      "2023-01-01X00:00", "2023-01-01 24:00:00", "2023-01-01 12:60", "2023-01-01 12:00:00.",
      "2023-01-01T00:00:00Q", "2023-01-01T00:00:00+1", "12a", "1.2.3", "-", ".", "99999999999999999999"})
  void rejectsWhatIsNotATimestamp(String text) {
    assertEquals(Timestamps.INVALID, Timestamps.parseMicros(text), text);
  }

  @Test
  void ignoresSurroundingBlanks() {
    assertEquals(micros("2016-01-01T00:00:00Z"), Timestamps.parseMicros("  2016-01-01 00:00:00 "));
  }

  @Property
  void epochDayAgreesWithJavaTime(@ForAll @LongRange(min = -500_000, max = 3_000_000) long day) {
    LocalDate d = LocalDate.ofEpochDay(day);
    assertEquals(day, Timestamps.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth()));
  }

  @Property
  void isoTextRoundTrips(@ForAll @LongRange(min = 0, max = 4_000_000_000_000_000L) long micros) {
    Instant t = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    assertEquals(micros, Timestamps.parseMicros(t.toString()), t.toString());
    assertEquals(micros, Timestamps.parseMicros(t.toString().replace('T', ' ').replace("Z", "")));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "10/Oct/2000:13:55:36 -0700 | 2000-10-10T20:55:36Z",
      "01/Jul/1995:00:00:01 -0400 | 1995-07-01T04:00:01Z",
      "29/feb/2016:23:59:59 +0530 | 2016-02-29T18:29:59Z",
      "  31/Dec/1999:23:59:59  | 1999-12-31T23:59:59Z",
  })
  void readsAccessLogTimes(String text, String expected) {
    assertEquals(micros(expected), Timestamps.parseAccessLogMicros(text, 0, text.length()), text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10/Oct/2000", "10/Oct/2000:13:55:36 0700", "32/Oct/2000:13:55:36",
      "10/Okt/2000:13:55:36 -0700", "10-Oct-2000:13:55:36 -0700", "29/Feb/2015:00:00:00 +0000",
      "10/Oct/2000:24:00:00 +0000", "10/Oct/2000:13:55:36 -07000", "10/Oct/2000 13:55:36 -0700"})
  void rejectsWhatIsNotAnAccessLogTime(String text) {
    assertEquals(Timestamps.INVALID, Timestamps.parseAccessLogMicros(text, 0, text.length()), text);
  }

  @Property
  void accessLogTimesAgreeWithJavaTime(
      @ForAll @LongRange(min = 0, max = 4_000_000_000L) long second,
      @ForAll @IntRange(min = -12 * 60, max = 14 * 60) int offsetMinutes) {
    java.time.ZonedDateTime t = Instant.ofEpochSecond(second)
        .atZone(java.time.ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
    String text = java.time.format.DateTimeFormatter
        .ofPattern("dd/MMM/yyyy:HH:mm:ss xx", java.util.Locale.ENGLISH).format(t);
    assertEquals(second * 1_000_000, Timestamps.parseAccessLogMicros(text, 0, text.length()), text);
  }
}
