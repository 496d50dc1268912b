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
 * <p>Three implementations, compared by benchmark ({@code headroom bench simulator}, hold model,
 * events per second of CPU time on one core through the whole simulation loop, all three in one
 * run on the 2-core development machine; medians of three runs, 2026-12):
 *
 * <pre>
 *   pending   4-ary heap   calendar queue   ladder queue
 *   1e3       11.9 M/s     19.2 M/s         20.0 M/s
 *   1e5        6.0 M/s      8.9 M/s         13.3 M/s
 *   1e6        2.4 M/s      1.8 M/s          4.2 M/s   (all bound by memory latency)
 * </pre>
 *
 * The ladder queue is the default ({@link Simulation#DEFAULT_QUEUE}): it sorts only the few events
 * due next, so on the bare queue a hold step costs about 40 ns from 1e2 to 1e5 pending (what falls
 * in the table is the rest of the loop missing the cache), and below 17 events it is a plain heap
 * (from 1 to 100 pending it is within 10% of the fastest). The calendar queue stays as the classic
 * reference, the heap as the simplest one.
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
