package dev.headroom.simulator.model;


import dev.headroom.simulator.event.BatchMeans;
import dev.headroom.simulator.event.PoissonArrivals;
import dev.headroom.simulator.event.Process;
import dev.headroom.simulator.event.QueueingTheory;
import dev.headroom.simulator.event.RandomSource;
import dev.headroom.simulator.event.Simulation;
import java.util.function.ToDoubleBiFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The backend reproduces queueing theory: Erlang C waits for M/M/c, the Pollaczek-Khinchine wait
 * for M/G/1 with each service-time kind, and the M/M/1/K blocking probability for a bounded queue.
 * Each figure is a 99% batch-means interval from one long run that must cover the closed form and
 * be narrow (under 4% of it), so that a wrong model cannot pass by being vague.
 */
class BackendQueueingTest {

  static final long START = 1_700_000_000_000_000_000L;
  static final int BATCHES = 30;
  static final double MAX_RELATIVE_HALF_WIDTH = 0.04;

  @ParameterizedTest(name = "M/M/{0}, lambda {1}/s, mu {2}/s")
  @CsvSource({"1, 700, 1000, 21", "3, 2400, 1000, 22", "8, 6000, 1000, 23"})
  void meanWaitMatchesErlangC(int c, double lambda, double mu, long seed) {
    double a = lambda / mu;
    double wqNanos = QueueingTheory.erlangC(c, a) / (c * mu - lambda) * 1e9;
    Simulation sim = Simulation.startingAt(START);
    RandomSource random = new RandomSource(seed);
    Backend backend = Backend.builder(sim, random.split()).workers(c)
        .serviceTime(ServiceTime.exponential(1e9 / mu)).build();
    feed(sim, random, lambda, backend);

    BatchMeans waits = batchMeans(sim, backend, lambda, Backend.Totals::meanWaitSince);
    BatchMeans utilisation = batchMeans(sim, backend, lambda, Backend.Totals::utilisationSince);
    check("Wq (ns)", wqNanos, waits);
    check("utilisation", a / c, utilisation);
  }

  @ParameterizedTest(name = "M/G/1 {0}, cv {1}")
  @CsvSource({"EXPONENTIAL, 1, 31", "LOGNORMAL, 1.5, 32", "CONSTANT, 0, 33"})
  void meanWaitMatchesPollaczekKhinchine(ServiceTime.Kind kind, double cv, long seed) {
    double lambda = 600;
    double meanService = 1e-3;
    double rho = lambda * meanService;
    // Wq = lambda E[S^2] / (2 (1 - rho)), with E[S^2] = (1 + cv^2) E[S]^2.
    double wqNanos = lambda * (1 + cv * cv) * meanService * meanService / (2 * (1 - rho)) * 1e9;
    Simulation sim = Simulation.startingAt(START);
    RandomSource random = new RandomSource(seed);
    Backend backend = Backend.builder(sim, random.split()).workers(1)
        .serviceTime(new ServiceTime(kind, meanService * 1e9, cv)).build();
    feed(sim, random, lambda, backend);

    check("Wq (ns)", wqNanos, batchMeans(sim, backend, lambda, Backend.Totals::meanWaitSince));
  }

  @ParameterizedTest(name = "M/M/1/K, rho {0}, queue {1}")
  @CsvSource({"0.9, 9, 41", "1.2, 4, 42", "0.7, 2, 43"})
  void boundedQueueRejectsTheBlockingShare(double rho, int queueLimit, long seed) {
    int k = queueLimit + 1; // places in the system: one in service plus the queue
    double blocking = (1 - rho) * Math.pow(rho, k) / (1 - Math.pow(rho, k + 1));
    double mu = 1000;
    double lambda = rho * mu;
    Simulation sim = Simulation.startingAt(START);
    RandomSource random = new RandomSource(seed);
    Backend backend = Backend.builder(sim, random.split()).workers(1).queueLimit(queueLimit)
        .serviceTime(ServiceTime.exponential(1e9 / mu)).build();
    feed(sim, random, lambda, backend);

    check("P(blocked)", blocking, batchMeans(sim, backend, lambda, Backend.Totals::rejectedShareSince));
  }

  private static void feed(Simulation sim, RandomSource random, double lambda, Backend backend) {
    Process submit = (type, payload) -> backend.submit(payload);
    new PoissonArrivals(sim, random.split(), lambda, submit, 0).start();
  }

  /** Runs about 2 million arrivals after a warm-up batch; one batch-means sample of {@code figure}. */
  private static BatchMeans batchMeans(Simulation sim, Backend backend, double lambda,
      ToDoubleBiFunction<Backend.Totals, Backend.Totals> figure) {
    long batch = (long) (2e6 / lambda * 1e9) / BATCHES;
    sim.runUntil(sim.now() + batch);
    BatchMeans means = new BatchMeans();
    Backend.Totals previous = backend.totals();
    for (int b = 0; b < BATCHES; b++) {
      sim.runUntil(previous.nanos() + batch);
      Backend.Totals now = backend.totals();
      means.add(figure.applyAsDouble(now, previous));
      previous = now;
    }
    return means;
  }

  private static void check(String what, double expected, BatchMeans measured) {
    QueueingTheory.assertAgrees(what, expected, measured, MAX_RELATIVE_HALF_WIDTH);
  }
}
