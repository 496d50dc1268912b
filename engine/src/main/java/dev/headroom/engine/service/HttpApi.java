package dev.headroom.engine.service;

import dev.headroom.engine.config.HeadroomConfig;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * The service's HTTP routes on Vert.x core, non-blocking: the decision API ({@code POST /v1/check},
 * {@code POST /v1/check/batch}, {@code POST /v1/release}), {@code /health}, {@code /metrics}, the
 * admin API under {@code /admin/} and, for every other path an upstream's route covers, the gateway.
 *
 * <p>One instance per listener, by {@link Role}: the gateway's port never answers the decision API,
 * release, metrics or admin (a client reaching the gateway could spend anyone's bucket). Every body
 * is read under the size cap, and no exception escapes a handler: an unexpected one is answered 500
 * with a short body and logged once per kind.
 */
final class HttpApi implements Handler<HttpServerRequest> {

  static final int MAX_BATCH = 1000;

  /** What a listener serves. */
  enum Role {
    /** One listener for everything: no upstreams and no API listener configured. */
    ALL,
    /** The main listener beside an API listener: the gateway and {@code /health}. */
    GATEWAY,
    /** The API listener: decision API, release, metrics, admin and {@code /health}. */
    API
  }

  private final Engine engine;
  private final AdminApi admin;
  private final Metrics metrics;
  private final UpstreamProxy gateway;
  private final Role role;
  private final long maxBody;
  private final OnceLog log;
  private volatile HeadroomConfig fieldsFor;
  private volatile Set<String> fields = BodyFields.BUILT_IN;

  HttpApi(Engine engine, AdminApi admin, Metrics metrics, UpstreamProxy gateway, Role role, long maxBody, OnceLog log) {
    this.engine = engine;
    this.admin = admin;
    this.metrics = metrics;
    this.gateway = gateway;
    this.role = role;
    this.maxBody = maxBody;
    this.log = log;
  }

  @Override
  public void handle(HttpServerRequest req) {
    safely(req, "route", () -> route(req));
  }

  private void route(HttpServerRequest req) {
    String path = req.path();
    if (path == null) {
      json(req.response(), 400, error("the request target has no path"));
      return;
    }
    if ("/health".equals(path)) {
      json(req.response(), 200, "{\"status\":\"ok\"}");
      return;
    }
    boolean api = isApi(path);
    if (api && role != Role.GATEWAY) {
      api(req, path);
    } else if (role != Role.API && gateway != null && gateway.offer(req)) {
      return;
    } else if (api) {
      json(req.response(), 404, error(path + " is not served on the gateway's port: the decision API, release, "
          + "/metrics and the admin API listen on the API listener (server.api)"));
    } else {
      json(req.response(), 404, error("no route " + path + "; the decision API is POST /v1/check"));
    }
  }

  private static boolean isApi(String path) {
    return switch (path) {
      case "/v1/check", "/v1/check/batch", "/v1/release", "/metrics", "/admin" -> true;
      default -> path.startsWith("/admin/");
    };
  }

  private void api(HttpServerRequest req, String path) {
    switch (path) {
      case "/v1/check" -> withBody(req, HttpMethod.POST, body -> check(req, body));
      case "/v1/check/batch" -> withBody(req, HttpMethod.POST, body -> batch(req, body));
      case "/v1/release" -> withBody(req, HttpMethod.POST, body -> release(req, body));
      case "/metrics" -> metrics.serve(req);
      default -> capped(req, body -> admin.handle(new PreReadRequest(req, body)));
    }
  }

  private void withBody(HttpServerRequest req, HttpMethod method, Handler<Buffer> then) {
    if (req.method() != method) {
      json(req.response().putHeader("allow", method.name()), 405, error(req.path() + " takes " + method.name()));
      return;
    }
    capped(req, then);
  }

  /** Reads the body under the cap, then runs {@code then} on it; 413 (and the connection closed) over it. */
  private void capped(HttpServerRequest req, Handler<Buffer> then) {
    BodyLimit.read(req, maxBody).onComplete(ar -> safely(req, "body", () -> {
      if (ar.succeeded()) {
        then.handle(ar.result());
      } else if (ar.cause() instanceof BodyLimit.TooLarge e) {
        metrics.badRequest();
        endAndClose(req, 413, error(e.getMessage()));
      } else {
        json(req.response(), 400, error("could not read the body: " + ar.cause().getMessage()));
      }
    }));
  }

  /**
   * Answers, then closes an HTTP/1 connection whose request body was left unread: it cannot carry
   * another request. An HTTP/2 stream ends alone (its flow control stops the sender).
   */
  static void endAndClose(HttpServerRequest req, int status, String body) {
    HttpServerResponse res = req.response();
    boolean http1 = req.version() != HttpVersion.HTTP_2;
    if (http1) {
      res.putHeader("connection", "close");
    }
    res.setStatusCode(status).putHeader("content-type", "application/json").end(body).onComplete(v -> {
      if (http1) {
        req.connection().close();
      }
    });
  }

  /**
   * Runs one step of a handler; an exception it throws is answered 500 with a short body (never a
   * stack trace) and logged once per kind, so a bug cannot leave a request hanging nor flood the log.
   */
  private void safely(HttpServerRequest req, String step, Runnable body) {
    try {
      body.run();
    } catch (RuntimeException | Error e) {
      if (e instanceof VirtualMachineError vm) {
        throw vm;
      }
      log.log(e.getClass().getName() + " in " + step, "unexpected " + OnceLog.describe(e) + " answering "
          + req.method() + " " + clip(req.path()));
      HttpServerResponse res = req.response();
      if (res.closed() || res.ended()) {
        return;
      }
      if (res.headWritten()) {
        res.reset();
      } else {
        json(res, 500, error("internal error"));
      }
    }
  }

  private static String clip(String s) {
    return s == null || s.length() <= 100 ? s : s.substring(0, 100) + "...";
  }

  /** The body fields the configuration in force reads; recomputed after a reload. */
  private Set<String> fields() {
    HeadroomConfig c = engine.config();
    if (c != fieldsFor) {
      fields = BodyFields.of(c);
      fieldsFor = c;
    }
    return fields;
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
    String limit;
    try {
      limit = engine.releaseFor(d, d.cost());
    } catch (IllegalStateException e) {
      // Nothing (or less than the cost) is held for this key: a double release or one never acquired.
      json(req.response(), 409, "{\"released\":false,\"error\":" + quote(e.getMessage()) + "}");
      return;
    }
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
    if (parsed instanceof JsonObject o) {
      for (String field : o.fieldNames()) {
        if (!field.equals("checks")) {
          metrics.badRequest();
          json(req.response(), 400, error("body: unknown field " + quote(field.length() > 64 ? field.substring(0, 64) + "..." : field)
              + "; a batch is {\"checks\": [...]}"));
          return;
        }
      }
    }
    if (!(parsed instanceof JsonObject o) || !(o.getValue("checks") instanceof JsonArray checks)) {
      metrics.badRequest();
      json(req.response(), 400, error("body must be {\"checks\": [{\"key\": ..., \"cost\": ...}, ...]}"));
      return;
    }
    if (checks.size() > MAX_BATCH) {
      metrics.badRequest();
      json(req.response(), 400, error("checks: at most " + MAX_BATCH + " per batch, got " + checks.size()));
      return;
    }
    // Validate all first, so a bad entry consumes nothing.
    DecisionRequest[] requests = new DecisionRequest[checks.size()];
    try {
      for (int i = 0; i < requests.length; i++) {
        requests[i] = DecisionRequest.of(checks.getValue(i), "checks[" + i + "]", fields());
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
      return DecisionRequest.of(parse(body), "body", fields());
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
    if (r.dryRun()) {
      b.append(",\"dryRunRejected\":true");
    }
    if (r.reason() != null) {
      b.append(",\"reason\":").append(quote(r.reason()));
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
}
