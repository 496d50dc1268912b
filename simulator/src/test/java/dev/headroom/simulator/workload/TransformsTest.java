package dev.headroom.simulator.workload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.forecaster.series.RateSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;

class TransformsTest {

  private static final long SECOND = 1_000_000_000L;
  private static final Instant T0 = Instant.parse("2025-01-07T00:00:00Z");

  /** {@code perMinute} Poisson arrivals in each of {@code minutes} minutes from T0. */
  private static Workload steady(int minutes, double perMinute, Spread spread) {
    double[] v = new double[minutes];
    Arrays.fill(v, perMinute);
    return Workload.of(RateSeries.ofMillis(T0.toEpochMilli(), 60_000, v), spread);
  }

  private static void assertSorted(Arrivals a) {
    for (int i = 1; i < a.size(); i++) {
      assertTrue(a.time(i) >= a.time(i - 1), "sorted at " + i);
    }
  }

  @Test
  void halfScaleKeepsAboutHalfWithinTheBinomialSpread() {
    Workload base = steady(600, 300, Spread.POISSON);
    int n = base.collect(1).size();
    Arrivals half = base.scale(0.5).collect(1);
    // Binomial(n, 1/2): standard deviation sqrt(n / 4); five of them is a one-in-a-million miss.
    assertEquals(n * 0.5, half.size(), 5 * Math.sqrt(n * 0.25));
    assertSorted(half);
    // Thinning only removes: every kept time is one of the originals.
    long[] all = base.collect(Rng.derive(1, 0)).timesNanos();
    for (long t : half.timesNanos()) {
      assertTrue(Arrays.binarySearch(all, t) >= 0);
    }
  }

  @Test
  void wholeScaleCopiesExactlyAndFractionalScaleWithinTheBinomialSpread() {
    Workload base = steady(120, 600, Spread.POISSON);
    int n = base.collect(1).size();
    Arrivals triple = base.scale(3, Duration.ofSeconds(2)).collect(9);
    assertEquals(3L * n, triple.size());
    assertSorted(triple);
    Arrivals more = base.scale(2.5).collect(9);
    assertEquals(2.5 * n, more.size(), 5 * Math.sqrt(n * 0.25));
    assertSorted(more);
    // Copies stay within half the jitter of the trace.
    assertTrue(triple.time(0) >= base.startNanos() - SECOND);
    assertTrue(triple.time(triple.size() - 1) < base.endNanos() + SECOND);
  }

  @Test
  void scaleIsDeterministicForASeedAndZeroRemovesEverything() {
    Workload w = steady(30, 100, Spread.POISSON).scale(1.7);
    assertArrayEquals(w.collect(5).timesNanos(), w.collect(5).timesNanos());
    assertEquals(0, steady(30, 100, Spread.POISSON).scale(0).collect(5).size());
    assertThrows(IllegalArgumentException.class, () -> w.scale(-1));
  }

  @Test
  void stretchKeepsTheCountAndScalesTimeAboutTheStart() {
    Workload base = steady(60, 200, Spread.POISSON);
    long[] t = base.collect(2).timesNanos();
    long start = base.startNanos();
    for (double f : new double[] {2.0, 0.25}) {
      long[] s = base.stretch(f).collect(2).timesNanos();
      assertEquals(t.length, s.length);
      for (int i = 0; i < t.length; i++) {
        assertEquals(start + Math.round((t[i] - start) * f), s[i]);
      }
      assertEquals(start + Math.round(60 * 60 * SECOND * f), base.stretch(f).endNanos());
    }
  }

  @Test
  void shiftMovesEveryTimeByTheShift() {
    Workload base = steady(10, 50, Spread.POISSON);
    long[] t = base.collect(2).timesNanos();
    long[] s = base.shift(Duration.ofHours(-3)).collect(2).timesNanos();
    for (int i = 0; i < t.length; i++) {
      assertEquals(t[i] - 3 * 3600 * SECOND, s[i]);
    }
  }

  @Test
  void flashCrowdAddsTheExpectedCount() {
    // One arrival a second, evenly spaced, for two hours.
    Workload base = steady(120, 60, Spread.UNIFORM);
    FlashCrowd crowd = new FlashCrowd(T0.plus(Duration.ofMinutes(30)), Duration.ofMinutes(30), 4,
        Duration.ofMinutes(5));
    Arrivals before = base.collect(1);
    double expected = 0;
    double variance = 0;
    for (long t : before.timesNanos()) {
      double extra = crowd.factorAt(t) - 1;
      expected += extra;
      double frac = extra - Math.floor(extra);
      variance += frac * (1 - frac);
    }
    // The closed form for a steady rate: r * (duration - ramp) * (multiplier - 1).
    assertEquals(1.0 * 25 * 60 * 3, expected, 3);
    Arrivals after = base.flashCrowd(crowd).collect(1);
    assertEquals(before.size() + expected, after.size(), 5 * Math.sqrt(variance) + 1);
    assertSorted(after);
    // Outside the window nothing changes.
    RateSeries perMinute = after.bin(Duration.ofMinutes(1));
    assertEquals(60, perMinute.value(10));
    assertEquals(60, perMinute.value(70));
    assertEquals(240, perMinute.value(45), 0.0, "the plateau is four times the rate");
  }

