package dev.headroom.engine.service;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The service's HTTP routes on Vert.x core, non-blocking: the decision API ({@code POST /v1/check},
 * {@code POST /v1/check/batch}), {@code /health}, {@code /metrics}, the admin API under
 * {@code /admin/} and, for every other path an upstream's route covers, the gateway.
 */
final class HttpApi implements Handler<HttpServerRequest> {

  /** Largest request body read; a decision API call is a few hundred bytes. */
  static final int MAX_BODY = 1 << 20;
  static final int MAX_BATCH = 1000;

  private final Engine engine;
  private final AdminApi admin;
  private final Metrics metrics;
  private final UpstreamProxy gateway;

  HttpApi(Engine engine, AdminApi admin, Metrics metrics, UpstreamProxy gateway) {
    this.engine = engine;
    this.admin = admin;
    this.metrics = metrics;
    this.gateway = gateway;
  }

  @Override
  public void handle(HttpServerRequest req) {
    String path = req.path();
    switch (path) {
      case "/v1/check" -> withBody(req, HttpMethod.POST, body -> check(req, body));
      case "/v1/check/batch" -> withBody(req, HttpMethod.POST, body -> batch(req, body));
      case "/v1/release" -> withBody(req, HttpMethod.POST, body -> release(req, body));
      case "/health" -> json(req.response(), 200, "{\"status\":\"ok\"}");
      case "/metrics" -> req.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
          .end(metrics.scrape());
      default -> {
        if (path.startsWith("/admin/") || path.equals("/admin")) {
          admin.handle(req);
        } else if (gateway == null || !gateway.offer(req)) {
          json(req.response(), 404, error("no route " + path + "; the decision API is POST /v1/check"));
        }
      }
    }
  }

  private void withBody(HttpServerRequest req, HttpMethod method, Handler<Buffer> then) {
    if (req.method() != method) {
      json(req.response().putHeader("allow", method.name()), 405, error(req.path() + " takes " + method.name()));
      return;
    }
    String length = req.getHeader("content-length");
    if (length != null && length.length() > 0 && parseLong(length) > MAX_BODY) {
      json(req.response(), 413, error("request body over " + MAX_BODY + " bytes"));
      return;
    }
    req.body().onSuccess(then).onFailure(e -> json(req.response(), 400, error("could not read the body: " + e.getMessage())));
  }

  private void check(HttpServerRequest req, Buffer body) {
    DecisionRequest d = decisionOrBadRequest(req, body);
    if (d == null) {
      return;
    }
    CheckResult r;
    try {
      r = engine.check(d, d.cost());
    } catch (IllegalArgumentException e) {
      metrics.badRequest();
      json(req.response(), 400, error(e.getMessage())); // such as a cost above the burst
      return;
    }
    HttpServerResponse res = req.response();
    RateLimitHeaders.put(res.headers(), r);
    json(res, 200, result(new StringBuilder(160), r).toString());
  }

  /**
   * {@code POST /v1/release} with the same body as the check that was admitted: gives a concurrency
   * limit its slot back when the caller's work is done (other limits ignore it).
   */
  private void release(HttpServerRequest req, Buffer body) {
    DecisionRequest d = decisionOrBadRequest(req, body);
    if (d == null) {
      return;
    }
    String limit = engine.releaseFor(d, d.cost());
    json(req.response(), 200, "{\"released\":" + (limit != null) + ",\"limitName\":"
        + (limit == null ? "null" : quote(limit)) + "}");
  }

  private void batch(HttpServerRequest req, Buffer body) {
    Object parsed;
    try {
      parsed = parse(body);
    } catch (DecisionRequest.BadRequest e) {
      metrics.badRequest();
      json(req.response(), 400, error(e.getMessage()));
      return;
    }
    if (!(parsed instanceof JsonObject o) || !(o.getValue("checks") instanceof JsonArray checks)) {
      metrics.badRequest();
      json(req.response(), 400, error("body must be {\"checks\": [{\"key\": ..., \"cost\": ...}, ...]}"));
      return;
    }
    if (checks.size() > MAX_BATCH) {
      json(req.response(), 400, error("at most " + MAX_BATCH + " checks per batch, got " + checks.size()));
      return;
    }
    // Validate all first, so a bad entry consumes nothing.
    DecisionRequest[] requests = new DecisionRequest[checks.size()];
    try {
      for (int i = 0; i < requests.length; i++) {
        requests[i] = DecisionRequest.of(checks.getValue(i), "checks[" + i + "]");
      }
    } catch (DecisionRequest.BadRequest e) {
      metrics.badRequest();
      json(req.response(), 400, error(e.getMessage()));
      return;
    }
    StringBuilder out = new StringBuilder(32 + 160 * requests.length).append("{\"results\":[");
    for (int i = 0; i < requests.length; i++) {
      CheckResult r;
      try {
        r = engine.check(requests[i], requests[i].cost());
      } catch (IllegalArgumentException e) {
        out.append(i == 0 ? "" : ",").append("{\"error\":").append(quote("checks[" + i + "]: " + e.getMessage())).append('}');
        continue;
      }
      result(out.append(i == 0 ? "" : ","), r);
    }
    json(req.response(), 200, out.append("]}").toString());
  }

  /** The body as one validated check, or null after answering 400 with the reason. */
  private DecisionRequest decisionOrBadRequest(HttpServerRequest req, Buffer body) {
    try {
      return DecisionRequest.of(parse(body), "body");
    } catch (DecisionRequest.BadRequest e) {
      metrics.badRequest();
      json(req.response(), 400, error(e.getMessage()));
      return null;
    }
  }

  /** The body as JSON, or {@link DecisionRequest.BadRequest} when empty or malformed (fuzzed directly). */
  static Object parse(Buffer body) {
    if (body.length() == 0) {
      throw new DecisionRequest.BadRequest("empty body: send JSON such as {\"key\": \"user-1\", \"cost\": 1}");
    }
    try {
      return io.vertx.core.json.Json.decodeValue(body);
    } catch (DecodeException e) {
      throw new DecisionRequest.BadRequest("malformed JSON: " + firstLine(e.getMessage()));
    }
  }

  static StringBuilder result(StringBuilder b, CheckResult r) {
    b.append("{\"allowed\":").append(r.allowed())
        .append(",\"limit\":").append(r.limit())
        .append(",\"remaining\":").append(r.remaining())
        .append(",\"resetMs\":").append(r.resetMillis())
        .append(",\"retryAfterMs\":").append(r.retryAfterMillis())
        .append(",\"policy\":").append(quote(r.policy()));
    if (r.matched()) {
      b.append(",\"limitName\":").append(quote(r.limitName()));
    }
    if (r.shadow()) {
      b.append(",\"shadowRejected\":true");
    }
    if (r.shed()) {
      b.append(",\"shed\":true");
    }
    return b.append('}');
  }

  static void json(HttpServerResponse res, int status, String body) {
    res.setStatusCode(status).putHeader("content-type", "application/json").end(body);
  }

  static String error(String message) {
    return "{\"error\":" + quote(message) + "}";
  }

  static String quote(String s) {
    return io.vertx.core.json.Json.encode(s);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }
}
