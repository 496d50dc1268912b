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
  private static final int NODE = 4;

  /** Per slot, 32 bytes (half a cache line): time, sequence number, next slot in its bucket, unused. */
  private long[] node;
  /** Per bucket: head and tail slots, side by side. */
  private int[] bucket;
  private int mask;
  private int shift;
  private int size;
  /** The bucket being walked, and the end (exclusive) of its day in the current year. */
  private int cur;
  private long curTop;

  private long steps;
  private long resizes;
  private long ops;
  private int[] scratch = new int[0];

  public CalendarQueue() {
    node = new long[NODE * 64];
    shift = 20;
    allocateBuckets(MIN_BUCKETS);
  }

  private void allocateBuckets(int n) {
    bucket = new int[2 * n];
    Arrays.fill(bucket, NONE);
    mask = n - 1;
  }

  private int bucketOf(long time) {
    return (int) ((time >> shift) & mask);
  }

  private long dayEnd(long time) {
    return ((time >> shift) + 1) << shift;
  }

  private boolean before(int a, int b) {
    long ta = node[NODE * a];
    long tb = node[NODE * b];
    return ta < tb || (ta == tb && node[NODE * a + 1] < node[NODE * b + 1]);
  }

  @Override
  public void add(int slot, long time, long seq) {
    if (slot < 0) {
      throw new IllegalArgumentException("event slot must be non-negative, got " + slot);
    }
    if (NODE * slot >= node.length) {
      node = Arrays.copyOf(node, NODE * Math.max(slot + 1, node.length / NODE * 2));
    }
    node[NODE * slot] = time;
    node[NODE * slot + 1] = seq;
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
    int t = bucket[2 * b + 1];
    if (t == NONE) {
      bucket[2 * b] = slot;
      bucket[2 * b + 1] = slot;
      node[NODE * slot + 2] = NONE;
      return;
    }
    if (!before(slot, t)) {
      node[NODE * t + 2] = slot;
      node[NODE * slot + 2] = NONE;
      bucket[2 * b + 1] = slot;
      return;
    }
    int h = bucket[2 * b];
    if (before(slot, h)) {
      node[NODE * slot + 2] = h;
      bucket[2 * b] = slot;
      return;
    }
    // slot is after head and before tail: the walk ends before the list does.
    int p = h;
    for (; ; ) {
      int q = (int) node[NODE * p + 2];
      steps++;
      if (before(slot, q)) {
        node[NODE * slot + 2] = q;
        node[NODE * p + 2] = slot;
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
      int h = bucket[2 * i];
      if (h != NONE && node[NODE * h] < top) {
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
      int h = bucket[2 * b];
      if (h != NONE && (best == NONE || before(h, best))) {
        best = h;
      }
    }
    cur = bucketOf(node[NODE * best]);
    curTop = dayEnd(node[NODE * best]);
    return best;
  }

  @Override
  public long minTime() {
    return node[NODE * findMin()];
  }

  @Override
  public int minSlot() {
    return findMin();
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
    int nx = (int) node[NODE * h + 2];
    bucket[2 * cur] = nx;
    if (nx == NONE) {
      bucket[2 * cur + 1] = NONE;
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
    resizes++;
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
      for (int s = bucket[2 * b]; s != NONE; s = (int) node[NODE * s + 2]) {
        scratch[n++] = s;
      }
    }
    allocateBuckets(buckets);
    long earliest = Long.MAX_VALUE;
    for (int k = 0; k < n; k++) {
      int s = scratch[k];
      earliest = Math.min(earliest, node[NODE * s]);
      link(bucketOf(node[NODE * s]), s);
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
    double avg = (double) (node[NODE * taken[k - 1]] - node[NODE * taken[0]]) / (k - 1);
    double sum = 0;
    int counted = 0;
    for (int j = 1; j < k; j++) {
      long gap = node[NODE * taken[j]] - node[NODE * taken[j - 1]];
      if (gap <= 2 * avg) {
        sum += gap;
        counted++;
      }
    }
    for (int j = 0; j < k; j++) {
      int s = taken[j];
      link(bucketOf(node[NODE * s]), s);
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

  /** Rebuilds so far (resizes and recalibrations), for tests and tuning. */
  long resizes() {
    return resizes;
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