  @Test
  void flashCrowdRampsLinearly() {
    FlashCrowd c = new FlashCrowd(T0, Duration.ofMinutes(10), 3, Duration.ofMinutes(2));
    long s = T0.getEpochSecond() * SECOND;
    assertEquals(1, c.factorAt(s - 1));
    assertEquals(1, c.factorAt(s));
    assertEquals(2, c.factorAt(s + 60 * SECOND), 1e-12);
    assertEquals(3, c.factorAt(s + 5 * 60 * SECOND));
    assertEquals(2, c.factorAt(s + 9 * 60 * SECOND), 1e-12);
    assertEquals(1, c.factorAt(s + 10 * 60 * SECOND));
    assertThrows(IllegalArgumentException.class,
        () -> new FlashCrowd(T0, Duration.ofMinutes(10), 3, Duration.ofMinutes(6)));
  }

  @Test
  void mixedTracesAreTenantsEachWithItsOwnKey() {
    Workload a = steady(10, 100, Spread.POISSON);
    Workload b = steady(20, 30, Spread.UNIFORM).shift(Duration.ofMinutes(5));
    SequencedMap<String, Workload> tenants = new LinkedHashMap<>();
    tenants.put("alpha", a);
    tenants.put("beta", b);
    Workload mix = Workload.mix(tenants);
    assertEquals(List.of("alpha", "beta"), mix.keys());
    Arrivals m = mix.collect(8);
    assertEquals(1000 + 600, m.size());
    assertSorted(m);
    int[] perKey = new int[2];
    for (int k : m.keyIds()) {
      perKey[k]++;
    }
    assertArrayEquals(new int[] {1000, 600}, perKey);
    assertEquals(a.startNanos(), mix.startNanos());
    assertEquals(b.endNanos(), mix.endNanos());
    assertArrayEquals(mix.collect(8).timesNanos(), m.timesNanos());
  }

  @Test
  void shiftedCopiesAreTheSameTrafficLaterUnderTheirOwnKeys() {
    Workload base = steady(10, 40, Spread.UNIFORM);
    Arrivals copies = base.shiftedCopies(3, Duration.ofMinutes(4)).collect(0);
    long[] t = base.collect(0).timesNanos();
    assertEquals(3 * t.length, copies.size());
    for (int k = 0; k < 3; k++) {
      long[] mine = new long[t.length];
      int n = 0;
      for (int i = 0; i < copies.size(); i++) {
        if (copies.keyId(i) == k) {
          mine[n++] = copies.time(i);
        }
      }
      for (int i = 0; i < t.length; i++) {
        assertEquals(t[i] + k * 240 * SECOND, mine[i]);
      }
    }
  }

  @Test
  void transformsComposeAndStayDeterministic() {
    Workload w = steady(60, 120, Spread.POISSON)
        .scale(1.5)
        .flashCrowd(new FlashCrowd(T0.plus(Duration.ofMinutes(20)), Duration.ofMinutes(10), 3,
            Duration.ZERO))
        .stretch(0.5)
        .shift(Duration.ofDays(1))
        .withCost(2, 0.5);
    Arrivals a = w.collect(123);
    Arrivals b = w.collect(123);
    assertArrayEquals(a.timesNanos(), b.timesNanos());
    assertSorted(a);
    double costSum = 0;
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.cost(i), b.cost(i));
      assertTrue(a.cost(i) > 0);
      costSum += Math.log(a.cost(i) / 2);
    }
    assertEquals(0, costSum / a.size(), 0.02, "log-normal around the median");
    assertTrue(a.time(0) >= T0.getEpochSecond() * SECOND + 86_400 * SECOND - SECOND);
  }

  @Test
  void spreadingMovesEachArrivalWithinItsSecondAndKeepsItsKey() {
    // Whole-second times, as in an access log: ten requests a second, alternating keys.
    long[] times = new long[2000];
    for (int i = 0; i < times.length; i++) {
      times[i] = (i / 10) * SECOND;
    }
    SequencedMap<String, Workload> tenants = new LinkedHashMap<>();
    tenants.put("a", Arrivals.of(times, "a"));
    tenants.put("b", Arrivals.of(times, "b"));
    Workload logged = Workload.mix(tenants);
    Arrivals spread = logged.spreadWithin(Duration.ofSeconds(1)).collect(3);
    assertEquals(4000, spread.size());
    assertSorted(spread);
    RateSeries perSecond = spread.bin(Duration.ofSeconds(1));
    assertEquals(200, perSecond.size());
    for (int s = 0; s < 200; s++) {
      assertEquals(20, perSecond.value(s), "second " + s);
    }
    int distinct = 1;
    int[] perKey = new int[2];
    for (int i = 0; i < spread.size(); i++) {
      perKey[spread.keyId(i)]++;
      if (i > 0 && spread.time(i) != spread.time(i - 1)) {
        distinct++;
      }
    }
    assertArrayEquals(new int[] {2000, 2000}, perKey);
    assertTrue(distinct > 3990, distinct + " distinct times");
    assertArrayEquals(spread.timesNanos(),
        logged.spreadWithin(Duration.ofSeconds(1)).collect(3).timesNanos());
  }
}
