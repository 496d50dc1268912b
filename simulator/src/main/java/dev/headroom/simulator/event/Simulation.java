package dev.headroom.simulator.event;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The discrete-event loop: a {@link VirtualClock}, an {@link EventQueue} and the registered
 * {@link Process}es. Single-threaded and deterministic: events due at the same nanosecond run in
 * the order they were scheduled, so a run depends only on its inputs and seeds.
 *
 * <p>Events live in a pool indexed by slot (payload, process, type, generation: 16 bytes), and slots are recycled through a free list: after warm-up, scheduling and running an event
 * allocates nothing. A handle is the slot with its generation, so a stale handle (of an event that
 * already ran, whose slot now holds another) cancels nothing.
 *
 * <p>Cancellation is lazy: the event stays queued, marked, and is dropped when it comes out. That
 * keeps cancel O(1) on either queue; {@link #pending()} counts only live events.
 */
public final class Simulation {

  /** A handle that is never valid, for fields that hold "no event scheduled". */
  public static final long NO_EVENT = -1L;
  /** Event types fit in 8 bits and process ids in 23, so that both pack into one positive int. */
  public static final int MAX_TYPE = 255;
  public static final int MAX_PROCESSES = 1 << 23;
  private static final int CANCELLED = -1;
  private static final int FREE = -2;
  /** Pending events above which {@link #fireNext} reads the next event ahead (below, the pool stays in cache). */
  static final int READ_AHEAD_ABOVE = 1 << 14;

  private final VirtualClock clock;
  private final EventQueue queue;
  private final List<Process> registered = new ArrayList<>();
  private Process[] processes = new Process[0];

  /**
   * The event pool, two longs a slot so that one cache line holds an event: the payload, then
   * generation (high 32 bits) and target (low 32: process << 8 | type, or a marker below zero).
   */
  private long[] pool;
  private int[] freeSlots;
  private int freeCount;
  private int slotsUsed;

  private long nextSeq;
  /** Sink for the read-ahead in {@link #fireNext}, so that the JIT cannot drop the load. */
  private long warmed;
  private int live;
  private long executed;
  private boolean stopped;

  public Simulation(VirtualClock clock, EventQueue queue) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.queue = Objects.requireNonNull(queue, "queue");
    if (!queue.isEmpty()) {
      throw new IllegalArgumentException("the event queue must start empty, it holds " + queue.size());
    }
    pool = new long[2 * 64];
    freeSlots = new int[64];
  }

  /**
   * The queue a simulation uses unless told otherwise: the ladder queue, chosen by
   * {@code headroom bench simulator} (see {@link EventQueue} for the figures). It leads or ties at
   * every size measured, from one pending event (where it is a plain heap) through 1e3 (on par with
   * the calendar queue) to 1e5 and 1e6 (1.5x and 2x the next best), and keeps crowds of equal times
   * at O(1) an event, so no choice by expected size is needed.
   */
  public static final EventQueue.Kind DEFAULT_QUEUE = EventQueue.Kind.LADDER;

  /** A simulation starting at {@code startNanos} (epoch) on the {@link #DEFAULT_QUEUE}. */
  public static Simulation startingAt(long startNanos) {
    return new Simulation(new VirtualClock(startNanos), DEFAULT_QUEUE.create());
  }

  public VirtualClock clock() {
    return clock;
  }

  public long now() {
    return clock.nanos();
  }

  /** Registers a process and returns the id events address it by. */
  public int register(Process process) {
    if (registered.size() == MAX_PROCESSES) {
      throw new IllegalStateException("at most " + MAX_PROCESSES + " processes in one simulation");
    }
    registered.add(Objects.requireNonNull(process, "process"));
    processes = registered.toArray(new Process[0]);
    return processes.length - 1;
  }

  /** Schedules an event for {@code process} at absolute time {@code time}; returns its handle. */
  public long schedule(long time, int process, int type, long payload) {
    if (time < clock.nanos()) {
      throw new IllegalArgumentException(
          "cannot schedule an event in the past: " + time + " ns < now " + clock.nanos() + " ns");
    }
    if (process < 0 || process >= processes.length) {
      throw new IllegalArgumentException("no process " + process + " (" + processes.length + " registered)");
    }
    if (type < 0 || type > MAX_TYPE) {
      throw new IllegalArgumentException("event type must be in 0.." + MAX_TYPE + ", got " + type);
    }
    int slot = allocate();
    long generation = pool[2 * slot + 1] >>> 32;
    pool[2 * slot] = payload;
    pool[2 * slot + 1] = (generation << 32) | (process << 8 | type);
    queue.add(slot, time, nextSeq++);
    live++;
    return (generation << 32) | slot;
  }

  /** Schedules an event {@code delay} ns from now. */
  public long scheduleIn(long delay, int process, int type, long payload) {
    if (delay < 0) {
      throw new IllegalArgumentException("delay must be non-negative, got " + delay + " ns");
    }
    return schedule(clock.nanos() + delay, process, type, payload);
  }

  /**
   * Cancels a pending event. Returns false when the handle's event already ran or was cancelled
   * (or is {@link #NO_EVENT}), so callers may cancel unconditionally.
   */
  public boolean cancel(long handle) {
    if (handle < 0) {
      return false;
    }
    int slot = (int) handle;
    if (slot >= slotsUsed) {
      return false;
    }
    long meta = pool[2 * slot + 1];
    if ((meta >>> 32) != (handle >>> 32) || (int) meta < 0) {
      return false;
    }
    pool[2 * slot + 1] = (meta & 0xFFFF_FFFF_0000_0000L) | (CANCELLED & 0xFFFF_FFFFL);
    live--;
    return true;
  }

  /** Live (scheduled, not cancelled) events. */
  public int pending() {
    return live;
  }

  /** Events run so far (cancelled ones not counted). */
  public long executed() {
    return executed;
  }

  /** Makes the running {@link #run}/{@link #runUntil} return after the current event. */
  public void stop() {
    stopped = true;
  }

  /**
   * Runs every event due at or before {@code endNanos}, then sets the clock to {@code endNanos}
   * (if it is later). Returns the number of events run.
   */
  public long runUntil(long endNanos) {
    if (endNanos < clock.nanos()) {
      throw new IllegalArgumentException("run until " + endNanos + " ns: before now " + clock.nanos() + " ns");
    }
    stopped = false;
    long before = executed;
    while (!stopped && !queue.isEmpty() && queue.minTime() <= endNanos) {
      fireNext();
    }
    if (!stopped) {
      clock.advanceTo(endNanos);
    }
    return executed - before;
  }

  /** Runs until no event is left (or {@link #stop}); returns the number of events run. */
  public long run() {
    stopped = false;
    long before = executed;
    while (!stopped && !queue.isEmpty()) {
      fireNext();
    }
    return executed - before;
  }

  /** Runs the next live event, if any; returns whether one ran. */
  public boolean step() {
    while (!queue.isEmpty()) {
      if (fireNext()) {
        return true;
      }
    }
    return false;
  }

  /** Pops one event; runs it unless it was cancelled. */
  private boolean fireNext() {
    long time = queue.minTime();
    int slot = queue.removeMin();
    if (live > READ_AHEAD_ABOVE) {
      // Load the next event's pool entry now: with 1e5 events pending it is a cache miss, which then
      // overlaps with this event's handler instead of stalling the next pop (hold model, ladder
      // queue: 12.4 -> 13.5 M events/s at 1e5 pending, 4.1 -> 4.8 at 1e6).
      warmed += pool[2 * queue.minSlot() + 1];
    }
    long payload = pool[2 * slot];
    long meta = pool[2 * slot + 1];
    int target = (int) meta;
    // Free the slot before running, with the next generation: the handler's own scheduling may reuse it.
    // 31 bits of generation, so that a handle is never negative (negative means no event).
    pool[2 * slot + 1] = (((meta >>> 32) + 1) & Integer.MAX_VALUE) << 32 | (FREE & 0xFFFF_FFFFL);
    freeSlots[freeCount++] = slot;
    if (target == CANCELLED) {
      return false;
    }
    live--;
    clock.advanceTo(time);
    executed++;
    processes[target >>> 8].onEvent(target & MAX_TYPE, payload);
    return true;
  }

  private int allocate() {
    if (freeCount > 0) {
      return freeSlots[--freeCount];
    }
    if (slotsUsed == freeSlots.length) {
      int n = slotsUsed * 2;
      pool = Arrays.copyOf(pool, 2 * n);
      freeSlots = Arrays.copyOf(freeSlots, n);
    }
    return slotsUsed++;
  }

  @Override
  public String toString() {
    return "simulation{now=" + clock.nanos() + " ns, pending=" + live + ", executed=" + executed
        + ", queue=" + queue.name() + "}";
  }
}
