package dev.headroom.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class RatiosTest {

  @Test
  void ratioOfTwoMeasurements() {
    assertEquals(2.5, Ratios.ratio(250.0, 100.0));
    assertEquals(0.5, Ratios.ratio(50.0, 100.0));
  }

  @Test
  void noRatioWithoutTwoUsableFigures() {
    assertNull(Ratios.ratio(null, 1.0));
    assertNull(Ratios.ratio(1.0, null));
    assertNull(Ratios.ratio(1.0, 0.0));
    assertNull(Ratios.ratio(1.0, -3.0));
    assertNull(Ratios.ratio(Double.NaN, 1.0));
    assertNull(Ratios.ratio(1.0, Double.POSITIVE_INFINITY));
  }

  @Test
  void formatsForTheTable() {
    assertEquals("1.23x", Ratios.format(1.2345));
    assertEquals("0.04x", Ratios.format(0.0412));
    assertEquals("12.3x", Ratios.format(12.34));
    assertEquals("150x", Ratios.format(150.2));
    assertEquals("-", Ratios.format(null));
  }

  @Test
  void roundsHalfUp() {
    assertEquals(1.2346, Ratios.round(1.23455, 4));
    assertEquals(0.3333, Ratios.round(1 / 3.0, 4));
    assertNull(Ratios.round(null, 4));
  }

  @Property
  void ratioTimesBaselineGivesTheValueBack(
      @ForAll @DoubleRange(min = 1, max = 1e10) double value, @ForAll @DoubleRange(min = 1, max = 1e10) double baseline) {
    assertEquals(value, Ratios.ratio(value, baseline) * baseline, value * 1e-12);
  }
}
