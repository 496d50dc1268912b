package dev.headroom.simulator.event;

/**
 * A ladder queue (Tang, Goh and Thng, ACM TOMACS 15(3), 2005): events are sorted lazily, only when
 * they come close to being due, so most of them are handled a few times in sequential memory
 * instead of walking a heap or a sorted bucket list at random addresses.
 *
 * <ul>
 *   <li><b>Top</b>: an unsorted list of the events at or after {@code topStart}; adding is an append.
 *   <li><b>Rungs</b>: rung 0 spreads the top over up to {@link #MAX_BUCKETS} unsorted buckets; when
 *       the bucket due next holds more than {@link #SPLIT} events, a finer rung is built over it, and
 *       so on, so that only a handful of events reach the bottom together.
 *   <li><b>Bottom</b>: a {@link QuaternaryHeap} of the events due before the lowest rung's next
 *       bucket. It stays small, in L1, and orders ties by sequence number.
 * </ul>
 *
 * <p>An event is appended to the top or to a bucket when added, moved down a rung or two, and then
 * into the bottom: O(1) amortized, and every move reads and writes contiguous chunks
 * ({@link EntryChunks}). Events due earlier than the lowest rung's next bucket (including ones
 * earlier than the last popped time) go straight to the bottom, which keeps the order exact with no
 * assumption on the times. Differences from the paper: buckets are capped at {@link #MAX_BUCKETS}
 * per rung, so their tails stay in cache; widths are powers of two; a rung's span comes from the
 * earliest and latest time it is built with, not from its parent bucket's bounds; and the bottom is
 * a heap, not a sorted list, so a bucket that cannot be split (equal times, or the last rung) costs
 * O(log n) per event rather than a quadratic insertion.
 *
 * <p>FIFO for equal times holds because events with equal times always take the same path: every
 * routing decision depends on the time only, and the bottom breaks ties by sequence number.
 */
public final class LadderQueue implements EventQueue {

  /** Buckets per rung at most: their tails (a line each) stay in cache while events are added. */
  static final int MAX_BUCKETS = 4096;
  /** A bucket with more events than this gets a rung of its own instead of going to the bottom. */
  static final int SPLIT = 32;
  /** Events per bucket aimed at when choosing a rung's width. */
  static final int PER_BUCKET = 4;
  /** Finer rungs at most: each splits the width by up to 4096, so 6 reach one nanosecond. */
  static final int MAX_RUNGS = 8;

  private final EntryChunks store = new EntryChunks();
  private final QuaternaryHeap bottom = new QuaternaryHeap();
  private final Rung[] rungs = new Rung[MAX_RUNGS];
  private int rungCount;

  /** The top list (head, tail, count), its time range, and the time from which events go to it. */
  private final int[] top = new int[3];
  private long topMin = Long.MAX_VALUE;
  private long topMax = Long.MIN_VALUE;
  private long topStart = Long.MIN_VALUE;

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
    bottom.insert(slot, time);
  }

  @Override
  public long minTime() {
    if (bottom.isEmpty()) {
      refill();
    }
    return bottom.minTime();
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
      if (count <= SPLIT || rungCount == MAX_RUNGS || !spread(head, count, r.curStart())) {
        toBottom(head, count);
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
    if (count <= SPLIT || min == max) {
      toBottom(head, count);
    } else {
      build(head, count, min, max, topStart);
    }
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
    build(head, count, min, max, end);
    return true;
  }

  /**
   * Pushes a rung of power-of-two width over [min, end) with about count / PER_BUCKET buckets
   * between min and max, and moves the list into it.
   */
  private void build(int head, int count, long min, long max, long end) {
    int wanted = Math.clamp(Integer.highestOneBit(Math.max(1, count / PER_BUCKET)) * 2, 2, MAX_BUCKETS);
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

  private void toBottom(int head, int count) {
    for (int c = head, left = count; left > 0; left -= EntryChunks.SIZE) {
      int e0 = c << EntryChunks.SHIFT;
      for (int e = e0, e1 = e0 + Math.min(left, EntryChunks.SIZE); e < e1; e++) {
        bottom.insert(store.slot(e), store.time(e));
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
