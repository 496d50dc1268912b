package dev.headroom.simulator.event;

/**
 * The bottom of a {@link LadderQueue}: the events due next, as a sorted run plus a 4-ary heap.
 *
 * <p>A bucket that comes due is small (a few dozen events at most), so it is insertion-sorted into
 * the run as it is read, and popping from the run is a step along an array, with none of a heap's
 * unpredictable branches. Events added while the run is being consumed, and buckets too large to
 * insertion-sort, go to the heap; a pop takes the earlier of the two heads. Both order equal times
 * by sequence number, which the heap records per slot.
 */
final class LadderBottom {

  /** Largest list insertion-sorted into the run; a larger one (the ladder could not split it) is heaped. */
  static final int RUN_MAX = 64;

  private final QuaternaryHeap heap = new QuaternaryHeap();
  /** Entry i: time at 2i, slot at 2i + 1, sorted; entries before {@code pos} are popped. */
  private long[] run = new long[2 * RUN_MAX];
  private int pos;
  private int end;

  boolean isEmpty() {
    return pos == end && heap.isEmpty();
  }

  int size() {
    return end - pos + heap.size();
  }

  /** Records the tie-breaker of a slot when its event is added anywhere in the ladder. */
  void recordSeq(int slot, long seq) {
    heap.recordSeq(slot, seq);
  }

  void add(int slot, long time) {
    heap.insert(slot, time);
  }

  /** Moves the list (head, count) of {@code store} here, releasing its chunks; the bottom must be empty. */
  void fill(EntryChunks store, int head, int count) {
    if (count > RUN_MAX) {
      for (int c = head, left = count; left > 0; left -= EntryChunks.SIZE) {
        int e0 = c << EntryChunks.SHIFT;
        for (int e = e0, e1 = e0 + Math.min(left, EntryChunks.SIZE); e < e1; e++) {
          heap.insert(store.slot(e), store.time(e));
        }
        int next = store.next(c);
        store.release(c);
        c = next;
      }
      return;
    }
    long[] r = run;
    int n = 0;
    for (int c = head, left = count; left > 0; left -= EntryChunks.SIZE) {
      int e0 = c << EntryChunks.SHIFT;
      for (int e = e0, e1 = e0 + Math.min(left, EntryChunks.SIZE); e < e1; e++) {
        long t = store.time(e);
        int slot = store.slot(e);
        int i = n++;
        // Shift later entries up by one; a list arrives mostly in insertion order, rarely by time.
        while (i > 0 && (r[2 * i - 2] > t || (r[2 * i - 2] == t && heap.before(slot, (int) r[2 * i - 1])))) {
          r[2 * i] = r[2 * i - 2];
          r[2 * i + 1] = r[2 * i - 1];
          i--;
        }
        r[2 * i] = t;
        r[2 * i + 1] = slot;
      }
      int next = store.next(c);
      store.release(c);
      c = next;
    }
    pos = 0;
    end = n;
  }

  long minTime() {
    if (pos == end) {
      return heap.minTime();
    }
    long t = run[2 * pos];
    return heap.isEmpty() ? t : Math.min(t, heap.minTime());
  }

  int removeMin() {
    if (pos == end) {
      return heap.removeMin();
    }
    if (!heap.isEmpty()) {
      long t = run[2 * pos];
      long h = heap.minTime();
      if (h < t || (h == t && heap.before(heap.minSlot(), (int) run[2 * pos + 1]))) {
        return heap.removeMin();
      }
    }
    return (int) run[2 * pos++ + 1];
  }

  /** Time of the i-th event held (0 to size - 1, in no particular order). */
  long timeAt(int i) {
    int inRun = end - pos;
    return i < inRun ? run[2 * (pos + i)] : heap.timeAt(i - inRun);
  }

  int slotAt(int i) {
    int inRun = end - pos;
    return i < inRun ? (int) run[2 * (pos + i) + 1] : heap.slotAt(i - inRun);
  }

  /** Forgets every event, for a queue that has moved them elsewhere. */
  void clear() {
    pos = 0;
    end = 0;
    heap.clear();
  }
}
