package dev.headroom.simulator.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Every queue pops exactly what java.util.PriorityQueue pops on (time, seq), under random use. */
class EventQueueProperties {

  /** A reference entry: ordered by time, then by sequence number. */
  record Ref(long time, long seq, int slot) {}

  static final Comparator<Ref> ORDER = Comparator.comparingLong(Ref::time).thenComparingLong(Ref::seq);

  @Provide
  Arbitrary<EventQueue.Kind> kinds() {
    return Arbitraries.of(EventQueue.Kind.values());
  }

  @Provide
  Arbitrary<Long> scales() {
    return Arbitraries.of(1L, 7L, 1_000L, 1_000_000_000L, 3_600_000_000_000L);
  }

  /**
   * Ops: below 550 add an event at last-popped + op x scale (small ops give ties), 550-599 add one
   * before the last popped time (a queue on its own must accept it), the rest pop.
   */
  @Property(tries = 300)
  void popsInTimeThenInsertionOrder(
      @ForAll("kinds") EventQueue.Kind kind,
      @ForAll("scales") long scale,
      @ForAll @Size(max = 1500) List<@IntRange(min = 0, max = 999) Integer> ops) {
    EventQueue queue = kind.create();
    PriorityQueue<Ref> reference = new PriorityQueue<>(ORDER);
    long base = 1_700_000_000_000_000_000L;
    long seq = 0;
    int nextSlot = 0;
    List<Integer> freeSlots = new ArrayList<>();
    for (int op : ops) {
      if (op < 600) {
        long time = op < 550 ? base + (op % 50) * scale : base - (op - 549) * scale;
        int slot = freeSlots.isEmpty() ? nextSlot++ : freeSlots.removeLast();
        queue.add(slot, time, seq);
        reference.add(new Ref(time, seq, slot));
        seq++;
      } else if (!reference.isEmpty()) {
        Ref expected = reference.poll();
        assertEquals(expected.time(), queue.minTime(), "min time");
        assertEquals(expected.slot(), queue.minSlot(), "min slot");
        int slot = queue.removeMin();
        assertEquals(expected.slot(), slot, "slot popped at time " + expected.time());
        freeSlots.add(slot);
        base = expected.time();
      }
      assertEquals(reference.size(), queue.size());
    }
    drain(queue, reference);
  }

  /**
   * Long seeded runs that cross every resize threshold of the calendar queue and build rungs in the
   * ladder queue, and shrink back.
   */
  @Example
  void largeRandomRunsMatchTheReference() {
    for (EventQueue.Kind kind : EventQueue.Kind.values()) {
      for (long seed = 1; seed <= 3; seed++) {
        SplittableRandom random = new SplittableRandom(seed);
        EventQueue queue = kind.create();
        PriorityQueue<Ref> reference = new PriorityQueue<>(ORDER);
        long now = 0;
        long seq = 0;
        int nextSlot = 0;
        List<Integer> free = new ArrayList<>();
        // Grow to 50k with mixed gaps (exponential and heavy-tailed), hold, then shrink to empty.
        for (int phase = 0; phase < 3; phase++) {
          int steps = 120_000;
          for (int i = 0; i < steps; i++) {
            double pAdd = phase == 0 ? 0.7 : phase == 1 ? 0.5 : 0.3;
            if (random.nextDouble() < pAdd || reference.isEmpty()) {
              long gap = random.nextDouble() < 0.9 ? (long) (random.nextExponential() * 1_000_000)
                  : (long) (1e9 / Math.max(1e-6, random.nextDouble()));
              if (random.nextDouble() < 0.05) {
                gap = 0;
              }
              int slot = free.isEmpty() ? nextSlot++ : free.removeLast();
              queue.add(slot, now + gap, seq);
              reference.add(new Ref(now + gap, seq, slot));
              seq++;
            } else {
              Ref expected = reference.poll();
              int slot = queue.removeMin();
              assertEquals(expected.slot(), slot, kind + " seed " + seed + " phase " + phase + " step " + i);
              free.add(slot);
              now = expected.time();
            }
          }
        }
        drain(queue, reference);
      }
    }
  }

  /** Popping or peeking an empty queue is an error, also once it has held events. */
  @Example
  void anEmptyQueueRefusesToPop() {
    for (EventQueue.Kind kind : EventQueue.Kind.values()) {
      EventQueue queue = kind.create();
      for (int round = 0; round < 2; round++) {
        assertThrows(IllegalStateException.class, queue::minTime, kind.id());
        assertThrows(IllegalStateException.class, queue::minSlot, kind.id());
        assertThrows(IllegalStateException.class, queue::removeMin, kind.id());
        for (int slot = 0; slot < 100; slot++) {
          queue.add(slot, 1_000 - slot, slot);
        }
        while (!queue.isEmpty()) {
          queue.removeMin();
        }
      }
    }
  }

  private static void drain(EventQueue queue, PriorityQueue<Ref> reference) {
    while (!reference.isEmpty()) {
      Ref expected = reference.poll();
      assertEquals(expected.time(), queue.minTime());
      assertEquals(expected.slot(), queue.minSlot());
      assertEquals(expected.slot(), queue.removeMin());
    }
    assertEquals(0, queue.size());
  }
}
