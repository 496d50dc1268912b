package dev.headroom.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {

  @Test
  void readsEveryUnitDecimalsIsoAndZero() {
    assertEquals(Duration.ofMillis(250), DurationText.parse("250ms"));
    assertEquals(Duration.ofSeconds(30), DurationText.parse(" 30 s "));
    assertEquals(Duration.ofMinutes(5), DurationText.parse("5m"));
    assertEquals(Duration.ofMinutes(5), DurationText.parse("5min"));
    assertEquals(Duration.ofMinutes(90), DurationText.parse("1.5h"));
    assertEquals(Duration.ofDays(7), DurationText.parse("7d"));
    assertEquals(Duration.ofDays(14), DurationText.parse("2w"));
    assertEquals(Duration.ofMillis(1500), DurationText.parse("1.5S"));
    assertEquals(Duration.ofMinutes(5), DurationText.parse("PT5M"));
    assertEquals(Duration.ZERO, DurationText.parse("0"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "soon", "10 seconds", "5", "-5s", "5x", "1e3s", "1.s", "1234567890123s", "P", "-PT5M"})
  void refusesWhatIsNotADuration(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DurationText.parse(text));
    assertTrue(e.getMessage().startsWith("expected "), e.getMessage());
  }

  @Test
  void refusesFractionsOfAMillisecondRatherThanRoundingThem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DurationText.parse("0.0005s"));
    assertTrue(e.getMessage().contains("whole number of milliseconds"), e.getMessage());
  }

  @Test
  void formatsTheShortestExactForm() {
    assertEquals("0s", DurationText.format(Duration.ZERO));
    assertEquals("250ms", DurationText.format(Duration.ofMillis(250)));
    assertEquals("90m", DurationText.format(Duration.ofMinutes(90)));
    assertEquals("2h", DurationText.format(Duration.ofHours(2)));
    assertEquals("7d", DurationText.format(Duration.ofDays(7)));
  }

  @Property
  void whatItFormatsItReadsBack(@ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long millis) {
    Duration d = Duration.ofMillis(millis);
    assertEquals(d, DurationText.parse(DurationText.format(d)));
  }
}
