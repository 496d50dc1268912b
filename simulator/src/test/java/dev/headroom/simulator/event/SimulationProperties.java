package dev.headroom.simulator.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The simulation loop against a reference built on java.util.PriorityQueue: random schedules
 * (including from inside handlers), cancels (including of events that already ran) and steps run
 * the same events in the same order, on every queue.
 */
class SimulationProperties {

  @Provide
  Arbitrary<EventQueue.Kind> kinds() {
    return Arbitraries.of(EventQueue.Kind.values());
  }

  /**
   * Ops: below 500 schedule at now + (op % 40) x 1 ms (ties are common); 500-749 cancel the event
   * with handle index op; 750-899 step; the rest run until now + 5 ms. Each event, when it runs,
   * schedules a child at now + its id % 3 ms when its id is even.
   */
  @Property(tries = 300)
  void runsTheSameEventsInTheSameOrderAsTheReference(
      @ForAll("kinds") EventQueue.Kind kind,
      @ForAll @Size(max = 800) List<@IntRange(min = 0, max = 999) Integer> ops) {
    long start = 1_000_000_000L;
    Simulation sim = new Simulation(new VirtualClock(start), kind.create());
    Reference ref = new Reference(start);
    List<Long> fired = new ArrayList<>();
    List<Long> handles = new ArrayList<>();
    long[] nextId = {0};
    int[] self = new int[1];
    self[0] = sim.register((type, id) -> {
      fired.add(id);
      if (id % 2 == 0) {
        long child = nextId[0]++;
        handles.add(sim.scheduleIn((id % 3) * 1_000_000L, self[0], 0, child));
      }
    });
    for (int op : ops) {
      if (op < 500) {
        long id = nextId[0]++;
        long delay = (op % 40) * 1_000_000L;
        handles.add(sim.scheduleIn(delay, self[0], 0, id));
        ref.schedule(ref.now + delay);
      } else if (op < 750) {
        if (!handles.isEmpty()) {
          int index = op % handles.size();
          boolean cancelled = sim.cancel(handles.get(index));
          assertEquals(ref.cancel(index), cancelled, "cancel of event " + index);
        }
      } else if (op < 900) {
        sim.step();
        ref.step();
      } else {
        sim.runUntil(sim.now() + 5_000_000L);
        ref.runUntil(ref.now + 5_000_000L);
      }
      assertEquals(ref.fired, fired);
      assertEquals(ref.now, sim.now(), "clock");
      assertEquals(ref.pending(), sim.pending(), "pending");
    }
    sim.run();
    ref.runUntil(Long.MAX_VALUE);
    assertEquals(ref.fired, fired);
    assertEquals(0, sim.pending());
  }

  /**
   * The same model, written plainly on a PriorityQueue. Ids are handed out in the same order as the
   * test hands them to the simulation (top-level schedules and children alike), so an id is also
   * the index of its handle.
   */
  static final class Reference {
    record Entry(long time, long seq, long id) {}

    final PriorityQueue<Entry> queue = new PriorityQueue<>(
        Comparator.comparingLong(Entry::time).thenComparingLong(Entry::seq));
    final Set<Long> cancelled = new HashSet<>();
    final Set<Long> done = new HashSet<>();
    final List<Long> fired = new ArrayList<>();
    long now;
    long seq;
    long nextId;

    Reference(long start) {
      now = start;
    }

    void schedule(long time) {
      queue.add(new Entry(time, seq++, nextId++));
    }

    boolean cancel(long id) {
      if (done.contains(id) || cancelled.contains(id)) {
        return false;
      }
      cancelled.add(id);
      return true;
    }

    int pending() {
      return (int) queue.stream().filter(e -> !cancelled.contains(e.id())).count();
    }

    void step() {
      while (!queue.isEmpty()) {
        if (fire()) {
          return;
        }
      }
    }

    void runUntil(long end) {
      while (!queue.isEmpty() && queue.peek().time() <= end) {
        fire();
      }
      if (end != Long.MAX_VALUE) {
        now = Math.max(now, end);
      }
    }

    private boolean fire() {
      Entry e = queue.poll();
      if (cancelled.contains(e.id())) {
        return false;
      }
      now = e.time();
      done.add(e.id());
      fired.add(e.id());
      if (e.id() % 2 == 0) {
        schedule(now + (e.id() % 3) * 1_000_000L);
      }
      return true;
    }
  }
}
