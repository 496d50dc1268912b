package dev.headroom.simulator.workload;

import java.util.Arrays;

/**
 * A binary min-heap of arrivals by time in parallel primitive arrays: holds jittered copies until
 * nothing earlier can still come, without boxing an object per arrival.
 */
final class ArrivalHeap {

  private long[] times = new long[64];
  private int[] keys = new int[64];
  private double[] costs = new double[64];
  private int size;

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  long minTime() {
    return times[0];
  }

  int minKey() {
    return keys[0];
  }

  double minCost() {
    return costs[0];
  }

  void push(long time, int key, double cost) {
    if (size == times.length) {
      times = Arrays.copyOf(times, size * 2);
      keys = Arrays.copyOf(keys, size * 2);
      costs = Arrays.copyOf(costs, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (times[parent] <= time) {
        break;
      }
      move(parent, i);
      i = parent;
    }
    times[i] = time;
    keys[i] = key;
    costs[i] = cost;
  }

  /** Removes the earliest arrival; read it with the min accessors first. */
  void pop() {
    size--;
    if (size == 0) {
      return;
    }
    long time = times[size];
    int key = keys[size];
    double cost = costs[size];
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && times[child + 1] < times[child]) {
        child++;
      }
      if (times[child] >= time) {
        break;
      }
      move(child, i);
      i = child;
    }
    times[i] = time;
    keys[i] = key;
    costs[i] = cost;
  }

  private void move(int from, int to) {
    times[to] = times[from];
    keys[to] = keys[from];
    costs[to] = costs[from];
  }
}
