package dev.headroom.simulator.event;

/**
 * A ladder queue (Tang, Goh and Thng, ACM TOMACS 15(3), 2005): events are sorted lazily, only when
 * they come close to being due, so most are handled a few times in sequential memory instead of
 * at random addresses in a heap or in a calendar's sorted lists.
 *
 * <ul>
 *   <li><b>Top</b>: an unsorted list of the events at or after {@code topStart}; adding is an append.
 *   <li><b>Rungs</b>: rung 0 spreads the top over up to {@link #MAX_BUCKETS} unsorted buckets; when
 *       the bucket due next holds more than {@link #SPLIT} events, a finer rung is built over it, and
 *       so on, so that only a handful of events reach the bottom together.
 *   <li><b>Bottom</b>: the events due before the lowest rung's next bucket ({@link LadderBottom}),
 *       sorted; it breaks ties by sequence number.
 * </ul>
 *
 * <p>An event is appended to a bucket (or the top) when added, moved down a rung or so, then sorted
 * into the bottom with a few dozen others: O(1) amortized, and each move reads and writes contiguous
 * chunks ({@link EntryChunks}). Events due before the lowest rung's next bucket, including ones
 * earlier than the last popped time, go straight to the bottom, so the order is exact with no
 * assumption on the times. Departures from the paper: at most {@link #MAX_BUCKETS} buckets a rung,
 * so that their tails stay in cache; power-of-two widths; a rung spans the earliest to the latest
 * time it is built with, not its parent bucket's bounds, so a tight cluster is split in one rung;
 * a late arrival at the bottom is appended to its sorted run when it sorts last (crowds of equal
 * times) and put in a heap otherwise, never inserted into a sorted list; and up to
 * {@link #HEAP_ONLY} events the whole queue is the bottom, which is fastest so small.
 *
 * <p>On the hold benchmark (table in {@link EventQueue}) it is on par with the calendar queue up to a
 * few thousand pending events, and 1.5x it at 1e5 and 2.3x at 1e6, where the calendar's sorted
 * lists miss the cache on every step.
 *
 * <p>FIFO for equal times holds because events with equal times always take the same path: every
 * routing decision depends on the time only, and the bottom breaks ties by sequence number.
 */
public final class LadderQueue implements EventQueue {

  /** Buckets per rung at most: their tails (a line each) stay in cache while events are added. */
  static final int MAX_BUCKETS = 4096;
  /** A bucket with more events than this gets a rung of its own instead of going to the bottom. */
  static final int SPLIT = 32;
  /**
   * Events per bucket aimed at when choosing a rung's width: one for rung 0, where the top's span
   * (dominated by its latest events) leaves the early buckets fuller than average; four below.
   */
  static final int PER_BUCKET_TOP = 1;
  static final int PER_BUCKET = 4;
  /** Finer rungs at most: each splits the width by up to 4096, so 6 reach one nanosecond. */
  static final int MAX_RUNGS = 8;
  /** Events the bottom may hold on its own before the ladder is built over them (measured). */
  static final int HEAP_ONLY = 16;

  private final EntryChunks store = new EntryChunks();
  private final LadderBottom bottom = new LadderBottom();
  private final Rung[] rungs = new Rung[MAX_RUNGS];
  private int rungCount;

  /** The top list (head, tail, count), its time range, and the time from which events go to it. */
  private final int[] top = new int[3];
  private long topMin = Long.MAX_VALUE;
  private long topMax = Long.MIN_VALUE;
  private long topStart = Long.MIN_VALUE;
  /**
   * True while every event is in the bottom: a queue of a dozen events is fastest as a plain heap,
   * with no list to pass through. It starts so, and returns to it whenever the top it spills is
   * that small.
   */
  private boolean heapOnly = true;

  private int size;

  public LadderQueue() {
    for (int k = 0; k < MAX_RUNGS; k++) {
      rungs[k] = new Rung(store);
    }
  }

  @Override
  public void add(int slot, long time, long seq) {
    if (slot < 0) {
      throw new IllegalArgumentException("event slot must be non-negative, got " + slot);
    }
    bottom.recordSeq(slot, seq);
    size++;
    if (heapOnly) {
      bottom.add(slot, time);
      if (size > HEAP_ONLY) {
        heapToTop();
      }
      return;
    }
    if (time >= topStart) {
      store.append(top, 0, time, slot);
      topMin = Math.min(topMin, time);
      topMax = Math.max(topMax, time);
      return;
    }
    // Coarsest rung first: it is where most events land.
    for (int k = 0; k < rungCount; k++) {
      Rung r = rungs[k];
      if (time >= r.curStart()) {
        r.add(time, slot);
        return;
      }
    }
    bottom.add(slot, time);
  }

  @Override
  public long minTime() {
    if (bottom.isEmpty()) {
      refill();
    }
    return bottom.minTime();
  }

