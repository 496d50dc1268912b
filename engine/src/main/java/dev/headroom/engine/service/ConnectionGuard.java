/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.service;

import dev.headroom.engine.clock.Clock;
import dev.headroom.engine.config.ServerConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds what a slow or greedy client can hold: connections over {@code maxConnections} are closed
 * on accept, and deadlines close a connection that does not send its headers or its body in time.
 *
 * <p>Vert.x's idle timeout alone does not stop a slowloris: a client trickling one byte every few
 * seconds is never idle. So each connection carries a deadline of its own: from accept (and from the
 * end of each answer on a kept-alive connection) until a request's headers are complete, then from
 * the request's start until its body has ended. No timer per request (at 100,000 requests a second
 * those would hold millions of requests for a minute each): one periodic sweep per server instance
 * checks the deadlines. The service's listeners speak HTTP/1.1, one request at a time per connection.
 *
 * <p>One guard per server instance, confined to its event loop; the connection count is shared by
 * all instances and listeners.
 */
final class ConnectionGuard {

  private static final long MS = 1_000_000L;

  private final Vertx vertx;
  private final Clock clock;
  private final long headerNanos;
  private final long keepAliveNanos;
  private final long bodyNanos;
  private final int maxConnections;
  private final AtomicInteger open;
  private final Map<HttpConnection, State> states = new HashMap<>();

  /** One connection: the request whose body is awaited (null between requests) and the deadline. */
  private static final class State {
    HttpServerRequest request;
    long deadline;
  }

  ConnectionGuard(Vertx vertx, Clock clock, ServerConfig server, AtomicInteger open) {
    this.vertx = vertx;
    this.clock = clock;
    this.headerNanos = server.headerTimeout().toNanos();
    // Between requests the idle timeout closes a quiet connection; one that trickles the next
    // request's headers gets the idle time plus the header time.
    this.keepAliveNanos = server.idleTimeout().toNanos() + headerNanos;
    this.bodyNanos = server.bodyTimeout().toNanos();
    this.maxConnections = server.maxConnections();
    this.open = open;
  }

  /**
   * Starts the sweep on the calling (event-loop) context: a quarter of the shortest timeout, between
   * 100 ms and 1 s, so a deadline is enforced within that much of its time.
   */
  void start() {
    long shortest = Math.min(headerNanos, bodyNanos) / MS;
    vertx.setPeriodic(Math.clamp(shortest / 4, 100, 1000), id -> sweep());
  }

  /** A new connection: counted, closed at once over the cap, else given its header deadline. */
  void connected(HttpConnection conn) {
    if (open.incrementAndGet() > maxConnections) {
      open.decrementAndGet();
      conn.close();
      return;
    }
    State s = new State();
    s.deadline = clock.nanos() + headerNanos;
    states.put(conn, s);
    conn.closeHandler(v -> {
      open.decrementAndGet();
      states.remove(conn);
    });
  }

  /** A request's headers are in: the header deadline ends and the body's begins. */
  void requestStarted(HttpServerRequest req) {
    State s = states.get(req.connection());
    if (s == null) {
      return; // over the cap and being closed
    }
    s.request = req;
    s.deadline = clock.nanos() + bodyNanos;
    req.response().bodyEndHandler(v -> {
      s.request = null;
      s.deadline = clock.nanos() + keepAliveNanos;
    });
  }

  private void sweep() {
    long now = clock.nanos();
    List<HttpConnection> late = new ArrayList<>();
    for (Map.Entry<HttpConnection, State> e : states.entrySet()) {
      State s = e.getValue();
      // A request whose body is in is the service's to answer, however long that takes.
      if (now - s.deadline > 0 && (s.request == null || !s.request.isEnded())) {
        late.add(e.getKey());
      }
    }
    for (HttpConnection conn : late) {
      State s = states.remove(conn);
      if (s != null && s.request != null) {
        bodyTimedOut(s.request);
      } else {
        conn.close();
      }
    }
  }

  private void bodyTimedOut(HttpServerRequest req) {
    HttpServerResponse res = req.response();
    if (!res.headWritten() && !res.closed()) {
      HttpApi.endAndClose(req, 408, HttpApi.error("request body not received within " + bodyNanos / MS + " ms"));
    } else if (req.version() == HttpVersion.HTTP_2) {
      res.reset();
    } else {
      req.connection().close();
    }
  }
}
