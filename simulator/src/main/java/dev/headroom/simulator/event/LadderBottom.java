package dev.headroom.simulator.event;

/**
 * The bottom of a {@link LadderQueue}: the events due next, as a sorted run plus a 4-ary heap.
 *
 * <p>A bucket that comes due is small (a few dozen events), so it is insertion-sorted into the run
 * as it is read, and popping from the run is a step along an array, with none of a heap's
 * unpredictable branches. A larger list reaches the bottom only when the ladder could not split it,
 * which in practice means a crowd of equal times: it arrives in insertion order, so it is copied as
 * the run after checking that it is sorted, and heaped only if it is not. An event added later that
 * sorts after the run's last one is appended to the run (so a crowd keeps growing at O(1) an event);
 * any other goes to the heap, and a pop takes the earlier of the two heads. Equal times are ordered
 * by sequence number throughout; the heap records it per slot.
 */
final class LadderBottom {

  /** Longest list insertion-sorted into the run; a longer one must already be in order. */
  static final int SORT_MAX = 64;

  private final QuaternaryHeap heap = new QuaternaryHeap();
  /** Entry i: time at 2i, slot at 2i + 1, sorted; those before {@code pos} are popped. */
  private long[] run = new long[2 * SORT_MAX];
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
    if (pos == end) {
      pos = 0;
      end = 0;
      append(time, slot);
    } else if (after(time, slot, end - 1)) {
      append(time, slot);
    } else {
      heap.insert(slot, time);
    }
  }

  /** Moves the list (head, count) of {@code store} here, releasing its chunks; the bottom must be empty. */
  void fill(EntryChunks store, int head, int count) {
    pos = 0;
    end = 0;
    if (run.length < 2 * count) {
      run = new long[Math.max(2 * count, 2 * run.length)];
    }
    boolean heaping = false;
    for (int c = head, left = count; left > 0; left -= EntryChunks.SIZE) {
      int e0 = c << EntryChunks.SHIFT;
      for (int e = e0, e1 = e0 + Math.min(left, EntryChunks.SIZE); e < e1; e++) {
        long t = store.time(e);
        int slot = store.slot(e);
        if (heaping) {
          heap.insert(slot, t);
        } else if (count <= SORT_MAX) {
          insertSorted(t, slot);
        } else if (end == 0 || after(t, slot, end - 1)) {
          append(t, slot);
        } else {
          // Out of order and too long to insertion-sort: heap what the run holds, and the rest.
          for (int i = 0; i < end; i++) {
            heap.insert((int) run[2 * i + 1], run[2 * i]);
          }
          end = 0;
          heaping = true;
          heap.insert(slot, t);
        }
      }
      int next = store.next(c);
      store.release(c);
      c = next;
    }
  }

  /** Shifts later entries up by one; a short list arrives mostly in insertion order, rarely by time. */
  private void insertSorted(long t, int slot) {
    long[] r = run;
    int i = end++;
    while (i > 0 && !after(t, slot, i - 1)) {
      r[2 * i] = r[2 * i - 2];
      r[2 * i + 1] = r[2 * i - 1];
      i--;
    }
    r[2 * i] = t;
    r[2 * i + 1] = slot;
  }

  /** Whether (t, slot) sorts after run entry i: a later time, or the same and a larger sequence number. */
  private boolean after(long t, int slot, int i) {
    long ti = run[2 * i];
    return t > ti || (t == ti && heap.before((int) run[2 * i + 1], slot));
  }

  private void append(long t, int slot) {
    if (2 * end == run.length) {
      int live = end - pos;
      // Slide the live part to the front when that frees half the array; grow only when it does not.
      long[] to = 2 * live <= end ? run : new long[2 * run.length];
      System.arraycopy(run, 2 * pos, to, 0, 2 * live);
      run = to;
      pos = 0;
      end = live;
    }
    run[2 * end] = t;
    run[2 * end + 1] = slot;
    end++;
  }

  long minTime() {
    if (pos == end) {
      return heap.minTime();
    }
    long t = run[2 * pos];
    return heap.isEmpty() ? t : Math.min(t, heap.minTime());
  }

  int minSlot() {
    return heapFirst() ? heap.minSlot() : (int) run[2 * pos + 1];
  }

  int removeMin() {
    return heapFirst() ? heap.removeMin() : (int) run[2 * pos++ + 1];
  }

  /** Whether the earliest event is the heap's rather than the run's (the bottom must not be empty). */
  private boolean heapFirst() {
    if (pos == end) {
      return true;
    }
    if (heap.isEmpty()) {
      return false;
    }
    long t = run[2 * pos];
    long h = heap.minTime();
    return h < t || (h == t && heap.before(heap.minSlot(), (int) run[2 * pos + 1]));
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