  @Override
  public int minSlot() {
    if (bottom.isEmpty()) {
      refill();
    }
    return bottom.minSlot();
  }

  @Override
  public int removeMin() {
    if (bottom.isEmpty()) {
      refill();
    }
    int slot = bottom.removeMin();
    size--;
    return slot;
  }

  /** Moves the events due next into the empty bottom, building finer rungs on the way if needed. */
  private void refill() {
    if (size == 0) {
      throw new IllegalStateException("event queue is empty");
    }
    while (bottom.isEmpty()) {
      if (rungCount == 0) {
        spillTop();
        continue;
      }
      Rung r = rungs[rungCount - 1];
      int b = r.nextBucket();
      if (b < 0) {
        rungCount--;
        continue;
      }
      int head = r.head(b);
      int count = r.count(b);
      r.consume(b);
      long end = r.curStart();
      if (r.usedUp()) {
        // A finer rung over the last bucket takes this one's place instead of stacking under it:
        // with a far outlier, the last bucket keeps collecting the near events, and stacked rungs
        // would reach MAX_RUNGS within a few spans and leave everything to the bottom's heap.
        rungCount--;
      }
      if (count <= SPLIT || rungCount == MAX_RUNGS || !spread(head, count, end)) {
        bottom.fill(store, head, count);
      }
    }
  }

  /** Empties the top into a new rung 0, or into the bottom when it holds only a few events. */
  private void spillTop() {
    int head = top[0];
    int count = top[2];
    long min = topMin;
    long max = topMax;
    top[2] = 0;
    topMin = Long.MAX_VALUE;
    topMax = Long.MIN_VALUE;
    // From here on the top takes only what comes after every event it held.
    topStart = max == Long.MAX_VALUE ? max : max + 1;
    if (count <= HEAP_ONLY || min == max) {
      bottom.fill(store, head, count);
      // Not for a crowd of equal times: the next add would move them back to the top. The mode is
      // left above HEAP_ONLY events and entered again only here, at most once a rung 0, so the
      // switches cost O(1) a pop.
      heapOnly = count <= HEAP_ONLY;
    } else {
      build(head, count, min, max, topStart, PER_BUCKET_TOP);
    }
  }

  /** Leaves heap-only mode: moves every event to the top, which the next pop spreads over a rung. */
  private void heapToTop() {
    for (int i = 0, n = bottom.size(); i < n; i++) {
      long t = bottom.timeAt(i);
      store.append(top, 0, t, bottom.slotAt(i));
      topMin = Math.min(topMin, t);
      topMax = Math.max(topMax, t);
    }
    bottom.clear();
    topStart = Long.MIN_VALUE;
    heapOnly = false;
  }

  /**
   * Builds a finer rung from the list (head, count) that covers times up to {@code end}; returns
   * false, moving nothing, when all its events are due at the same time and no rung could split them.
   */
  private boolean spread(int head, int count, long end) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int c = head, left = count; left > 0; c = store.next(c), left -= EntryChunks.SIZE) {
      int e0 = c << EntryChunks.SHIFT;
      for (int e = e0, e1 = e0 + Math.min(left, EntryChunks.SIZE); e < e1; e++) {
        long t = store.time(e);
        min = Math.min(min, t);
        max = Math.max(max, t);
      }
    }
    if (min == max) {
      return false;
    }
    build(head, count, min, max, end, PER_BUCKET);
    return true;
  }

  /**
   * Pushes a rung of power-of-two width over [min, end) with about count / per buckets between min
   * and max (the last one takes the rest up to end), and moves the list into it.
   */
  private void build(int head, int count, long min, long max, long end, int per) {
    int wanted = Math.clamp(Integer.highestOneBit(Math.max(1, count / per)) * 2, 2, MAX_BUCKETS);
    int bits = Integer.numberOfTrailingZeros(wanted);
    long span = max - min; // unsigned: may exceed Long.MAX_VALUE
    int shift = Math.max(0, 64 - Long.numberOfLeadingZeros(span) - bits);
    int buckets = (int) (span >>> shift) + 1;
    Rung r = rungs[rungCount++];
    r.reset(min, shift, buckets, end);
    for (int c = head, left = count; left > 0; left -= EntryChunks.SIZE) {
      int e0 = c << EntryChunks.SHIFT;
      for (int e = e0, e1 = e0 + Math.min(left, EntryChunks.SIZE); e < e1; e++) {
        r.add(store.time(e), store.slot(e));
      }
      int next = store.next(c);
      store.release(c);
      c = next;
    }
  }

  @Override
  public int size() {
    return size;
  }

  /** Rungs in use now, for tests. */
  int rungs() {
    return rungCount;
  }

  /** Chunks holding entries now (top and rungs), for tests that check nothing leaks. */
  int chunksInUse() {
    return store.chunksInUse();
  }

  @Override
  public String name() {
    return Kind.LADDER.label();
  }
}
