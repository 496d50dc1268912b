package dev.headroom.bench.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.simulator.event.EventQueue;
import org.junit.jupiter.api.Test;

class TokenBucketQueueTest {

  /**
   * The bucket caps what reaches the station at its rate (plus the burst), every arrival is counted
   * once, both queues give the very same run, and the station drains.
   */
  @Test
  void bucketCapsAdmissionsAndQueuesAgree() {
    TokenBucketQueue.Params p = TokenBucketQueue.Params.standard(100_000);
    TokenBucketQueue.Outcome heap = TokenBucketQueue.run(p, EventQueue.Kind.HEAP4);
    TokenBucketQueue.Outcome calendar = TokenBucketQueue.run(p, EventQueue.Kind.CALENDAR);
    assertEquals(heap, calendar);
    double offeredSeconds = p.arrivals() / p.lambda();
    assertTrue(heap.admitted() <= p.burst() + p.bucketRate() * heap.seconds(), "admitted " + heap.admitted());
    assertTrue(heap.admitted() > 0.95 * p.bucketRate() * offeredSeconds, "admitted " + heap.admitted());
    // An arrival event for each arrival and a departure for each admitted request.
    assertEquals(p.arrivals() + heap.admitted(), heap.events());
    assertTrue(heap.meanWaiting() < heap.meanInSystem());
  }

  @Test
  void holdModelKeepsItsEventsPending() {
    HoldModel model = new HoldModel(EventQueue.Kind.CALENDAR, 1000, 1);
    long before = model.steps(0);
    long after = model.steps(10_000);
    assertTrue(after > before);
    assertEquals(1000, model.pending());
  }
}
