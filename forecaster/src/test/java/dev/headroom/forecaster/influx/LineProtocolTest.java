/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.forecaster.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LineProtocolTest {

  private static String tag(String value) {
    return LineProtocol.appendTagValue(new StringBuilder(), "key", value).toString();
  }

  private static String number(double value) {
    return LineProtocol.appendFloat(new StringBuilder(), "v", value).toString();
  }

  @Test
  void escapesTheThreeTagSeparators() {
    assertEquals("a\\,b\\ c\\=d", tag("a,b c=d"));
  }

  @Test
  void leavesQuotesAndInnerBackslashesAlone() {
    // influxd 1.x keeps a backslash that does not precede , space or = as it is.
    assertEquals("o'brien\\ \"q\"\\ C:\\path\\to", tag("o'brien \"q\" C:\\path\\to"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ends\\", "a\\,b", "a\\ b", "a\\=b", "two\nlines", "cr\r", ""})
  void refusesWhatCannotReadBackTheSame(String value) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tag(value));
    assertTrue(e.getMessage().startsWith("key "), e.getMessage());
  }

  @Test
  void theRefusalSaysWhere() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tag("a\\ b"));
    assertEquals("key \"a\\ b\" has a backslash at index 1 before ' '; InfluxDB 1.x line protocol cannot write "
        + "that so it reads back the same", e.getMessage());
  }

  @Test
  void writesIntegralFloatsWithoutAFraction() {
    assertEquals("0", number(0));
    assertEquals("0", number(-0.0));
    assertEquals("123456789012", number(123456789012.0));
    assertEquals("-7", number(-7));
  }

  @Test
  void writesOtherFloatsInShortestRoundTripForm() {
    assertEquals("0.1", number(0.1));
    assertEquals("1.23456785E7", number(12345678.5));
    assertEquals("1.0E300", number(1e300));
    assertEquals(1e300, Double.parseDouble(number(1e300)));
  }

  @Test
  void refusesNonFiniteNumbers() {
    assertThrows(IllegalArgumentException.class, () -> number(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> number(Double.POSITIVE_INFINITY));
  }

  @Test
  void integersCarryTheirSuffix() {
    assertEquals("42i", LineProtocol.appendInteger(new StringBuilder(), 42).toString());
  }
}
