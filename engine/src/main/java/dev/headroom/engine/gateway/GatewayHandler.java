/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.gateway;

import dev.headroom.engine.clock.Clock;
import dev.headroom.engine.config.UpstreamConfig;
import dev.headroom.engine.service.Engine;
import dev.headroom.engine.service.HttpRequestView;
import dev.headroom.engine.service.OnceLog;
import dev.headroom.engine.service.UpstreamProxy;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Gateway mode: a reverse proxy that throttles what it forwards. Each request goes to the upstream
 * with the longest matching route prefix, is checked against the engine's limits (police: 429 at
 * once; shape: held up to maxWait), is paced to the upstream's provider quota when it has one, and
 * is forwarded with its answer streamed back. Everything runs on event loops with timers: nothing
 * blocks, and no thread sleeps while a request waits.
 *
 * <p>An upstream's {@code maxWait} bounds a request's whole wait, counted from its arrival: held for
 * a limit (shape mode) and queued for a quota slot together. A retry after the provider's 429 gets a
 * fresh {@code maxWait} for its quota slot, its own wait being bounded by {@code retry.maxRetryAfter}.
 *
 * <p>Mount it for the paths under the upstreams' routes; a request no upstream serves gets 404. A
 * reload ({@link #reconfigure}) swaps the routes for new requests: in-flight ones finish on theirs.
 */
public final class GatewayHandler implements Handler<HttpServerRequest>, UpstreamProxy {

  /** Connections per upstream host: enough for the gateway's share of a busy event loop. */
  static final int POOL_SIZE = 256;

  private final Engine engine;
  private final Clock clock;
  /** Longest route prefix first; replaced whole on reload. */
  private volatile List<UpstreamRoute> routes;
  private final OutboundPacer.Settings pacing;
  /**
   * One client per event-loop thread: a pool shared by all loops hands a request on one loop a
   * connection owned by another, and every forwarded request then hops between threads twice.
   */
  private final java.util.concurrent.ConcurrentHashMap<Thread, HttpClientAgent> clients =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final Admission admission;
  private final ForwardedFor forwarded;
  /** Upstream failures are logged once per upstream and kind; the caller gets a generic answer. */
  private final OnceLog log = new OnceLog(System.err);
  private final Vertx vertx;

  public GatewayHandler(Vertx vertx, Engine engine, List<UpstreamConfig> upstreams) {
    this(vertx, engine, upstreams, engine.clock(), OutboundPacer.Settings.defaults());
  }

  /** With the clock and push-back settings of provider pacing given: for tests and embedding. */
  public GatewayHandler(Vertx vertx, Engine engine, List<UpstreamConfig> upstreams, Clock clock,
      OutboundPacer.Settings pacing) {
    this.vertx = vertx;
    this.engine = engine;
    this.clock = clock;
    this.pacing = pacing;
    this.routes = routes(upstreams, List.of());
    this.admission = new Admission(vertx, engine, clock);
    // Server settings take a restart, so the trusted proxies are read once.
    this.forwarded = new ForwardedFor(engine.config().server().trustedProxies());
  }

  @Override
  public synchronized void reconfigure(List<UpstreamConfig> upstreams) {
    routes = routes(upstreams, routes);
  }

  /** Routes for {@code upstreams}, reusing from {@code current} every upstream configured the same. */
  private List<UpstreamRoute> routes(List<UpstreamConfig> upstreams, List<UpstreamRoute> current) {
    List<UpstreamRoute> list = new ArrayList<>();
    for (UpstreamConfig u : upstreams) {
      UpstreamRoute same = current.stream().filter(r -> r.config.equals(u)).findFirst().orElse(null);
      list.add(same != null ? same : new UpstreamRoute(u, vertx, clock, pacing));
    }
    // Longest prefix first: /api/admin/ wins over /api/ wins over /.
    list.sort(Comparator.comparingInt((UpstreamRoute r) -> r.config.route().length()).reversed());
    return List.copyOf(list);
  }

  /** The routes in force, longest prefix first. */
  List<UpstreamRoute> routes() {
    return routes;
  }


  @Override
  public void handle(HttpServerRequest req) {
    if (!offer(req)) {
      Replies.reject(req, GatewayRejection.notFound("no upstream serves this path"));
    }
  }

  @Override
  public boolean offer(HttpServerRequest req) {
    if (routes.isEmpty()) {
      return false;
    }
    // Routes and limits see the path the upstream will act on, never the raw one.
    String path;
    try {
      path = PathNormalizer.normalize(req.path());
    } catch (PathNormalizer.BadPath e) {
      Replies.reject(req, GatewayRejection.badRequest(e.getMessage()));
      return true;
    }
    UpstreamRoute route = route(path);
    if (route == null) {
      return false;
    }
    String peer = HttpRequestView.remoteIp(req);
    boolean fromProxy = peer != null && forwarded.trusts(peer);
    HttpRequestView view = new HttpRequestView(req, path,
        fromProxy ? forwarded.clientIp(peer, req.headers().getAll("X-Forwarded-For")) : peer);
    // Paused until it is admitted: a held request must not lose its body, nor read it early.
    req.pause();
    long deadline = clock.nanos() + route.config.maxWait().toNanos();
    admission.admit(route, req, view, deadline)
        .onSuccess(check -> new Exchange(vertx, client(), engine, clock, route, req, view, fromProxy, check, log)
            .start(deadline))
        .onFailure(err -> {
          if (err instanceof GatewayRejection r) {
            Replies.reject(req, r);
          } else {
            log.log("gateway " + err.getClass().getName(), "gateway error: " + OnceLog.describe(err));
            Replies.reject(req, GatewayRejection.internal("internal error"));
          }
        });
    return true;
  }

  /** The calling event loop's client, created on its first forwarded request. */
  private HttpClientAgent client() {
    return clients.computeIfAbsent(Thread.currentThread(), t -> vertx.createHttpClient(
        new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(POOL_SIZE)));
  }

  private UpstreamRoute route(String path) {
    if (path == null) {
      return null;
    }
    for (UpstreamRoute r : routes) {
      if (r.serves(path)) {
        return r;
      }
    }
    return null;
  }

  /** One upstream as the admin API and metrics show it. */
  public record UpstreamStatus(String name, String route, UpstreamConfig.Mode mode, int waiting,
      int queueSize, double pacedRatePerSecond, double quotaRatePerSecond, long providerPushBacks) {}

  /** The upstreams' queues and pacing; rates are NaN for an upstream without a provider quota. */
  public List<UpstreamStatus> upstreams() {
    List<UpstreamStatus> out = new ArrayList<>();
    for (UpstreamRoute r : routes) {
      OutboundPacer p = r.gate == null ? null : r.gate.pacer();
      out.add(new UpstreamStatus(r.name(), r.config.route(), r.config.mode(), r.slots.waiting(),
          r.slots.max(), p == null ? Double.NaN : p.ratePerSecond(),
          p == null ? Double.NaN : p.quotaRatePerSecond(), p == null ? 0 : p.pushBacks()));
    }
    return out;
  }

  /** Closes the clients to the upstreams. */
  @Override
  public Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>();
    clients.values().forEach(c -> closing.add(c.close()));
    clients.clear();
    return Future.all(closing).mapEmpty();
  }
}
