package dev.headroom.simulator.event;

import java.util.Arrays;

/**
 * An implicit 4-ary min-heap in one primitive array of (time, slot) pairs, with the tie-breaking
 * sequence numbers kept per slot.
 *
 * <p>Why 4-ary: half the depth of a binary heap, and the four children of a node sit next to each
 * other, so a level costs one or two cache lines instead of one miss per level. Why pairs in one
 * array: the slot of the chosen child is on the line already loaded for its time. Why sequence
 * numbers out of line: with nanosecond times ties are rare, so a comparison almost always ends at
 * the time.
 */
public final class QuaternaryHeap implements EventQueue {

  /** node i: time at 2i, slot at 2i + 1. */
  private long[] nodes;
  /** Indexed by slot, not by heap position: read only when two times are equal. */
  private long[] seqOf;
  private int size;

  public QuaternaryHeap() {
    this(64);
  }

  public QuaternaryHeap(int initialCapacity) {
    int c = Math.max(4, initialCapacity);
    nodes = new long[2 * c];
    seqOf = new long[c];
  }

  @Override
  public void add(int slot, long time, long seq) {
    if (slot < 0) {
      throw new IllegalArgumentException("event slot must be non-negative, got " + slot);
    }
    recordSeq(slot, seq);
    insert(slot, time);
  }

  /**
   * Notes the tie-breaker of {@code slot} ahead of {@link #insert}: the {@link LadderQueue} records
   * it when an event arrives and inserts the event here only later, when its bucket comes due.
   */
  void recordSeq(int slot, long seq) {
    if (slot >= seqOf.length) {
      seqOf = Arrays.copyOf(seqOf, Math.max(slot + 1, seqOf.length * 2));
    }
    seqOf[slot] = seq;
  }

  /** Queues {@code slot}, whose sequence number {@link #recordSeq} has noted. */
  void insert(int slot, long time) {
    if (2 * size == nodes.length) {
      nodes = Arrays.copyOf(nodes, nodes.length * 2);
    }
    long[] h = nodes;
    int i = size++;
    // Sift the hole up rather than swapping: one write per level. Sequence numbers are read only on
    // a tie, so an insert touches nothing but the heap.
    while (i > 0) {
      int parent = (i - 1) >>> 2;
      long pt = h[2 * parent];
      if (pt < time || (pt == time && seqOf[(int) h[2 * parent + 1]] < seqOf[slot])) {
        break;
      }
      h[2 * i] = pt;
      h[2 * i + 1] = h[2 * parent + 1];
      i = parent;
    }
    h[2 * i] = time;
    h[2 * i + 1] = slot;
  }

  @Override
  public long minTime() {
    if (size == 0) {
      throw new IllegalStateException("event queue is empty");
    }
    return nodes[0];
  }

  @Override
  public int removeMin() {
    if (size == 0) {
      throw new IllegalStateException("event queue is empty");
    }
    int result = (int) nodes[1];
    int n = --size;
    if (n > 0) {
      siftDown(nodes[2 * n], (int) nodes[2 * n + 1], n);
    }
    return result;
  }

  private void siftDown(long time, int slot, int n) {
    long[] h = nodes;
    int i = 0;
    for (; ; ) {
      int first = (i << 2) + 1;
      if (first >= n) {
        break;
      }
      int end = Math.min(first + 4, n);
      int best = first;
      long bestTime = h[2 * first];
      for (int c = first + 1; c < end; c++) {
        long ct = h[2 * c];
        if (ct < bestTime || (ct == bestTime && seqOf[(int) h[2 * c + 1]] < seqOf[(int) h[2 * best + 1]])) {
          best = c;
          bestTime = ct;
        }
      }
      if (bestTime > time || (bestTime == time && seqOf[(int) h[2 * best + 1]] > seqOf[slot])) {
        break;
      }
      h[2 * i] = bestTime;
      h[2 * i + 1] = h[2 * best + 1];
      i = best;
    }
    h[2 * i] = time;
    h[2 * i + 1] = slot;
  }

  /** Whether {@code a} was added with a smaller sequence number than {@code b}: the tie-breaker. */
  boolean before(int a, int b) {
    return seqOf[a] < seqOf[b];
  }

  @Override
  public int minSlot() {
    if (size == 0) {
      throw new IllegalStateException("event queue is empty");
    }
    return (int) nodes[1];
  }

  /** Time of the event at heap position {@code i} (0 to size - 1, in no particular order). */
  long timeAt(int i) {
    return nodes[2 * i];
  }

  int slotAt(int i) {
    return (int) nodes[2 * i + 1];
  }

  /** Forgets every event (their sequence numbers stay recorded), for a queue that took them elsewhere. */
  void clear() {
    size = 0;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public String name() {
    return Kind.HEAP4.label();
  }
}
