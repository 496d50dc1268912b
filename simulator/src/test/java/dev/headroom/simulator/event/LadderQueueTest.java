package dev.headroom.simulator.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.simulator.event.EventQueueProperties.Ref;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** What the shared queue properties do not reach: extreme times, clusters, crowds, chunk reuse. */
class LadderQueueTest {

  @Provide
  Arbitrary<Long> extremeTimes() {
    return Arbitraries.oneOf(
        Arbitraries.of(Long.MIN_VALUE, Long.MIN_VALUE + 1, -1L, 0L, 1L, Long.MAX_VALUE - 1, Long.MAX_VALUE),
        Arbitraries.longs(),
        Arbitraries.longs().between(-1_000, 1_000));
  }

  /**
   * Times anywhere in the long range, so that a rung's span exceeds Long.MAX_VALUE and must be
   * treated as unsigned; ops below 700 add, the rest pop.
   */
  @Property(tries = 300)
  void ordersTimesAcrossTheWholeLongRange(
      @ForAll @Size(max = 1200) List<@IntRange(min = 0, max = 999) Integer> ops,
      @ForAll @Size(min = 1, max = 1200) List<@From("extremeTimes") Long> times) {
    LadderQueue queue = new LadderQueue();
    PriorityQueue<Ref> reference = new PriorityQueue<>(EventQueueProperties.ORDER);
    List<Integer> free = new ArrayList<>();
    int nextSlot = 0;
    long seq = 0;
    int t = 0;
    for (int op : ops) {
      if (op < 700) {
        long time = times.get(t++ % times.size());
        int slot = free.isEmpty() ? nextSlot++ : free.removeLast();
        queue.add(slot, time, seq);
        reference.add(new Ref(time, seq++, slot));
      } else if (!reference.isEmpty()) {
        Ref expected = reference.poll();
        assertEquals(expected.time(), queue.minTime());
        assertEquals(expected.slot(), queue.removeMin());
        free.add(expected.slot());
      }
    }
    drainAndCheck(queue, reference);
  }

  /** 100k events within one microsecond and one an hour later: the cluster is split rung by rung. */
  @Example
  void splitsATightClusterBehindAFarOutlier() {
    LadderQueue queue = new LadderQueue();
    PriorityQueue<Ref> reference = new PriorityQueue<>(EventQueueProperties.ORDER);
    SplittableRandom random = new SplittableRandom(7);
    long base = 1_700_000_000_000_000_000L;
    int n = 100_000;
    for (int slot = 0; slot < n; slot++) {
      long time = slot == 0 ? base + 3_600_000_000_000L : base + random.nextLong(1_000);
      queue.add(slot, time, slot);
      reference.add(new Ref(time, slot, slot));
    }
    int deepest = 0;
    while (!reference.isEmpty()) {
      Ref expected = reference.poll();
      assertEquals(expected.slot(), queue.removeMin(), "at time " + expected.time());
      deepest = Math.max(deepest, queue.rungs());
    }
    assertTrue(deepest >= 2, "the cluster was never split below rung 0: deepest " + deepest);
    assertEquals(0, queue.chunksInUse());
  }

  /**
   * Near events (about 1 ms ahead) with 1% timers an hour out: rung 0 spans the hour and its first
   * bucket keeps collecting the near events. Rungs must follow the data, not pile up one per span of
   * the near events until the limit leaves everything to the bottom's heap.
   */
  @Example
  void farTimersDoNotStackRungsToTheLimit() {
    LadderQueue queue = new LadderQueue();
    SplittableRandom random = new SplittableRandom(13);
    long seq = 0;
    for (int slot = 0; slot < 10_000; slot++) {
      queue.add(slot, nearOrTimer(random), seq++);
    }
    int deepest = 0;
    for (int step = 0; step < 1_000_000; step++) {
      long now = queue.minTime();
      int slot = queue.removeMin();
      queue.add(slot, now + nearOrTimer(random), seq++);
      deepest = Math.max(deepest, queue.rungs());
    }
    assertTrue(deepest < LadderQueue.MAX_RUNGS, "rungs reached " + deepest);
  }

  private static long nearOrTimer(SplittableRandom random) {
    return random.nextDouble() < 0.01 ? 3_600_000_000_000L : (long) (random.nextExponential() * 1e6);
  }

  /** Thousands of events at one instant, added while others pop: FIFO, and no rung is built for them. */
  @Example
  void keepsACrowdOfEqualTimesInInsertionOrder() {
    LadderQueue queue = new LadderQueue();
    PriorityQueue<Ref> reference = new PriorityQueue<>(EventQueueProperties.ORDER);
    long now = 5_000;
    long seq = 0;
    for (int round = 0; round < 50; round++) {
      for (int i = 0; i < 400; i++) {
        int slot = (int) seq;
        queue.add(slot, now, seq);
        reference.add(new Ref(now, seq++, slot));
      }
      for (int i = 0; i < 300; i++) {
        Ref expected = reference.poll();
        assertEquals(expected.slot(), queue.removeMin());
      }
      assertEquals(0, queue.rungs());
    }
    drainAndCheck(queue, reference);
  }

  /** Sequence numbers need not grow with insertion: a crowd added in shuffled order pops by them. */
  @Example
  void ordersACrowdBySequenceNumberWhateverTheInsertionOrder() {
    LadderQueue queue = new LadderQueue();
    PriorityQueue<Ref> reference = new PriorityQueue<>(EventQueueProperties.ORDER);
    List<Long> seqs = new ArrayList<>();
    for (long s = 0; s < 2_000; s++) {
      seqs.add(s * 3);
    }
    Collections.shuffle(seqs, new Random(5));
    for (int slot = 0; slot < seqs.size(); slot++) {
      long time = slot % 500 == 0 ? 999 : 1_000; // a few earlier ones, so that a rung is tried
      queue.add(slot, time, seqs.get(slot));
      reference.add(new Ref(time, seqs.get(slot), slot));
    }
    drainAndCheck(queue, reference);
  }

  /**
   * A long hold run (the benchmark's model on the bare queue) holds about one chunk per event at
   * most, however many rungs it has built and emptied, and hands every chunk back when drained.
   */
  @Example
  void reusesChunksAcrossManyRungs() {
    LadderQueue queue = new LadderQueue();
    SplittableRandom random = new SplittableRandom(11);
    int n = 5_000;
    long seq = 0;
    for (int slot = 0; slot < n; slot++) {
      queue.add(slot, Math.round(random.nextExponential() * 1e9), seq++);
    }
    int most = 0;
    for (int step = 0; step < 2_000_000; step++) {
      long now = queue.minTime();
      int slot = queue.removeMin();
      queue.add(slot, now + Math.round(random.nextExponential() * 1e9), seq++);
      most = Math.max(most, queue.chunksInUse());
    }
    
    // Each non-empty list holds at most one partly filled chunk: chunks <= lists + events / SIZE.
    assertTrue(most <= n + n / EntryChunks.SIZE, "chunks in use peaked at " + most + " for " + n + " events");
    while (queue.size() > 0) {
      queue.removeMin();
    }
    assertEquals(0, queue.chunksInUse());
  }

  private static void drainAndCheck(LadderQueue queue, PriorityQueue<Ref> reference) {
    while (!reference.isEmpty()) {
      Ref expected = reference.poll();
      assertEquals(expected.time(), queue.minTime());
      assertEquals(expected.slot(), queue.minSlot());
      assertEquals(expected.slot(), queue.removeMin());
    }
    assertEquals(0, queue.size());
    assertEquals(0, queue.chunksInUse());
  }
}
