package dev.headroom.simulator.workload;

import java.util.List;

/**
 * Several workloads merged in time order as tenants: every arrival of part {@code i} becomes key
 * {@code i}. Ties go to the lower part, so the merge is deterministic. Parts wait in a small heap
 * keyed by their next arrival.
 */
final class Mixed implements Workload {

  private final List<String> names;
  private final List<Workload> parts;

  Mixed(List<String> names, List<Workload> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("a mix needs at least one workload");
    }
    if (names.size() != parts.size()) {
      throw new IllegalArgumentException(names.size() + " names for " + parts.size() + " parts");
    }
    this.names = List.copyOf(names);
    this.parts = List.copyOf(parts);
  }

  @Override
  public ArrivalSource open(long seed) {
    ArrivalSource[] sources = new ArrivalSource[parts.size()];
    for (int i = 0; i < sources.length; i++) {
      sources[i] = parts.get(i).open(Rng.derive(seed, i));
    }
    return new Source(sources);
  }

  @Override
  public List<String> keys() {
    return names;
  }

  @Override
  public long startNanos() {
    long min = Long.MAX_VALUE;
    for (Workload w : parts) {
      min = Math.min(min, w.startNanos());
    }
    return min;
  }

  @Override
  public long endNanos() {
    long max = Long.MIN_VALUE;
    for (Workload w : parts) {
      max = Math.max(max, w.endNanos());
    }
    return max;
  }

  private static final class Source implements ArrivalSource {
    private final ArrivalSource[] sources;
    /** Next arrival of each part. */
    private final long[] heads;
    /** Heap of part indices by (head time, index); parts whose stream ended are dropped. */
    private final int[] heap;
    private int size;
    private int current = -1;
    private double cost;

    Source(ArrivalSource[] sources) {
      this.sources = sources;
      this.heads = new long[sources.length];
      this.heap = new int[sources.length];
    }

    private boolean before(int a, int b) {
      return heads[a] < heads[b] || (heads[a] == heads[b] && a < b);
    }

    @Override
    public long next() {
      if (current == -1) {
        for (int i = 0; i < sources.length; i++) {
          heads[i] = sources[i].next();
          if (heads[i] != END) {
            heap[size++] = i;
            up(size - 1);
          }
        }
      } else if (current >= 0) {
        // The part that supplied the last arrival moves on; the rest keep their heads.
        heads[current] = sources[current].next();
        if (heads[current] == END) {
          heap[0] = heap[--size];
        }
        down(0);
      }
      if (size == 0) {
        current = -2;
        return END;
      }
      current = heap[0];
      cost = sources[current].cost();
      return heads[current];
    }

    private void up(int i) {
      int p = heap[i];
      while (i > 0 && before(p, heap[(i - 1) >>> 1])) {
        heap[i] = heap[(i - 1) >>> 1];
        i = (i - 1) >>> 1;
      }
      heap[i] = p;
    }

    private void down(int i) {
      if (size == 0) {
        return;
      }
      int p = heap[i];
      while (true) {
        int c = 2 * i + 1;
        if (c >= size) {
          break;
        }
        if (c + 1 < size && before(heap[c + 1], heap[c])) {
          c++;
        }
        if (!before(heap[c], p)) {
          break;
        }
        heap[i] = heap[c];
        i = c;
      }
      heap[i] = p;
    }

    @Override
    public int key() {
      return current;
    }

    @Override
    public double cost() {
      return cost;
    }
  }
}
