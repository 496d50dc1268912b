package dev.headroom.simulator.event;

import java.util.Arrays;
import java.util.List;

/**
 * A priority queue of pending events, ordered by time and then by sequence number, so that events
 * due at the same instant come out in the order they were scheduled (deterministic runs).
 *
 * <p>An event is an int slot chosen by the caller (the {@link Simulation}'s event pool); the queue
 * only orders slots and never allocates per event. Slots must be non-negative and not already queued.
 *
 * <p>Two implementations, chosen by benchmark ({@code headroom bench simulator}, hold model, events
 * per second of CPU time on one core, both in one run on the 2-core development machine):
 *
 * <pre>
 *   pending   4-ary heap   calendar queue
 *   1e3       11.0 M/s     17.1 M/s
 *   1e5        4.7 M/s      7.7 M/s
 *   1e6        2.0 M/s      1.5 M/s   (both bound by memory latency)
 * </pre>
 *
 * The calendar queue is the default ({@link Simulation#DEFAULT_QUEUE}): it leads by about 1.6x up to
 * 1e5 pending events, where simulations of request traffic live; the heap stays for the rare model
 * with a million events pending, and as the simpler reference.
 */
public interface EventQueue {

  /** Queues {@code slot} due at {@code time}; {@code seq} breaks ties (smaller first). */
  void add(int slot, long time, long seq);

  /** The time of the earliest event. @throws IllegalStateException when empty */
  long minTime();

  /** Removes the earliest event and returns its slot. @throws IllegalStateException when empty */
  int removeMin();

  /**
   * The slot of the earliest event, left queued: the {@link Simulation} reads that event's pool
   * entry ahead of time. @throws IllegalStateException when empty
   */
  int minSlot();

  int size();

  default boolean isEmpty() {
    return size() == 0;
  }

  /** Short name for benchmark tables and messages. */
  String name();

  /** The queue implementations, for benchmarks and tests that compare them. */
  enum Kind {
    HEAP4("4-ary heap"),
    CALENDAR("calendar queue"),
    LADDER("ladder queue");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public EventQueue create() {
      return switch (this) {
        case HEAP4 -> new QuaternaryHeap();
        case CALENDAR -> new CalendarQueue();
        case LADDER -> new LadderQueue();
      };
    }

    public static Kind of(String id) {
      for (Kind k : values()) {
        if (k.id().equals(id)) {
          return k;
        }
      }
      List<String> known = Arrays.stream(values()).map(Kind::id).toList();
      throw new IllegalArgumentException("no event queue '" + id + "'; known: " + String.join(", ", known));
    }
  }
}
