package dev.headroom.simulator.event;

import java.util.Arrays;

/**
 * Unsorted lists of (time, slot) entries for the {@link LadderQueue}, stored in fixed-size chunks of
 * one shared array and linked chunk to chunk.
 *
 * <p>Why chunks: a list only ever grows at its tail and is drained whole, so appending writes to the
 * one cache line at the tail and draining reads {@link #SIZE} entries from contiguous memory per
 * link followed. Why one shared pool: thousands of buckets fill and empty in turn, and a growable
 * array per bucket would keep every bucket's largest size forever (memory proportional to buckets
 * times their peak, not to the events held). Freed chunks are reused last-in first-out, so the next
 * list to grow gets a chunk that is still in cache.
 *
 * <p>A list is three ints in the caller's array: head chunk, tail chunk, entry count. A list with a
 * count of zero owns no chunk, whatever its head and tail say.
 */
final class EntryChunks {

  static final int SHIFT = 4;
  /** Entries per chunk: 16 entries of 16 bytes, four cache lines. */
  static final int SIZE = 1 << SHIFT;
  private static final int MASK = SIZE - 1;

  /** Entry e (chunk e / SIZE): time at 2e, slot at 2e + 1. */
  private long[] entries = new long[2 * SIZE * 16];
  /** Per chunk: the next chunk of its list (meaningless for a list's tail). */
  private int[] next = new int[16];
  private int[] free = new int[16];
  private int freeCount;
  /** Chunks handed out at least once; those at or above it have never been used. */
  private int used;

  /** Appends to the list whose head, tail and count sit at {@code list[at..at + 2]}. */
  void append(int[] list, int at, long time, int slot) {
    int count = list[at + 2];
    int chunk;
    if ((count & MASK) == 0) {
      chunk = allocate();
      if (count == 0) {
        list[at] = chunk;
      } else {
        next[list[at + 1]] = chunk;
      }
      list[at + 1] = chunk;
    } else {
      chunk = list[at + 1];
    }
    int e = 2 * ((chunk << SHIFT) | (count & MASK));
    entries[e] = time;
    entries[e + 1] = slot;
    list[at + 2] = count + 1;
  }

  /** Time of entry {@code e}, where chunk c holds entries c * SIZE up to c * SIZE + SIZE. */
  long time(int e) {
    return entries[2 * e];
  }

  int slot(int e) {
    return (int) entries[2 * e + 1];
  }

  int next(int chunk) {
    return next[chunk];
  }

  /** Returns a chunk whose entries have all been read; its list must not be used again. */
  void release(int chunk) {
    free[freeCount++] = chunk;
  }

  /** Chunks currently out in lists: for tests that check nothing leaks. */
  int chunksInUse() {
    return used - freeCount;
  }

  private int allocate() {
    if (freeCount > 0) {
      return free[--freeCount];
    }
    if (used == next.length) {
      int chunks = next.length * 2;
      if ((long) chunks * SIZE * 2 > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("ladder queue: more than " + (long) used * SIZE + " events pending");
      }
      entries = Arrays.copyOf(entries, chunks * SIZE * 2);
      next = Arrays.copyOf(next, chunks);
      free = Arrays.copyOf(free, chunks);
    }
    return used++;
  }
}
