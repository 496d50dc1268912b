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
 * <p>Events live in a pool of parallel arrays (process, type, payload, generation) indexed by slot,
 * and slots are recycled through a free list: after warm-up, scheduling and running an event
 * allocates nothing. A handle is the slot with its generation, so a stale handle (of an event that
 * already ran, whose slot now holds another) cancels nothing.
 *
 * <p>Cancellation is lazy: the event stays queued, marked, and is dropped when it comes out. That
 * keeps cancel O(1) on either queue; {@link #pending()} counts only live events.
 */
public final class Simulation {

  /** A handle that is never valid, for fields that hold "no event scheduled". */
  public static final long NO_EVENT = -1L;
  private static final int CANCELLED = -1;
  private static final int FREE = -2;

  private final VirtualClock clock;
  private final EventQueue queue;
  private final List<Process> registered = new ArrayList<>();
  private Process[] processes = new Process[0];

  private int[] processOf;
  private int[] typeOf;
  private long[] payloadOf;
  private int[] generationOf;
  private int[] freeSlots;
  private int freeCount;
  private int slotsUsed;

  private long nextSeq;
  private int live;
  private long executed;
  private boolean stopped;

  public Simulation(VirtualClock clock, EventQueue queue) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.queue = Objects.requireNonNull(queue, "queue");
    if (!queue.isEmpty()) {
      throw new IllegalArgumentException("the event queue must start empty, it holds " + queue.size());
    }
    int c = 64;
    processOf = new int[c];
    typeOf = new int[c];
    payloadOf = new long[c];
    generationOf = new int[c];
    freeSlots = new int[c];
  }

  /** A simulation starting at {@code startNanos} (epoch) on the default queue ({@link EventQueue.Kind#HEAP4}). */
  public static Simulation startingAt(long startNanos) {
    return new Simulation(new VirtualClock(startNanos), EventQueue.Kind.HEAP4.create());
  }

  public VirtualClock clock() {
    return clock;
  }

  public long now() {
    return clock.nanos();
  }

  /** Registers a process and returns the id events address it by. */
  public int register(Process process) {
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
    int slot = allocate();
    processOf[slot] = process;
    typeOf[slot] = type;
    payloadOf[slot] = payload;
    queue.add(slot, time, nextSeq++);
    live++;
    return ((long) generationOf[slot] << 32) | slot;
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
    int generation = (int) (handle >>> 32);
    if (slot >= slotsUsed || generationOf[slot] != generation || processOf[slot] < 0) {
      return false;
    }
    processOf[slot] = CANCELLED;
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
    int process = processOf[slot];
    int type = typeOf[slot];
    long payload = payloadOf[slot];
    // Free the slot before running: the handler's own scheduling may reuse it.
    release(slot);
    if (process == CANCELLED) {
      return false;
    }
    live--;
    clock.advanceTo(time);
    executed++;
    processes[process].onEvent(type, payload);
    return true;
  }

  private int allocate() {
    if (freeCount > 0) {
      return freeSlots[--freeCount];
    }
    if (slotsUsed == processOf.length) {
      int n = slotsUsed * 2;
      processOf = Arrays.copyOf(processOf, n);
      typeOf = Arrays.copyOf(typeOf, n);
      payloadOf = Arrays.copyOf(payloadOf, n);
      generationOf = Arrays.copyOf(generationOf, n);
      freeSlots = Arrays.copyOf(freeSlots, n);
    }
    return slotsUsed++;
  }

  private void release(int slot) {
    processOf[slot] = FREE;
    // 31 bits, so that a handle is never negative (negative means no event).
    generationOf[slot] = (generationOf[slot] + 1) & Integer.MAX_VALUE;
    freeSlots[freeCount++] = slot;
  }

  @Override
  public String toString() {
    return "simulation{now=" + clock.nanos() + " ns, pending=" + live + ", executed=" + executed
        + ", queue=" + queue.name() + "}";
  }
}
