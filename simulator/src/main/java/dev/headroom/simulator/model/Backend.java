package dev.headroom.simulator.model;

import dev.headroom.simulator.event.Process;
import dev.headroom.simulator.event.RandomSource;
import dev.headroom.simulator.event.Simulation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The protected service: {@code c} workers fed from one bounded FIFO queue. A request that finds
 * the queue full is rejected at once; one that waits longer than the timeout is dropped before it
 * gets a worker. The number of workers follows a capacity schedule and, optionally, an
 * {@link Autoscaler}; when it shrinks, requests in service finish and the queue waits until a worker
 * is free under the new count.
 *
 * <p>Outcomes go to a {@link BackendListener}; the counters and time integrals (busy, available and
 * queued worker-time) let callers compute utilisation over any interval by differences, and
 * {@link #idleWorkers()} answers "was there idle capacity when this was rejected?".
 *
 * <p>Allocation-free after warm-up: the queue and the in-service table are arrays that grow by
 * doubling, and the timeout needs one pending event at most (the queue is FIFO with one timeout,
 * so its head always expires first).
 */
public final class Backend implements Process {

  private static final int DONE = 0;
  private static final int EXPIRE = 1;
  private static final int CAPACITY = 2;
  private static final int EVALUATE = 3;
  private static final int PROVISIONED = 4;
  /** A queue bound meaning "no bound". */
  public static final int UNBOUNDED = Integer.MAX_VALUE;
  /** A timeout meaning "wait forever". */
  public static final long NO_TIMEOUT = Long.MAX_VALUE;

  private final Simulation sim;
  private final RandomSource random;
  private final ServiceTime serviceTime;
  private final int queueLimit;
  private final long timeoutNanos;
  private final Autoscaler autoscaler;
  private final BackendListener listener;
  private final int id;

  private int workers;
  private int busy;
  private int provisioning;
  private int floor;

  // The queue: a ring buffer of request ids and arrival times, power-of-two sized.
  private long[] queuedIds = new long[64];
  private long[] queuedAt = new long[64];
  private int head;
  private int queued;
  private long expiryEvent = Simulation.NO_EVENT;

  // Requests in service, by slot (the completion event's payload), with a free list.
  private long[] serviceIds = new long[16];
  private long[] serviceArrivedAt = new long[16];
  private int[] freeSlots = new int[16];
  private int freeCount;
  private int slotsUsed;

  private long lastChange;
  private double busyArea;
  private double workerArea;
  private double queueArea;
  private double evaluatedArea;
  private long submitted;
  private long admitted;
  private long completed;
  private long rejected;
  private long timedOut;
  private double waitNanosSum;
  private double latencyNanosSum;

  private Backend(Builder b) {
    this.sim = b.sim;
    this.random = b.random;
    this.serviceTime = b.serviceTime;
    this.queueLimit = b.queueLimit;
    this.timeoutNanos = b.timeoutNanos;
    this.autoscaler = b.autoscaler;
    this.listener = b.listener;
    this.workers = b.workers;
    this.id = sim.register(this);
    this.lastChange = sim.now();
    for (CapacityStep step : b.schedule) {
      sim.schedule(step.atNanos(), id, CAPACITY, step.workers());
    }
    if (autoscaler != null) {
      sim.scheduleIn(autoscaler.periodNanos(), id, EVALUATE, 0);
    }
  }

  public static Builder builder(Simulation sim, RandomSource random) {
    return new Builder(sim, random);
  }

  /**
   * Hands the backend a request that arrives now. Returns false when it is rejected because the
   * queue is full (the listener hears of it too); otherwise it is in service or queued.
   */
  public boolean submit(long requestId) {
    accumulate();
    submitted++;
    if (busy < workers && queued == 0) {
      startService(requestId, sim.now());
      return true;
    }
    if (queued >= queueLimit) {
      rejected++;
      listener.rejected(requestId);
      return false;
    }
    enqueue(requestId, sim.now());
    return true;
  }

  @Override
  public void onEvent(int type, long payload) {
    accumulate();
    switch (type) {
      case DONE -> finish((int) payload);
      case EXPIRE -> {
        expiryEvent = Simulation.NO_EVENT;
        expireWaiting();
      }
      case CAPACITY -> setWorkers((int) payload);
      case EVALUATE -> evaluate();
      case PROVISIONED -> {
        provisioning -= (int) payload;
        setWorkers(workers + (int) payload);
      }
      default -> throw new IllegalArgumentException("backend: unknown event type " + type);
    }
  }

  private void finish(int slot) {
    busy--;
    completed++;
    long latency = sim.now() - serviceArrivedAt[slot];
    latencyNanosSum += latency;
    long requestId = serviceIds[slot];
    freeSlots[freeCount++] = slot;
    listener.completed(requestId, latency);
    startWaiting();
  }

  /** Gives free workers to queued requests, oldest first, dropping any that have expired. */
  private void startWaiting() {
    expireWaiting();
    while (busy < workers && queued > 0) {
      long requestId = queuedIds[head];
      long arrivedAt = queuedAt[head];
      dequeue();
      startService(requestId, arrivedAt);
    }
    armExpiry();
  }

  private void startService(long requestId, long arrivedAt) {
    long waited = sim.now() - arrivedAt;
    busy++;
    admitted++;
    waitNanosSum += waited;
    int slot = takeSlot();
    serviceIds[slot] = requestId;
    serviceArrivedAt[slot] = arrivedAt;
    listener.admitted(requestId, waited);
    sim.scheduleIn(serviceTime.sampleNanos(random), id, DONE, slot);
  }

  private void enqueue(long requestId, long now) {
    if (queued == queuedIds.length) {
      growQueue();
    }
    int tail = (head + queued) & (queuedIds.length - 1);
    queuedIds[tail] = requestId;
    queuedAt[tail] = now;
    queued++;
    if (queued == 1) {
      armExpiry();
    }
  }

  private void dequeue() {
    head = (head + 1) & (queuedIds.length - 1);
    queued--;
  }

  /** Drops, as timed out, every queued request whose wait has reached the timeout. */
  private void expireWaiting() {
    if (timeoutNanos == NO_TIMEOUT) {
      return;
    }
    long now = sim.now();
    while (queued > 0 && now - queuedAt[head] >= timeoutNanos) {
      long requestId = queuedIds[head];
      long waited = now - queuedAt[head];
      dequeue();
      timedOut++;
      listener.timedOut(requestId, waited);
    }
    armExpiry();
  }

  /** Keeps one event pending at the head's deadline, if there is a head and a timeout. */
  private void armExpiry() {
    if (timeoutNanos == NO_TIMEOUT) {
      return;
    }
    if (queued == 0) {
      sim.cancel(expiryEvent);
      expiryEvent = Simulation.NO_EVENT;
    } else if (expiryEvent == Simulation.NO_EVENT) {
      expiryEvent = sim.schedule(queuedAt[head] + timeoutNanos, id, EXPIRE, 0);
    }
    // An armed event for an older head that already left fires early, finds nothing due, re-arms.
  }

  private void setWorkers(int n) {
    workers = n;
    startWaiting();
  }

  private void evaluate() {
    double load = (busyArea + queueArea - evaluatedArea) / autoscaler.periodNanos();
    evaluatedArea = busyArea + queueArea;
    int desired = Math.max(floor, autoscaler.desiredWorkers(load));
    int coming = workers + provisioning;
    if (desired > coming) {
      int more = desired - coming;
      provisioning += more;
      sim.scheduleIn(autoscaler.provisioningDelayNanos(), id, PROVISIONED, more);
    } else if (desired < workers && provisioning == 0) {
      setWorkers(desired);
    }
    sim.scheduleIn(autoscaler.periodNanos(), id, EVALUATE, 0);
  }

  private int takeSlot() {
    if (freeCount > 0) {
      return freeSlots[--freeCount];
    }
    if (slotsUsed == serviceIds.length) {
      int n = slotsUsed * 2;
      serviceIds = Arrays.copyOf(serviceIds, n);
      serviceArrivedAt = Arrays.copyOf(serviceArrivedAt, n);
      freeSlots = Arrays.copyOf(freeSlots, n);
    }
    return slotsUsed++;
  }

  private void growQueue() {
    int n = queuedIds.length * 2;
    long[] ids = new long[n];
    long[] at = new long[n];
    for (int i = 0; i < queued; i++) {
      int from = (head + i) & (queuedIds.length - 1);
      ids[i] = queuedIds[from];
      at[i] = queuedAt[from];
    }
    queuedIds = ids;
    queuedAt = at;
    head = 0;
  }

  private void accumulate() {
    long now = sim.now();
    long dt = now - lastChange;
    if (dt > 0) {
      busyArea += (double) busy * dt;
      workerArea += (double) workers * dt;
      queueArea += (double) queued * dt;
      lastChange = now;
    }
  }

  /**
   * Predictive scaling: asks for at least {@code n} workers (within the autoscaler's range) from now
   * until the next call. Workers beyond those present or on their way are provisioned with the
   * usual delay, and the autoscaler scales no lower than this floor. A forecast that sees a peak
   * coming calls this a provisioning delay ahead of it, so the capacity is there in time.
   */
  public void reserve(int n) {
    if (autoscaler == null) {
      throw new IllegalStateException("backend: reserve needs an autoscaler (an elastic backend)");
    }
    accumulate();
    floor = Math.max(autoscaler.minWorkers(), Math.min(autoscaler.maxWorkers(), n));
    int coming = workers + provisioning;
    if (floor > coming) {
      int more = floor - coming;
      provisioning += more;
      sim.scheduleIn(autoscaler.provisioningDelayNanos(), id, PROVISIONED, more);
    }
  }

  /** Workers free right now: capacity that a rejection at this instant left unused. */
  public int idleWorkers() {
    return Math.max(0, workers - busy);
  }

  public int workers() {
    return workers;
  }

  public int busy() {
    return busy;
  }

  public int queued() {
    return queued;
  }

  /** Workers asked of the autoscaler that have not arrived yet. */
  public int provisioning() {
    return provisioning;
  }

  /** Cumulative counters and time integrals, brought up to now; differences give any interval. */
  public Totals totals() {
    accumulate();
    return new Totals(sim.now(), submitted, admitted, completed, rejected, timedOut, waitNanosSum, latencyNanosSum,
        busyArea, workerArea, queueArea);
  }

  /**
   * Cumulative figures at {@code nanos}. Areas are in worker-nanoseconds (queue: request-ns), so
   * utilisation over an interval is the busy area's growth over the worker area's.
   */
  public record Totals(long nanos, long submitted, long admitted, long completed, long rejected, long timedOut,
      double waitNanosSum, double latencyNanosSum, double busyArea, double workerArea, double queueArea) {

    /** Busy share of the available worker-time since {@code earlier} (NaN with no workers). */
    public double utilisationSince(Totals earlier) {
      return (busyArea - earlier.busyArea) / (workerArea - earlier.workerArea);
    }

    /** Mean queue wait of the requests admitted since {@code earlier}, in nanoseconds. */
    public double meanWaitSince(Totals earlier) {
      return (waitNanosSum - earlier.waitNanosSum) / (admitted - earlier.admitted);
    }

    /** Share of the requests submitted since {@code earlier} that were rejected for a full queue. */
    public double rejectedShareSince(Totals earlier) {
      return (double) (rejected - earlier.rejected) / (submitted - earlier.submitted);
    }

    /** Idle worker-nanoseconds since {@code earlier}. */
    public double idleAreaSince(Totals earlier) {
      return (workerArea - earlier.workerArea) - (busyArea - earlier.busyArea);
    }
  }

  @Override
  public String toString() {
    return "backend{workers=" + workers + ", busy=" + busy + ", queued=" + queued + "/"
        + (queueLimit == UNBOUNDED ? "unbounded" : queueLimit) + ", provisioning=" + provisioning + "}";
  }

  /** Settings of a backend; only the simulation, the random stream and the service time are required. */
  public static final class Builder {
    private final Simulation sim;
    private final RandomSource random;
    private ServiceTime serviceTime;
    private int workers = 1;
    private int queueLimit = UNBOUNDED;
    private long timeoutNanos = NO_TIMEOUT;
    private final List<CapacityStep> schedule = new ArrayList<>();
    private Autoscaler autoscaler;
    private BackendListener listener = BackendListener.NONE;

    private Builder(Simulation sim, RandomSource random) {
      this.sim = Objects.requireNonNull(sim, "sim");
      this.random = Objects.requireNonNull(random, "random");
    }

    public Builder workers(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("backend: workers must be >= 0, got " + n);
      }
      this.workers = n;
      return this;
    }

    public Builder serviceTime(ServiceTime s) {
      this.serviceTime = Objects.requireNonNull(s, "serviceTime");
      return this;
    }

    /** Requests that may wait for a worker; one more is rejected. */
    public Builder queueLimit(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("backend: queue limit must be >= 0, got " + n);
      }
      this.queueLimit = n;
      return this;
    }

    /** Longest a request may wait for a worker before it is dropped as timed out. */
    public Builder timeoutNanos(long t) {
      if (t <= 0) {
        throw new IllegalArgumentException("backend: timeout must be positive, got " + t + " ns");
      }
      this.timeoutNanos = t;
      return this;
    }

    /** Planned changes of the worker count; steps may come in any order but not in the past. */
    public Builder capacity(List<CapacityStep> steps) {
      for (CapacityStep step : steps) {
        if (step.atNanos() < sim.now()) {
          throw new IllegalArgumentException("backend: capacity step at " + step.atNanos()
              + " ns is before the simulation's now " + sim.now() + " ns");
        }
      }
      schedule.addAll(steps);
      schedule.sort(Comparator.comparingLong(CapacityStep::atNanos));
      return this;
    }

    public Builder autoscaler(Autoscaler a) {
      this.autoscaler = a;
      return this;
    }

    public Builder listener(BackendListener l) {
      this.listener = Objects.requireNonNull(l, "listener");
      return this;
    }

    public Backend build() {
      if (serviceTime == null) {
        throw new IllegalStateException("backend: a service time is required");
      }
      if (autoscaler != null && (workers < autoscaler.minWorkers() || workers > autoscaler.maxWorkers())) {
        throw new IllegalStateException("backend: " + workers + " initial workers outside the autoscaler's range ["
            + autoscaler.minWorkers() + ", " + autoscaler.maxWorkers() + "]");
      }
      return new Backend(this);
    }
  }
}
