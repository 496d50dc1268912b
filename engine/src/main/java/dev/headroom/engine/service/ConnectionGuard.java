/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.service;

import dev.headroom.engine.config.ServerConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds what a slow or greedy client can hold: connections over {@code maxConnections} are closed
 * on accept, and timers close a connection that does not send its headers or its body in time.
 *
 * <p>Vert.x's idle timeout alone does not stop a slowloris: a client trickling one byte every few
 * seconds is never idle. So each connection runs a deadline of its own: from accept (and from the
 * end of each answer on a kept-alive connection) until a request's headers are complete, then from
 * the request's start until its body has ended. One guard per server instance, confined to its
 * event loop; the connection count is shared by all instances and listeners.
 */
final class ConnectionGuard {

  private final Vertx vertx;
  private final long headerMillis;
  private final long keepAliveMillis;
  private final long bodyMillis;
  private final int maxConnections;
  private final AtomicInteger open;
  /** Per open connection: requests under way and the pending header deadline (-1: none). */
  private final Map<HttpConnection, State> states = new HashMap<>();

  private static final class State {
    int active;
    long timer = -1;
  }

  ConnectionGuard(Vertx vertx, ServerConfig server, AtomicInteger open) {
    this.vertx = vertx;
    this.headerMillis = server.headerTimeout().toMillis();
    // Between requests the idle timeout closes a quiet connection; one that trickles the next
    // request's headers gets the idle time plus the header time, as NGINX would give it.
    this.keepAliveMillis = server.idleTimeout().toMillis() + headerMillis;
    this.bodyMillis = server.bodyTimeout().toMillis();
    this.maxConnections = server.maxConnections();
    this.open = open;
  }

  /** A new connection: counted, closed at once over the cap, else given its header deadline. */
  void connected(HttpConnection conn) {
    if (open.incrementAndGet() > maxConnections) {
      open.decrementAndGet();
      conn.close();
      return;
    }
    State s = new State();
    states.put(conn, s);
    conn.closeHandler(v -> {
      open.decrementAndGet();
      State gone = states.remove(conn);
      if (gone != null && gone.timer >= 0) {
        vertx.cancelTimer(gone.timer);
      }
    });
    arm(conn, s, headerMillis);
  }

  /** A request's headers are in: its connection's header deadline ends and its body's begins. */
  void requestStarted(HttpServerRequest req) {
    HttpConnection conn = req.connection();
    State s = states.get(conn);
    if (s == null) {
      return; // over the cap and being closed
    }
    s.active++;
    if (s.timer >= 0) {
      vertx.cancelTimer(s.timer);
      s.timer = -1;
    }
    if (!req.isEnded()) {
      vertx.setTimer(bodyMillis, id -> {
        if (!req.isEnded()) {
          bodyTimedOut(req);
        }
      });
    }
    req.response().bodyEndHandler(v -> {
      s.active--;
      if (s.active == 0 && states.containsKey(conn)) {
        arm(conn, s, keepAliveMillis);
      }
    });
  }

  private void bodyTimedOut(HttpServerRequest req) {
    HttpServerResponse res = req.response();
    if (!res.headWritten() && !res.closed()) {
      HttpApi.endAndClose(req, 408, HttpApi.error("request body not received within " + bodyMillis + " ms"));
    } else if (req.version() == HttpVersion.HTTP_2) {
      res.reset();
    } else {
      req.connection().close();
    }
  }

  private void arm(HttpConnection conn, State s, long millis) {
    s.timer = vertx.setTimer(millis, id -> {
      s.timer = -1;
      if (s.active == 0) {
        conn.close();
      }
    });
  }
}
