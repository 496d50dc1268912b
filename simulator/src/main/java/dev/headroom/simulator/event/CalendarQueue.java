package dev.headroom.simulator.event;

import java.util.Arrays;

/**
 * Brown's calendar queue (CACM 31(10), 1988): a circular array of day buckets, each a sorted list,
 * where an event due at t goes to bucket (t / width) mod buckets, and the queue pops by walking the
 * days of the current "year". With the width near the typical gap between events, add and pop cost
 * O(1) on average instead of a heap's O(log n).
 *
 * <p>Everything lives in primitive arrays: per slot its time, sequence number and next link; per
 * bucket its head and tail (the tail makes the common in-order or equal-time insertion O(1), so a
 * burst of simultaneous events does not turn a bucket into a quadratic list). The width is a power
 * of two so a bucket index is a shift and a mask, no division.
 *
 * <p>Resizing follows Brown: double the buckets past 2 events a bucket, halve below 1/2, and pick the
 * width as three times the average gap among the earliest events (gaps over twice the average left
 * out). Unlike the original it also recalibrates when the work per operation (empty days walked on
 * pop, list nodes walked on add) drifts above {@link #RECALIBRATE_STEPS}, since a width chosen while
 * the queue was filling can be far off once it is full.
 */
public final class CalendarQueue implements EventQueue {

  static final int MIN_BUCKETS = 16;
  /** Earliest events sampled to choose the width. */
  static final int SAMPLE = 32;
  /** Average steps per operation above which the width is chosen again. */
  static final int RECALIBRATE_STEPS = 6;
  /** Widest day: 2^40 ns (about 18 minutes), so that a year of days never overflows epoch nanos. */
  static final int MAX_SHIFT = 40;
  private static final int NONE = -1;

  private long[] timeOf;
  private long[] seqOf;
  private int[] next;

  private int[] head;
  private int[] tail;
  private int mask;
  private int shift;
  private int size;
  /** The bucket being walked, and the end (exclusive) of its day in the current year. */
  private int cur;
  private long curTop;

  private long steps;
  private long ops;
  private int[] scratch = new int[0];

  public CalendarQueue() {
    timeOf = new long[64];
    seqOf = new long[64];
    next = new int[64];
    shift = 20;
    allocateBuckets(MIN_BUCKETS);
  }

  private void allocateBuckets(int n) {
    head = new int[n];
    tail = new int[n];
    Arrays.fill(head, NONE);
    Arrays.fill(tail, NONE);
    mask = n - 1;
  }

  private int bucketOf(long time) {
    return (int) ((time >> shift) & mask);
  }

  private long dayEnd(long time) {
    return ((time >> shift) + 1) << shift;
  }

  private boolean before(int a, int b) {
    long ta = timeOf[a];
    long tb = timeOf[b];
    return ta < tb || (ta == tb && seqOf[a] < seqOf[b]);
  }

  @Override
  public void add(int slot, long time, long seq) {
    if (slot < 0) {
      throw new IllegalArgumentException("event slot must be non-negative, got " + slot);
    }
    if (slot >= timeOf.length) {
      int n = Math.max(slot + 1, timeOf.length * 2);
      timeOf = Arrays.copyOf(timeOf, n);
      seqOf = Arrays.copyOf(seqOf, n);
      next = Arrays.copyOf(next, n);
    }
    timeOf[slot] = time;
    seqOf[slot] = seq;
    // Keep the invariant that no event is earlier than the current day's start.
    if (size == 0 || time < curTop - (1L << shift)) {
      cur = bucketOf(time);
      curTop = dayEnd(time);
    }
    link(bucketOf(time), slot);
    size++;
    if (size > 2 * (mask + 1)) {
      resize((mask + 1) * 2);
    } else {
      countOp();
    }
  }

  /** Inserts {@code slot} into bucket {@code b}'s list, sorted by (time, seq). */
  private void link(int b, int slot) {
    int t = tail[b];
    if (t == NONE) {
      head[b] = slot;
      tail[b] = slot;
      next[slot] = NONE;
      return;
    }
    if (!before(slot, t)) {
      next[t] = slot;
      next[slot] = NONE;
      tail[b] = slot;
      return;
    }
    int h = head[b];
    if (before(slot, h)) {
      next[slot] = h;
      head[b] = slot;
      return;
    }
    // slot is after head and before tail: the walk ends before the list does.
    int p = h;
    for (; ; ) {
      int q = next[p];
      steps++;
      if (before(slot, q)) {
        next[slot] = q;
        next[p] = slot;
        return;
      }
      p = q;
    }
  }

