package dev.headroom.simulator.scenario;

/**
 * Calls waiting for the pacer in the quota scenario, oldest first: a ring buffer of attempt numbers
 * and arrival times that grows by doubling, so waiting allocates nothing once warm.
 */
final class WaitQueue {

  private int[] attempts = new int[64];
  private long[] arrivedAt = new long[64];
  private int head;
  private int size;

  void add(int attempt, long nowNanos) {
    if (size == attempts.length) {
      grow();
    }
    int tail = (head + size) & (attempts.length - 1);
    attempts[tail] = attempt;
    arrivedAt[tail] = nowNanos;
    size++;
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  long headArrivedAt() {
    return arrivedAt[head];
  }

  int headAttempt() {
    return attempts[head];
  }

  void remove() {
    head = (head + 1) & (attempts.length - 1);
    size--;
  }

  private void grow() {
    int n = attempts.length * 2;
    int[] a = new int[n];
    long[] t = new long[n];
    for (int i = 0; i < size; i++) {
      int from = (head + i) & (attempts.length - 1);
      a[i] = attempts[from];
      t[i] = arrivedAt[from];
    }
    attempts = a;
    arrivedAt = t;
    head = 0;
  }
}
