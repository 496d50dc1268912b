package dev.headroom.simulator.event;

import java.util.Arrays;

/**
 * An implicit 4-ary min-heap on parallel primitive arrays (times, slots), with the tie-breaking
 * sequence numbers kept per slot.
 *
 * <p>Why 4-ary: half the depth of a binary heap, and the four children of a node sit next to each
 * other (32 bytes of times), so a level costs about one cache line instead of one miss per level.
 * Why sequence numbers out of line: with nanosecond times ties are rare, so the comparison almost
 * always ends at the time and the heap arrays stay 12 bytes a node.
 */
public final class QuaternaryHeap implements EventQueue {

  private long[] times;
  private int[] slots;
  /** Indexed by slot, not by heap position: read only when two times are equal. */
  private long[] seqOf;
  private int size;

  public QuaternaryHeap() {
    this(64);
  }

  public QuaternaryHeap(int initialCapacity) {
    int c = Math.max(4, initialCapacity);
    times = new long[c];
    slots = new int[c];
    seqOf = new long[c];
  }

  @Override
  public void add(int slot, long time, long seq) {
    if (slot < 0) {
      throw new IllegalArgumentException("event slot must be non-negative, got " + slot);
    }
    if (slot >= seqOf.length) {
      seqOf = Arrays.copyOf(seqOf, Math.max(slot + 1, seqOf.length * 2));
    }
    if (size == times.length) {
      times = Arrays.copyOf(times, size * 2);
      slots = Arrays.copyOf(slots, size * 2);
    }
    seqOf[slot] = seq;
    int i = size++;
    // Sift the hole up rather than swapping: one write per level.
    while (i > 0) {
      int parent = (i - 1) >>> 2;
      long pt = times[parent];
      if (pt < time || (pt == time && seqOf[slots[parent]] < seq)) {
        break;
      }
      times[i] = pt;
      slots[i] = slots[parent];
      i = parent;
    }
    times[i] = time;
    slots[i] = slot;
  }

  @Override
  public long minTime() {
    if (size == 0) {
      throw new IllegalStateException("event queue is empty");
    }
    return times[0];
  }

  @Override
  public int removeMin() {
    if (size == 0) {
      throw new IllegalStateException("event queue is empty");
    }
    int result = slots[0];
    int n = --size;
    if (n > 0) {
      siftDown(times[n], slots[n], n);
    }
    return result;
  }

  private void siftDown(long time, int slot, int n) {
    long[] t = times;
    int[] s = slots;
    long seq = seqOf[slot];
    int i = 0;
    for (; ; ) {
      int first = (i << 2) + 1;
      if (first >= n) {
        break;
      }
      int end = Math.min(first + 4, n);
      int best = first;
      long bestTime = t[first];
      for (int c = first + 1; c < end; c++) {
        long ct = t[c];
        if (ct < bestTime || (ct == bestTime && seqOf[s[c]] < seqOf[s[best]])) {
          best = c;
          bestTime = ct;
        }
      }
      if (bestTime > time || (bestTime == time && seqOf[s[best]] > seq)) {
        break;
      }
      t[i] = bestTime;
      s[i] = s[best];
      i = best;
    }
    t[i] = time;
    s[i] = slot;
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