  /** Moves {@code cur} to the bucket whose head is the earliest event and returns that slot. */
  private int findMin() {
    if (size == 0) {
      throw new IllegalStateException("event queue is empty");
    }
    int n = mask + 1;
    long width = 1L << shift;
    int i = cur;
    long top = curTop;
    for (int walked = 0; walked < n; walked++) {
      int h = head[i];
      if (h != NONE && timeOf[h] < top) {
        steps += walked;
        cur = i;
        curTop = top;
        return h;
      }
      i = (i + 1) & mask;
      top += width;
    }
    steps += n;
    // Nothing due within a year: the next event is far ahead. Search the heads directly.
    int best = NONE;
    for (int b = 0; b < n; b++) {
      int h = head[b];
      if (h != NONE && (best == NONE || before(h, best))) {
        best = h;
      }
    }
    cur = bucketOf(timeOf[best]);
    curTop = dayEnd(timeOf[best]);
    return best;
  }

  @Override
  public long minTime() {
    return timeOf[findMin()];
  }

  @Override
  public int removeMin() {
    int h = unlinkMin();
    if (size < (mask + 1) / 2 && mask + 1 > MIN_BUCKETS) {
      resize((mask + 1) / 2);
    } else {
      countOp();
    }
    return h;
  }

  private int unlinkMin() {
    int h = findMin();
    int nx = next[h];
    head[cur] = nx;
    if (nx == NONE) {
      tail[cur] = NONE;
    }
    size--;
    return h;
  }

  private void countOp() {
    if (++ops >= Math.max(1024, mask + 1)) {
      boolean drifted = steps > RECALIBRATE_STEPS * ops;
      ops = 0;
      steps = 0;
      if (drifted && size >= 2) {
        resize(mask + 1);
      }
    }
  }

  /** Rebuilds with {@code buckets} buckets and a width chosen from the earliest events. */
  private void resize(int buckets) {
    ops = 0;
    steps = 0;
    if (size >= 2) {
      shift = chooseShift();
    }
    if (scratch.length < size) {
      scratch = new int[Math.max(size, scratch.length * 2)];
    }
    int n = 0;
    for (int b = 0; b <= mask; b++) {
      for (int s = head[b]; s != NONE; s = next[s]) {
        scratch[n++] = s;
      }
    }
    allocateBuckets(buckets);
    long earliest = Long.MAX_VALUE;
    for (int k = 0; k < n; k++) {
      int s = scratch[k];
      earliest = Math.min(earliest, timeOf[s]);
      link(bucketOf(timeOf[s]), s);
    }
    if (n > 0) {
      cur = bucketOf(earliest);
      curTop = dayEnd(earliest);
    }
  }

  /** Three times the average gap among the earliest events, rounded up to a power of two. */
  private int chooseShift() {
    int k = Math.min(size, SAMPLE);
    int[] taken = new int[k];
    for (int j = 0; j < k; j++) {
      taken[j] = unlinkMin();
    }
    double avg = (double) (timeOf[taken[k - 1]] - timeOf[taken[0]]) / (k - 1);
    double sum = 0;
    int counted = 0;
    for (int j = 1; j < k; j++) {
      long gap = timeOf[taken[j]] - timeOf[taken[j - 1]];
      if (gap <= 2 * avg) {
        sum += gap;
        counted++;
      }
    }
    for (int j = 0; j < k; j++) {
      int s = taken[j];
      link(bucketOf(timeOf[s]), s);
      size++;
    }
    double width = counted == 0 ? 1 : 3 * sum / counted;
    long w = Math.max(1L, (long) Math.ceil(width));
    int s = 64 - Long.numberOfLeadingZeros(w - 1);
    return Math.min(s, MAX_SHIFT);
  }

  @Override
  public int size() {
    return size;
  }

  /** Buckets in use now, for tests of the resizing rule. */
  int buckets() {
    return mask + 1;
  }

  /** Width of a day in nanoseconds, for tests of the width rule. */
  long width() {
    return 1L << shift;
  }

  @Override
  public String name() {
    return Kind.CALENDAR.label();
  }
}
