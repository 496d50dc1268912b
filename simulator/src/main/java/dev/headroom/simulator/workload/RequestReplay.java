package dev.headroom.simulator.workload;

import dev.headroom.forecaster.trace.RequestEvents;
import java.util.List;

/** A per-request trace replayed as it is: its times, its keys (or one key when it has none). */
final class RequestReplay implements Workload {

  private final RequestEvents events;
  private final List<String> keys;

  RequestReplay(RequestEvents events) {
    if (events.size() == 0) {
      throw new IllegalArgumentException("a per-request trace with no requests");
    }
    this.events = events;
    this.keys = events.hasKeys() ? events.keyNames() : List.of("all");
  }

  @Override
  public ArrivalSource open(long seed) {
    boolean keyed = events.hasKeys();
    return new ArrivalSource() {
      private int i = -1;

      @Override
      public long next() {
        if (i + 1 >= events.size()) {
          i = events.size();
          return END;
        }
        i++;
        return events.timeMicros(i) * 1000;
      }

      @Override
      public int key() {
        return keyed ? events.keyId(i) : 0;
      }

      @Override
      public double cost() {
        return 1;
      }
    };
  }

  @Override
  public List<String> keys() {
    return keys;
  }

  @Override
  public long startNanos() {
    return events.timeMicros(0) * 1000;
  }

  @Override
  public long endNanos() {
    return events.timeMicros(events.size() - 1) * 1000 + 1;
  }
}
