/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.gateway;

import dev.headroom.engine.service.RateLimitHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** The answers the gateway writes itself: a small JSON body a client (or a person) can act on. */
final class Replies {

  private Replies() {}

  static void reject(HttpServerRequest req, GatewayRejection r) {
    HttpServerResponse out = req.response();
    Requests.discardBody(req);
    if (r == GatewayRejection.CLIENT_GONE || out.closed()) {
      return;
    }
    if (out.headWritten()) {
      // The upstream's answer had started: the only honest signal left is to cut the connection.
      out.reset();
      return;
    }
    JsonObject body = new JsonObject().put("error", r.error).put("message", r.getMessage());
    if (r.check != null) {
      RateLimitHeaders.put(out.headers(), r.check);
      body.put("limit", r.check.limitName()).put("policy", r.check.policy());
    }
    if (r.status == 429) {
      body.put("retryAfterMs", r.retryAfterMillis);
      if (!out.headers().contains("Retry-After")) {
        out.headers().set("Retry-After", Long.toString(Math.max(1, Math.ceilDiv(r.retryAfterMillis, 1000))));
      }
    }
    out.setStatusCode(r.status)
        .putHeader("Content-Type", "application/json")
        .end(body.encode());
  }
}
