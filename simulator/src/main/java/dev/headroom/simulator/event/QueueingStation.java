package dev.headroom.simulator.event;

/**
 * A FIFO station with {@code c} identical servers, an unbounded queue and exponential service
 * times: the M/M/c of queueing theory when fed by {@link PoissonArrivals}. It exists to check the
 * core against closed forms (Little's law, Erlang C) and to compare its speed with SimPy.
 *
 * <p>It keeps cumulative totals only (areas under the number in system and in queue, summed waits);
 * callers take differences between two readings to get per-batch figures ({@link BatchMeans}).
 */
public final class QueueingStation implements Process {

  /** Event type: a customer arrives (also what {@link PoissonArrivals} should be told to send). */
  public static final int ARRIVE = 0;
  private static final int DEPART = 1;
  private static final double NANOS_PER_SECOND = 1e9;

  private final Simulation sim;
  private final RandomSource random;
  private final int servers;
  private final double serviceRatePerSecond;
  private final int id;

  private int busy;
  /** Arrival times of the customers waiting, a ring buffer. */
  private long[] waiting = new long[64];
  private int head;
  private int queued;

  private long lastChange;
  private double areaInSystem;
  private double areaQueued;
  private double waitSum;
  private long started;
  private long arrivals;
  private long departures;

  public QueueingStation(Simulation sim, RandomSource random, int servers, double serviceRatePerSecond) {
    if (servers < 1) {
      throw new IllegalArgumentException("a station needs at least one server, got " + servers);
    }
    if (!(serviceRatePerSecond > 0)) {
      throw new IllegalArgumentException("service rate must be positive, got " + serviceRatePerSecond);
    }
    this.sim = sim;
    this.random = random;
    this.servers = servers;
    this.serviceRatePerSecond = serviceRatePerSecond;
    this.id = sim.register(this);
    this.lastChange = sim.now();
  }

  @Override
  public void onEvent(int type, long payload) {
    accumulate();
    if (type == ARRIVE) {
      arrivals++;
      if (busy < servers) {
        startService(0);
      } else {
        enqueue(sim.now());
      }
    } else if (type == DEPART) {
      departures++;
      busy--;
      if (queued > 0) {
        long arrived = waiting[head];
        head = (head + 1) & (waiting.length - 1);
        queued--;
        startService(sim.now() - arrived);
      }
    } else {
      throw new IllegalArgumentException("queueing station: unknown event type " + type);
    }
  }

  private void startService(long waitedNanos) {
    busy++;
    started++;
    waitSum += waitedNanos;
    sim.scheduleIn(random.exponentialNanos(serviceRatePerSecond), id, DEPART, 0);
  }

  private void enqueue(long now) {
    if (queued == waiting.length) {
      long[] grown = new long[waiting.length * 2];
      for (int i = 0; i < queued; i++) {
        grown[i] = waiting[(head + i) & (waiting.length - 1)];
      }
      waiting = grown;
      head = 0;
    }
    waiting[(head + queued) & (waiting.length - 1)] = now;
    queued++;
  }

  private void accumulate() {
    long now = sim.now();
    long dt = now - lastChange;
    if (dt > 0) {
      areaInSystem += (double) (busy + queued) * dt;
      areaQueued += (double) queued * dt;
      lastChange = now;
    }
  }

  /** The totals so far, brought up to the clock's time. */
  public Totals totals() {
    accumulate();
    return new Totals(sim.now(), areaInSystem / NANOS_PER_SECOND, areaQueued / NANOS_PER_SECOND,
        waitSum / NANOS_PER_SECOND, started, arrivals, departures);
  }

  public int inSystem() {
    return busy + queued;
  }

  /**
   * Cumulative figures at time {@code nanos}: areas in customer-seconds, waits in seconds.
   *
   * @param started customers that began service (their waits are in {@code waitSeconds})
   */
  public record Totals(long nanos, double areaInSystem, double areaQueued, double waitSeconds, long started,
      long arrivals, long departures) {

    /** The figures of the interval from {@code earlier} to this reading. */
    public Interval since(Totals earlier) {
      double seconds = (nanos - earlier.nanos) / NANOS_PER_SECOND;
      long n = started - earlier.started;
      return new Interval(seconds, (areaInSystem - earlier.areaInSystem) / seconds,
          (areaQueued - earlier.areaQueued) / seconds,
          n == 0 ? Double.NaN : (waitSeconds - earlier.waitSeconds) / n,
          (arrivals - earlier.arrivals) / seconds);
    }
  }

  /** Time averages over an interval: number in system L, in queue Lq, mean wait Wq, arrival rate. */
  public record Interval(double seconds, double meanInSystem, double meanQueued, double meanWait, double arrivalRate) {}

  @Override
  public String toString() {
    return "station{servers=" + servers + ", busy=" + busy + ", queued=" + queued + "}";
  }
}
