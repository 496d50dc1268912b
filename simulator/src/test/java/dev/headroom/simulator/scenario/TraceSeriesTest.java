package dev.headroom.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.forecaster.series.RateSeries;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;

class TraceSeriesTest {

  private static final long MINUTE = 60_000;
  private static final long DAY = 86_400_000;

  /** {@code days} of per-{@code step} counts from {@code start}, each the minute of the day it falls in. */
  private static RateSeries clock(String start, int days, long step) {
    long s = Instant.parse(start).toEpochMilli();
    double[] v = new double[(int) (days * DAY / step)];
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.floorMod(s + i * step, DAY) / MINUTE;
    }
    return RateSeries.ofMillis(s, step, v);
  }

  @Test
  void tracesFromDifferentYearsShareOneAxisWithTheirTimeOfDayKept() {
    SequencedMap<String, RateSeries> in = new LinkedHashMap<>();
    in.put("old", clock("1995-07-01T00:00:00Z", 10, MINUTE));
    in.put("new", clock("2016-01-01T06:00:00Z", 8, 5 * MINUTE));
    TraceSeries.Mix mix = TraceSeries.mixed(in);
    RateSeries old = mix.series().get("old");
    RateSeries recent = mix.series().get("new");
    assertEquals(5 * MINUTE, old.stepMillis(), "the coarsest step");
    assertEquals(old.startMillis(), recent.startMillis());
    assertEquals(old.size(), recent.size());
    assertEquals(0, mix.shiftDays().get("new"));
    assertTrue(mix.shiftDays().get("old") > 7000, "moved by whole days across two decades");
    for (int i = 0; i < old.size(); i += 37) {
      double minuteOfDay = Math.floorMod(old.timeMillis(i), DAY) / (double) MINUTE;
      // Five one-minute counts, each its minute of the day, summed: 5m + 0+1+2+3+4.
      assertEquals(5 * minuteOfDay + 10, old.value(i), 1e-9, "time of day kept at " + i);
      assertEquals(minuteOfDay, recent.value(i), 1e-9);
    }
    assertTrue(old.size() * old.stepMillis() >= 7 * DAY, "most of the shorter trace is shared");
  }

  @Test
  void stepsThatDoNotDivideAndTracesThatShareNoSpanAreNamed() {
    SequencedMap<String, RateSeries> odd = new LinkedHashMap<>();
    odd.put("a", clock("2020-01-01T00:00:00Z", 2, 7 * MINUTE));
    odd.put("b", clock("2020-01-01T00:00:00Z", 2, 5 * MINUTE));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TraceSeries.mixed(odd));
    assertTrue(e.getMessage().startsWith("b: its step"), e.getMessage());

    SequencedMap<String, RateSeries> apart = new LinkedHashMap<>();
    apart.put("long", clock("2020-01-01T00:00:00Z", 5, MINUTE));
    apart.put("short", RateSeries.ofMillis(Instant.parse("2020-02-01T23:59:00Z").toEpochMilli(), MINUTE, new double[1]));
    e = assertThrows(IllegalArgumentException.class, () -> TraceSeries.mixed(apart));
    assertTrue(e.getMessage().contains("share no span"), e.getMessage());
  }
}
