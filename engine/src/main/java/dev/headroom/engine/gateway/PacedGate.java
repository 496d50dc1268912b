/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.gateway;

import dev.headroom.engine.clock.Clock;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;

/**
 * The Vert.x side of an {@link OutboundPacer}: calls waiting for a slot, in arrival order, woken by
 * one timer set for when the pacer says the next slot frees up. First come, first served: a newcomer
 * never overtakes a call already waiting. No thread ever sleeps; the lock only guards the queue.
 */
final class PacedGate {

  private static final long MS = 1_000_000L;

  private record Waiter(Promise<Void> promise, Context context, long deadline, BooleanSupplier gone) {}

  private final Vertx vertx;
  private final OutboundPacer pacer;
  private final WaitSlots slots;
  private final Clock clock;
  private final String upstream;
  private final String maxWait;
  private final ArrayDeque<Waiter> queue = new ArrayDeque<>();
  private boolean timerSet;

  PacedGate(Vertx vertx, OutboundPacer pacer, WaitSlots slots, Clock clock, String upstream, String maxWait) {
    this.vertx = vertx;
    this.pacer = pacer;
    this.slots = slots;
    this.clock = clock;
    this.upstream = upstream;
    this.maxWait = maxWait;
  }

  OutboundPacer pacer() {
    return pacer;
  }

  /**
   * Succeeds when the call may go (on the caller's context), or fails with a 429
   * {@link GatewayRejection} when no slot comes before {@code deadlineNanos} or the queue is full.
   */
  synchronized Future<Void> acquire(long deadlineNanos, BooleanSupplier gone) {
    long now = clock.nanos();
    if (queue.isEmpty()) {
      long wait = pacer.tryAcquire();
      if (wait == 0) {
        return Future.succeededFuture();
      }
      if (now + wait - deadlineNanos > 0) {
        return Future.failedFuture(GatewayRejection.quota(wait, "upstream '" + upstream
            + "' is at its provider quota: the next slot is in " + wait / MS + " ms, beyond maxWait (" + maxWait + ")"));
      }
    }
    if (!slots.tryTake()) {
      return Future.failedFuture(GatewayRejection.quota(pacer.nextSlotNanos(),
          "the queue for upstream '" + upstream + "' is full (" + slots.max() + " waiting)"));
    }
    Promise<Void> promise = Promise.promise();
    queue.addLast(new Waiter(promise, vertx.getOrCreateContext(), deadlineNanos, gone));
    drain();
    return promise.future();
  }

  synchronized int waiting() {
    return queue.size();
  }

  private synchronized void onTimer() {
    timerSet = false;
    drain();
  }

  /** Lets through every head of the queue the pacer admits, then sleeps on a timer until the next slot. */
  private void drain() {
    if (timerSet) {
      return;
    }
    for (;;) {
      Waiter head = queue.peekFirst();
      if (head == null) {
        return;
      }
      long now = clock.nanos();
      if (head.gone().getAsBoolean()) {
        finish(head, GatewayRejection.CLIENT_GONE);
        continue;
      }
      if (now - head.deadline() >= 0) {
        finish(head, GatewayRejection.quota(pacer.nextSlotNanos(), "no slot in the provider quota of upstream '"
            + upstream + "' came within maxWait (" + maxWait + ")"));
        continue;
      }
      long wait = pacer.tryAcquire();
      if (wait == 0) {
        finish(head, null);
        continue;
      }
      // Queue order means the head's deadline is the earliest: wake for the slot or for it.
      long sleep = Math.min(wait, head.deadline() - now);
      timerSet = true;
      vertx.setTimer(Math.max(1, Math.ceilDiv(sleep, MS)), id -> onTimer());
      return;
    }
  }

  private void finish(Waiter w, GatewayRejection failure) {
    queue.removeFirst();
    slots.release();
    w.context().runOnContext(v -> {
      if (failure == null) {
        w.promise().complete();
      } else {
        w.promise().fail(failure);
      }
    });
  }
}
