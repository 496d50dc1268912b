package dev.headroom.simulator.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.engine.limiter.PackedLimiter;
import dev.headroom.engine.limiter.Rate;
import dev.headroom.engine.limiter.TokenBucket;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SimulationTest {

  static final long START = 1_700_000_000_000_000_000L;

  @ParameterizedTest
  @EnumSource(EventQueue.Kind.class)
  void clockReadsEachEventsTimeWhileItRuns(EventQueue.Kind kind) {
    Simulation sim = new Simulation(new VirtualClock(START), kind.create());
    List<Long> seen = new ArrayList<>();
    int p = sim.register((type, payload) -> seen.add(sim.clock().nanos() - START));
    sim.schedule(START + 30, p, 0, 0);
    sim.schedule(START + 10, p, 0, 0);
    sim.schedule(START + 20, p, 0, 0);
    assertEquals(2, sim.runUntil(START + 25));
    assertEquals(List.of(10L, 20L), seen);
    assertEquals(START + 25, sim.now(), "run-until leaves the clock at its end");
    assertEquals(1, sim.run());
    assertEquals(List.of(10L, 20L, 30L), seen);
  }

  /**
   * Past Simulation.READ_AHEAD_ABOVE pending events the loop peeks at the next event after each pop;
   * the run must not change: every event runs once, in time order, equal times in scheduling order.
   */
  @ParameterizedTest
  @EnumSource(EventQueue.Kind.class)
  void aLargeRunKeepsTimeAndSchedulingOrder(EventQueue.Kind kind) {
    Simulation sim = new Simulation(new VirtualClock(START), kind.create());
    int n = 2 * Simulation.READ_AHEAD_ABOVE;
    long[] last = {Long.MIN_VALUE, -1};
    int[] ran = {0};
    SplittableRandom random = new SplittableRandom(3);
    int[] self = new int[1];
    self[0] = sim.register((type, order) -> {
      long now = sim.now();
      assertTrue(now > last[0] || (now == last[0] && order > last[1]), "event " + order + " at " + now);
      last[0] = now;
      last[1] = order;
      if (ran[0]++ < n) {
        // Reschedule on a 1 us grid, so that equal times are common.
        sim.scheduleIn(1_000 * random.nextLong(2_000), self[0], 0, n + ran[0]);
      }
    });
    for (int i = 0; i < n; i++) {
      sim.schedule(START + 1_000 * random.nextLong(2_000), self[0], 0, i);
    }
    assertEquals(2L * n, sim.run());
  }

  @ParameterizedTest
  @EnumSource(EventQueue.Kind.class)
  void staleHandlesCancelNothing(EventQueue.Kind kind) {
    Simulation sim = new Simulation(new VirtualClock(START), kind.create());
    List<Long> seen = new ArrayList<>();
    int p = sim.register((type, payload) -> seen.add(payload));
    long first = sim.scheduleIn(5, p, 0, 1);
    sim.run();
    // The next event reuses the slot of the first; the first's handle must not touch it.
    long second = sim.scheduleIn(5, p, 0, 2);
    assertEquals((int) first, (int) second, "the slot is recycled");
    assertFalse(sim.cancel(first));
    assertFalse(sim.cancel(Simulation.NO_EVENT));
    assertTrue(sim.cancel(second));
    assertFalse(sim.cancel(second), "cancelling twice");
    assertEquals(0, sim.pending());
    sim.run();
    assertEquals(List.of(1L), seen);
  }

  @ParameterizedTest
  @EnumSource(EventQueue.Kind.class)
  void stopEndsTheRunAfterTheCurrentEvent(EventQueue.Kind kind) {
    Simulation sim = new Simulation(new VirtualClock(START), kind.create());
    List<Long> seen = new ArrayList<>();
    int p = sim.register((type, payload) -> {
      seen.add(payload);
      if (payload == 2) {
        sim.stop();
      }
    });
    for (int i = 1; i <= 4; i++) {
      sim.schedule(START + i, p, 0, i);
    }
    assertEquals(2, sim.runUntil(START + 100));
    assertEquals(START + 2, sim.now(), "a stopped run leaves the clock at the last event");
    assertEquals(2, sim.run());
  }

  @ParameterizedTest
  @EnumSource(EventQueue.Kind.class)
  void refusesThePastAndUnknownProcesses(EventQueue.Kind kind) {
    Simulation sim = new Simulation(new VirtualClock(START), kind.create());
    int p = sim.register((type, payload) -> {});
    IllegalArgumentException past = assertThrows(IllegalArgumentException.class,
        () -> sim.schedule(START - 1, p, 0, 0));
    assertTrue(past.getMessage().contains("past"), past.getMessage());
    assertThrows(IllegalArgumentException.class, () -> sim.schedule(START, p + 1, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> sim.scheduleIn(-1, p, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> sim.runUntil(START - 1));
    assertThrows(IllegalArgumentException.class, () -> new VirtualClock(START).advanceTo(START - 1));
  }

  /** Same seed, same run, to the last digit; another seed, another run. */
  @ParameterizedTest
  @EnumSource(EventQueue.Kind.class)
  void aSeedDeterminesTheRun(EventQueue.Kind kind) {
    QueueingStation.Totals a = mm1(kind, 42);
    QueueingStation.Totals b = mm1(kind, 42);
    assertEquals(a, b);
    assertNotEquals(a, mm1(kind, 43));
    // And the queue is an implementation detail: every queue gives the same run.
    for (EventQueue.Kind other : EventQueue.Kind.values()) {
      assertEquals(a, mm1(other, 42), other + " against " + kind);
    }
  }

  private static QueueingStation.Totals mm1(EventQueue.Kind kind, long seed) {
    Simulation sim = new Simulation(new VirtualClock(START), kind.create());
    RandomSource random = new RandomSource(seed);
    QueueingStation station = new QueueingStation(sim, random.split(), 2, 10);
    new PoissonArrivals(sim, random.split(), 15, station, QueueingStation.ARRIVE).start();
    sim.runUntil(START + 2_000_000_000_000L);
    return station.totals();
  }

  /** The engine's token bucket, unchanged, on virtual time: burst plus rate x elapsed. */
  @ParameterizedTest
  @EnumSource(EventQueue.Kind.class)
  void engineTokenBucketRunsAtVirtualTime(EventQueue.Kind kind) {
    Simulation sim = new Simulation(new VirtualClock(START), kind.create());
    PackedLimiter bucket = TokenBucket.of(Rate.perSecond(100), 20).limiter(sim.clock());
    long[] admitted = {0};
    int[] self = new int[1];
    // Offers 1000 requests a second (every 1 ms) for 10 simulated seconds.
    self[0] = sim.register((type, n) -> {
      if (bucket.tryAcquire()) {
        admitted[0]++;
      }
      if (n < 9_999) {
        sim.scheduleIn(1_000_000, self[0], 0, n + 1);
      }
    });
    sim.schedule(START, self[0], 0, 0);
    sim.run();
    assertEquals(START + 9_999_000_000L, sim.now());
    // 20 at once, then one every 10 ms of the 9.999 s: 999 more.
    assertEquals(20 + 999, admitted[0]);
  }
}
