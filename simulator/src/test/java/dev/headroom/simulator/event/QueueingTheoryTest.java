package dev.headroom.simulator.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.simulator.event.BatchMeans.Confidence;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The core reproduces queueing theory. An M/M/c station run for a few million customers, cut into
 * batches after a warm-up, gives 99% confidence intervals (batch means) that must cover the closed
 * forms: L and Lq and Wq from Erlang C (for c = 1, the M/M/1 formulas), and Little's law Lq = lambda
 * Wq batch by batch. The intervals must also be narrow (under 3% of the value), so that a wrong
 * model could not pass by being vague.
 */
class QueueingTheoryTest {

  static final long START = 1_700_000_000_000_000_000L;
  static final int BATCHES = 30;
  static final double MAX_RELATIVE_HALF_WIDTH = 0.03;

  @ParameterizedTest(name = "M/M/{0}, lambda {1}/s, mu {2}/s, {3}")
  @CsvSource({
      "1, 700, 1000, HEAP4, 11",
      "1, 700, 1000, CALENDAR, 12",
      "3, 2400, 1000, HEAP4, 13",
      "3, 2400, 1000, CALENDAR, 14",
      "8, 6000, 1000, HEAP4, 15"})
  void meansMatchErlangCAndLittlesLaw(int c, double lambda, double mu, EventQueue.Kind kind, long seed) {
    double a = lambda / mu;
    double erlangC = QueueingTheory.erlangC(c, a);
    double wq = erlangC / (c * mu - lambda);
    double lq = lambda * wq;
    double l = lq + a;

    Simulation sim = new Simulation(new VirtualClock(START), kind.create());
    RandomSource random = new RandomSource(seed);
    QueueingStation station = new QueueingStation(sim, random.split(), c, mu);
    new PoissonArrivals(sim, random.split(), lambda, station, QueueingStation.ARRIVE).start();

    // About 3 million customers; the warm-up is a hundred times the relaxation time and then some.
    long total = (long) (3e6 / lambda * 1e9);
    long batch = total / BATCHES;
    sim.runUntil(START + batch);
    BatchMeans inSystem = new BatchMeans();
    BatchMeans queued = new BatchMeans();
    BatchMeans waits = new BatchMeans();
    BatchMeans little = new BatchMeans();
    QueueingStation.Totals previous = station.totals();
    for (int b = 0; b < BATCHES; b++) {
      sim.runUntil(previous.nanos() + batch);
      QueueingStation.Totals now = station.totals();
      QueueingStation.Interval i = now.since(previous);
      inSystem.add(i.meanInSystem());
      queued.add(i.meanQueued());
      waits.add(i.meanWait());
      little.add(i.meanQueued() - i.arrivalRate() * i.meanWait());
      previous = now;
    }

    check("L", l, inSystem);
    check("Lq", lq, queued);
    check("Wq", wq, waits);
    double tolerance = little.halfWidth(Confidence.P99);
    assertEquals(0, little.mean(), tolerance, "Little's law: Lq - lambda Wq per batch");
    assertTrue(tolerance < MAX_RELATIVE_HALF_WIDTH * lq, "Little's law interval too wide: " + tolerance);
  }

  private static void check(String what, double expected, BatchMeans measured) {
    QueueingTheory.assertAgrees(what, expected, measured, MAX_RELATIVE_HALF_WIDTH);
  }
}
