package dev.headroom.simulator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.simulator.event.PoissonArrivals;
import dev.headroom.simulator.event.Process;
import dev.headroom.simulator.event.RandomSource;
import dev.headroom.simulator.event.Simulation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Timeouts, the capacity schedule and the autoscaler's provisioning delay, by their exact times. */
class BackendBehaviourTest {

  static final long START = 1_700_000_000_000_000_000L;
  static final long MS = 1_000_000L;
  static final long S = 1_000_000_000L;

  @Test
  void requestsWaitingPastTheTimeoutAreDroppedAtTheTimeout() {
    Simulation sim = Simulation.startingAt(START);
    List<Long> timedOutWaits = new ArrayList<>();
    long[] longestAdmittedWait = {0};
    Backend backend = Backend.builder(sim, new RandomSource(1)).workers(1)
        .serviceTime(ServiceTime.constant(100 * MS)).timeoutNanos(250 * MS)
        .listener(new BackendListener() {
          @Override
          public void admitted(long requestId, long waitedNanos) {
            longestAdmittedWait[0] = Math.max(longestAdmittedWait[0], waitedNanos);
          }

          @Override
          public void timedOut(long requestId, long waitedNanos) {
            timedOutWaits.add(waitedNanos);
          }
        }).build();
    // Five requests at once: one starts, two more start at 100 and 200 ms, the last two expire at 250 ms.
    for (int i = 0; i < 5; i++) {
      backend.submit(i);
    }
    sim.run();
    assertEquals(List.of(250 * MS, 250 * MS), timedOutWaits);
    assertEquals(200 * MS, longestAdmittedWait[0]);
    Backend.Totals t = backend.totals();
    assertEquals(3, t.completed());
    assertEquals(2, t.timedOut());
    assertEquals(START + 300 * MS, sim.now(), "the last completion at 300 ms; no expiry event lingers");
  }

  @Test
  void fullQueueRejectsAndIdleWorkersAreCounted() {
    Simulation sim = Simulation.startingAt(START);
    Backend backend = Backend.builder(sim, new RandomSource(1)).workers(2).queueLimit(1)
        .serviceTime(ServiceTime.constant(10 * MS)).build();
    assertEquals(2, backend.idleWorkers());
    assertTrue(backend.submit(0));
    assertEquals(1, backend.idleWorkers());
    assertTrue(backend.submit(1));
    assertTrue(backend.submit(2), "queued");
    assertTrue(!backend.submit(3), "queue of one is full");
    sim.runUntil(START + 100 * MS);
    Backend.Totals t = backend.totals();
    assertEquals(1, t.rejected());
    assertEquals(3, t.completed());
    // 30 ms of work on 2 workers for 100 ms.
    assertEquals(0.15, t.busyArea() / t.workerArea(), 1e-12);
    assertEquals(170 * MS, t.workerArea() - t.busyArea(), 1e-3);
  }

  @Test
  void capacityScheduleChangesWorkersAtItsTimes() {
    Simulation sim = Simulation.startingAt(START);
    List<Long> starts = new ArrayList<>();
    Backend backend = Backend.builder(sim, new RandomSource(1)).workers(1)
        .serviceTime(ServiceTime.constant(10 * MS))
        .capacity(List.of(new CapacityStep(START + 50 * MS, 3), new CapacityStep(START + 20 * MS, 0)))
        .listener(new BackendListener() {
          @Override
          public void admitted(long requestId, long waitedNanos) {
            starts.add(sim.now() - START);
          }
        }).build();
    for (int i = 0; i < 5; i++) {
      backend.submit(i);
    }
    sim.runUntil(START + 49 * MS);
    assertEquals(0, backend.workers());
    assertEquals(List.of(0L, 10 * MS), starts, "one worker until 20 ms, none until 50 ms");
    sim.run();
    assertEquals(List.of(0L, 10 * MS, 50 * MS, 50 * MS, 50 * MS), starts);
    assertEquals(3, backend.workers());
  }

  @Test
  void autoscalerWorkersArriveOnlyAfterTheProvisioningDelay() {
    Simulation sim = Simulation.startingAt(START);
    RandomSource random = new RandomSource(7);
    Autoscaler scaler = new Autoscaler(0.5, 10 * S, 60 * S, 2, 40);
    // 2 workers of 100/s each under 1000/s: overloaded until the autoscaler's workers come.
    Backend backend = Backend.builder(sim, random.split()).workers(2).queueLimit(200)
        .serviceTime(ServiceTime.exponential(10 * MS)).autoscaler(scaler).build();
    Process submit = (type, payload) -> backend.submit(payload);
    new PoissonArrivals(sim, random.split(), 1000, submit, 0).start();

    sim.runUntil(START + 10 * S - 1);
    assertEquals(2, backend.workers());
    assertEquals(0, backend.provisioning(), "nothing asked before the first evaluation");
    sim.runUntil(START + 10 * S);
    assertEquals(2, backend.workers());
    assertEquals(38, backend.provisioning(), "asked at 10 s for up to the maximum (load ~200 at 50%)");
    sim.runUntil(START + 70 * S - 1);
    assertEquals(2, backend.workers(), "still provisioning one nanosecond before 10 s + 60 s");
    assertTrue(backend.totals().rejected() > 0, "overloaded meanwhile");
    sim.runUntil(START + 70 * S);
    assertEquals(40, backend.workers());
    assertEquals(0, backend.provisioning());

    // With 40 workers for 1000/s, load is about 10: the next evaluations scale down to 20.
    sim.runUntil(START + 130 * S);
    assertTrue(backend.workers() >= 19 && backend.workers() <= 23, "scaled down to about 20: " + backend);
  }

  @Test
  void badSettingsAreRefusedWithTheField() {
    Simulation sim = Simulation.startingAt(START);
    var e = assertThrows(IllegalStateException.class,
        () -> Backend.builder(sim, new RandomSource(1)).workers(1).build());
    assertTrue(e.getMessage().contains("service time"), e.getMessage());
    var a = assertThrows(IllegalArgumentException.class, () -> new Autoscaler(1.5, S, 0, 1, 2));
    assertTrue(a.getMessage().contains("target utilisation"), a.getMessage());
    var c = assertThrows(IllegalArgumentException.class, () -> Backend.builder(sim, new RandomSource(1))
        .capacity(List.of(new CapacityStep(START - 1, 2))));
    assertTrue(c.getMessage().contains("capacity step"), c.getMessage());
  }
}
