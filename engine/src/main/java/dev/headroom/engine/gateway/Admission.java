/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.gateway;

import dev.headroom.engine.clock.Clock;
import dev.headroom.engine.config.DurationText;
import dev.headroom.engine.config.UpstreamConfig;
import dev.headroom.engine.service.CheckResult;
import dev.headroom.engine.service.Engine;
import dev.headroom.engine.service.HttpRequestView;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

/**
 * Asks the engine whether a proxied request may go. Police mode answers at once. Shape mode holds a
 * refused request in the upstream's bounded waiting room and asks again when the refusal's
 * retry-after has passed (a Vert.x timer on the request's own event loop), until the engine admits
 * it or the next try would land after the request's deadline; then 429.
 *
 * <p>A request whose retry-after already lies beyond the deadline is refused at once rather than held
 * for nothing. Each retry is a fresh check, so telemetry counts it as a request.
 */
final class Admission {

  private static final long MS = 1_000_000L;

  private final Vertx vertx;
  private final Engine engine;
  private final Clock clock;

  Admission(Vertx vertx, Engine engine, Clock clock) {
    this.vertx = vertx;
    this.engine = engine;
    this.clock = clock;
  }

  /** Succeeds with the admitting decision; fails with a {@link GatewayRejection}. */
  Future<CheckResult> admit(UpstreamRoute route, HttpServerRequest req, HttpRequestView view, long deadlineNanos) {
    Promise<CheckResult> promise = Promise.promise();
    new Hold(route, req, view, deadlineNanos, promise).attempt();
    return promise.future();
  }

  private final class Hold {
    private final UpstreamRoute route;
    private final HttpServerRequest req;
    private final HttpRequestView view;
    private final long deadline;
    private final Promise<CheckResult> promise;
    private boolean holding;

    Hold(UpstreamRoute route, HttpServerRequest req, HttpRequestView view, long deadline, Promise<CheckResult> promise) {
      this.route = route;
      this.req = req;
      this.view = view;
      this.deadline = deadline;
      this.promise = promise;
    }

    void attempt() {
      try {
        tryOnce();
      } catch (RuntimeException e) {
        end(null, e);
      }
    }

    private void tryOnce() {
      if (holding && req.response().closed()) {
        end(null, GatewayRejection.CLIENT_GONE);
        return;
      }
      CheckResult r = engine.check(view, 1);
      if (r.allowed()) {
        end(r, null);
        return;
      }
      String why = r.shed()
          ? "requests of this priority are shed while limit '" + r.limitName() + "' is under pressure"
          : "limit '" + r.limitName() + "' is exhausted";
      if (route.config.mode() == UpstreamConfig.Mode.POLICE) {
        end(null, GatewayRejection.limited(r, why + "; retry after " + r.retryAfterMillis() + " ms"));
        return;
      }
      long wait = Math.max(1, r.retryAfterMillis()) * MS;
      if (clock.nanos() + wait - deadline > 0) {
        end(null, GatewayRejection.limited(r, why + (holding ? " still" : "") + "; the next chance, in "
            + r.retryAfterMillis() + " ms, is beyond maxWait (" + DurationText.format(route.config.maxWait())
            + ") of upstream '" + route.name() + "'"));
        return;
      }
      if (!holding) {
        if (!route.slots.tryTake()) {
          end(null, GatewayRejection.limited(r, why + " and the queue of upstream '" + route.name()
              + "' is full (" + route.slots.max() + " waiting)"));
          return;
        }
        holding = true;
      }
      vertx.setTimer(Math.max(1, r.retryAfterMillis()), id -> attempt());
    }

    private void end(CheckResult admitted, Throwable rejection) {
      if (holding) {
        holding = false;
        route.slots.release();
      }
      if (rejection == null) {
        promise.complete(admitted);
      } else {
        promise.fail(rejection);
      }
    }
  }
}
