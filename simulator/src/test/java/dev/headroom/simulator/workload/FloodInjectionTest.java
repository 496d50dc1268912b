package dev.headroom.simulator.workload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.forecaster.series.RateSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FloodInjectionTest {

  static final long START = Instant.parse("2025-01-06T00:00:00Z").toEpochMilli();
  static final long DAY = 86_400_000L;

  /** Per-minute counts over a day: key a steady 10/s; key b 2/s at night and 20/s from 12:00 to 18:00. */
  static List<RateSeries> window() {
    double[] a = new double[1440];
    double[] b = new double[1440];
    for (int i = 0; i < 1440; i++) {
      a[i] = 600;
      b[i] = i >= 720 && i < 1080 ? 1200 : 120;
    }
    return List.of(RateSeries.ofMillis(START, 60_000, a), RateSeries.ofMillis(START, 60_000, b));
  }

  static Arrivals legitTwoKeys() {
    java.util.LinkedHashMap<String, Workload> parts = new java.util.LinkedHashMap<>();
    parts.put("a", Workload.of(window().get(0), Spread.UNIFORM));
    parts.put("b", Workload.of(window().get(1), Spread.UNIFORM));
    return Workload.mix(parts).collect(1);
  }

  static FloodInjection injection() {
    return new FloodInjection(List.of("a", "b"), window(), START, START + DAY);
  }

  @Test
  void aFloodAddsAbusiveArrivalsOnItsKeyAtItsMultipleOfTheNormalRate() {
    Arrivals legit = legitTwoKeys();
    Flood f = new Flood("b", Instant.ofEpochMilli(START + 3 * 3_600_000L), Duration.ofMinutes(30), 8);
    FloodInjection.Injected in = injection().inject(legit, List.of(f), 7);
    Arrivals all = in.arrivals();
    assertEquals(legit.size() + in.floods().getFirst().added(), all.size());
    // b runs at 2/s at 03:00: the flood adds 8 x 2/s over 1,800 s = 28,800 expected (Poisson: sd 170).
    assertEquals(28_800, in.floods().getFirst().added(), 5 * 170);
    assertEquals(in.floods().getFirst().added(), all.abusiveCount());
    long from = (START + 3 * 3_600_000L) * 1_000_000L;
    long to = from + Duration.ofMinutes(30).toNanos();
    for (int i = 0; i < all.size(); i++) {
      if (i > 0) {
        assertTrue(all.time(i) >= all.time(i - 1), "sorted at " + i);
      }
      if (all.abusive(i)) {
        assertEquals(1, all.keyId(i), "abusive arrivals are on the flooded key");
        assertTrue(all.time(i) >= from && all.time(i) < to, "within the flood");
      }
    }
    assertFalse(in.floods().getFirst().atPeak(), "03:00 is b's trough");
  }

  @Test
  void legitimateArrivalsStayAsTheyWereAndUnlabelled() {
    Arrivals legit = legitTwoKeys();
    Arrivals all = injection().inject(legit, List.of(new Flood("a",
        Instant.ofEpochMilli(START + 3_600_000L), Duration.ofMinutes(10), 3)), 1).arrivals();
    List<Long> kept = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (!all.abusive(i)) {
        kept.add(all.time(i));
      }
    }
    assertEquals(legit.size(), kept.size());
    for (int i = 0; i < legit.size(); i++) {
      assertEquals(legit.time(i), kept.get(i));
      assertFalse(legit.abusive(i));
    }
  }

  @Test
  void theSameSeedGivesTheSameFloodAndAnotherSeedAnother() {
    Arrivals legit = legitTwoKeys();
    List<Flood> floods = List.of(new Flood(null, Instant.ofEpochMilli(START + 13 * 3_600_000L), Duration.ofMinutes(20),
        5));
    Arrivals one = injection().inject(legit, floods, 42).arrivals();
    Arrivals two = injection().inject(legit, floods, 42).arrivals();
    Arrivals other = injection().inject(legit, floods, 43).arrivals();
    assertArrayEquals(one.timesNanos(), two.timesNanos());
    assertArrayEquals(one.keyIds(), two.keyIds());
    assertFalse(java.util.Arrays.equals(one.timesNanos(), other.timesNanos()));
    assertEquals(injection().schedule(6, 9), injection().schedule(6, 9));
  }

  @Test
  void aRandomKeyIsResolvedAndNamed() {
    FloodInjection.Injected in = injection().inject(legitTwoKeys(), List.of(new Flood(null,
        Instant.ofEpochMilli(START + 14 * 3_600_000L), Duration.ofMinutes(15), 4)), 3);
    FloodInjection.Laid laid = in.floods().getFirst();
    assertTrue(List.of("a", "b").contains(laid.flood().key()), laid.flood().key());
    assertEquals(List.of("a", "b").indexOf(laid.flood().key()), laid.keyId());
  }

  @Test
  void aScheduleAlternatesPeaksAndTroughsWithinTheWindow() {
    FloodInjection inj = injection();
    List<Flood> schedule = inj.schedule(10, 5);
    assertEquals(10, schedule.size());
    FloodInjection.Injected in = inj.inject(legitTwoKeys(), schedule, 5);
    for (int i = 0; i < schedule.size(); i++) {
      Flood f = schedule.get(i);
      assertTrue(f.startNanos() >= START * 1_000_000L && f.startNanos() < (START + DAY) * 1_000_000L);
      assertTrue(f.multiplier() >= 4 && f.multiplier() <= 10, "multiplier " + f.multiplier());
      assertTrue(f.duration().toMinutes() >= 15 && f.duration().toMinutes() <= 60);
      if (f.key().equals("b")) {
        // b's busiest quarter is its afternoon plateau; its quietest, the night
        boolean afternoon = inj.normalRate(1, f.start().toEpochMilli()) > 10;
        assertEquals(i % 2 == 0, afternoon, "flood " + i + " at " + f.start());
      }
    }
    assertTrue(in.arrivals().abusiveCount() > 0);
  }

  @Test
  void aFloodOnAnUnknownKeyOrOutsideTheWindowIsRefused() {
    IllegalArgumentException key = assertThrows(IllegalArgumentException.class, () -> injection().inject(legitTwoKeys(),
        List.of(new Flood("zed", Instant.ofEpochMilli(START), Duration.ofMinutes(5), 2)), 1));
    assertTrue(key.getMessage().startsWith("flood on unknown key \"zed\""), key.getMessage());
    IllegalArgumentException late = assertThrows(IllegalArgumentException.class, () -> injection().inject(
        legitTwoKeys(), List.of(new Flood("a", Instant.ofEpochMilli(START + 2 * DAY), Duration.ofMinutes(5), 2)), 1));
    assertTrue(late.getMessage().contains("outside the simulated window"), late.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Flood("a", Instant.EPOCH, Duration.ZERO, 2));
    assertThrows(IllegalArgumentException.class, () -> new Flood("a", Instant.EPOCH, Duration.ofMinutes(1), 0));
  }

  @Test
  void mergedAbusiveArrivalsAreLabelledAndOrdered() {
    Arrivals a = Arrivals.of(new long[] {10, 20, 30}, "k");
    Arrivals m = a.withAbusive(new long[] {5, 20, 40}, new int[] {0, 0, 0});
    assertArrayEquals(new long[] {5, 10, 20, 20, 30, 40}, m.timesNanos());
    boolean[] labels = new boolean[m.size()];
    for (int i = 0; i < m.size(); i++) {
      labels[i] = m.abusive(i);
    }
    assertArrayEquals(new boolean[] {true, false, false, true, false, true}, labels, "ties go to the legitimate");
    assertEquals(3, m.abusiveCount());
    assertEquals(0, a.abusiveCount());
    assertThrows(IllegalArgumentException.class, () -> a.withAbusive(new long[] {2, 1}, new int[] {0, 0}));
    assertThrows(IllegalArgumentException.class, () -> a.withAbusive(new long[] {1}, new int[] {3}));
  }
}
