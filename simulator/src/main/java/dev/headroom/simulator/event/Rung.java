package dev.headroom.simulator.event;

/**
 * One rung of a {@link LadderQueue}: unsorted buckets of equal power-of-two width (so a bucket index
 * is a subtraction and a shift) over the times [start, end), consumed in order from bucket 0.
 *
 * <p>The last bucket also takes everything up to {@code end}: a rung is sized from the times it was
 * built with, but must accept any later event up to the end of the span it took over. Events before
 * {@link #curStart()} belong to a finer rung or to the bottom, never here.
 */
final class Rung {

  private final EntryChunks store;
  /** Per bucket: head chunk, tail chunk, count, and one int of padding (16 bytes, 4 to a line). */
  private int[] lists = new int[0];
  private long start;
  private int shift;
  private int buckets;
  /** The first bucket not yet consumed, and the time it begins at (end once all are). */
  private int cur;
  private long curStart;
  private long end;

  Rung(EntryChunks store) {
    this.store = store;
  }

  /** Starts over as {@code buckets} empty buckets of width 2^shift from {@code start}, up to {@code end}. */
  void reset(long start, int shift, int buckets, long end) {
    if (lists.length < 4 * buckets) {
      lists = new int[4 * buckets];
    }
    this.start = start;
    this.shift = shift;
    this.buckets = buckets;
    this.end = end;
    this.cur = 0;
    this.curStart = start;
  }

  long curStart() {
    return curStart;
  }

  /** Adds an event due in [curStart, end). Unsigned shift: the span may exceed Long.MAX_VALUE. */
  void add(long time, int slot) {
    long b = Math.min((time - start) >>> shift, buckets - 1);
    store.append(lists, 4 * (int) b, time, slot);
  }

  /** The first non-empty bucket not yet consumed, or -1 when the rung is used up. */
  int nextBucket() {
    int[] l = lists;
    for (int b = cur; b < buckets; b++) {
      if (l[4 * b + 2] != 0) {
        return b;
      }
    }
    cur = buckets;
    curStart = end;
    return -1;
  }

  /** Whether every bucket has been consumed: the rung takes no more events. */
  boolean usedUp() {
    return cur == buckets;
  }

  int head(int bucket) {
    return lists[4 * bucket];
  }

  int count(int bucket) {
    return lists[4 * bucket + 2];
  }

  /**
   * Marks every bucket up to {@code bucket} consumed (its entries now belong to the caller), so
   * that later events due before the next bucket route past this rung.
   */
  void consume(int bucket) {
    lists[4 * bucket + 2] = 0;
    cur = bucket + 1;
    curStart = cur == buckets ? end : start + ((long) cur << shift);
  }
}
