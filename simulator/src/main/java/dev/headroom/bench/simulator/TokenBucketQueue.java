package dev.headroom.bench.simulator;

import dev.headroom.engine.limiter.PackedLimiter;
import dev.headroom.engine.limiter.Rate;
import dev.headroom.engine.limiter.TokenBucket;
import dev.headroom.simulator.event.EventQueue;
import dev.headroom.simulator.event.PoissonArrivals;
import dev.headroom.simulator.event.Process;
import dev.headroom.simulator.event.QueueingStation;
import dev.headroom.simulator.event.RandomSource;
import dev.headroom.simulator.event.Simulation;
import dev.headroom.simulator.event.VirtualClock;

/**
 * M/M/1 behind a token bucket, the model the SimPy script simpy_mm1_token_bucket.py also runs:
 * Poisson arrivals meet the engine's own {@link TokenBucket} (on the simulation's clock); admitted
 * requests join a one-server FIFO station with exponential service; the source stops after a
 * number of arrivals and the station drains.
 */
public final class TokenBucketQueue {

  /** The model's parameters; rates per second. */
  public record Params(long arrivals, double lambda, double bucketRate, int burst, double mu, long seed) {

    /** The benchmark's model: 1000/s offered, 800/s admitted at most, served at 1250/s. */
    public static Params standard(long arrivals) {
      return new Params(arrivals, 1000, 800, 20, 1250, 1);
    }
  }

  /** What one run gives: admitted, simulated seconds, mean number in system and waiting, events run. */
  public record Outcome(long admitted, double seconds, double meanInSystem, double meanWaiting, long events) {}

  private TokenBucketQueue() {}

  public static Outcome run(Params p, EventQueue.Kind queue) {
    long start = 0;
    Simulation sim = new Simulation(new VirtualClock(start), queue.create());
    RandomSource random = new RandomSource(p.seed());
    QueueingStation station = new QueueingStation(sim, random.split(), 1, p.mu());
    PackedLimiter bucket = TokenBucket.of(Rate.perSecond(p.bucketRate()), p.burst()).limiter(sim.clock());
    long[] admitted = {0};
    Process gate = (type, index) -> {
      if (bucket.tryAcquire()) {
        admitted[0]++;
        station.onEvent(QueueingStation.ARRIVE, index);
      }
    };
    new PoissonArrivals(sim, random.split(), p.lambda(), gate, 0).limit(p.arrivals()).start();
    long events = sim.run();
    QueueingStation.Totals totals = station.totals();
    double seconds = (totals.nanos() - start) / 1e9;
    return new Outcome(admitted[0], seconds, totals.areaInSystem() / seconds, totals.areaQueued() / seconds, events);
  }
}
