package dev.headroom.engine.service;

import static dev.headroom.engine.service.HttpApi.error;
import static dev.headroom.engine.service.HttpApi.json;

import dev.headroom.engine.config.ConfigException;
import dev.headroom.engine.config.DurationText;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;

/**
 * The admin API, behind {@code Authorization: Bearer TOKEN}. A call without the right token gets
 * 401 and changes nothing.
 *
 * <ul>
 *   <li>{@code GET /admin/limits}: every limit with its static rate, burst, counters and, per busy
 *       key, the rate in force, the recent request rate, the policy's reason and forecast model;
 *   <li>{@code POST /admin/overrides} {@code {"limit": "api", "key": "api|k1", "ratePerSecond": 500,
 *       "ttl": "10m"}} (key optional: the whole limit); {@code GET /admin/overrides};
 *   <li>{@code POST /admin/policies/pause} and {@code /resume};
 *   <li>{@code POST /admin/reload}: re-read the config file, keeping bucket state.
 * </ul>
 */
final class AdminApi implements Handler<HttpServerRequest> {

  /** Keys listed per limit, busiest first. */
  static final int KEYS_SHOWN = 100;

  private final Vertx vertx;
  private final Engine engine;
  private final byte[] token;
  private final Callable<Engine.ReloadReport> reload;

  AdminApi(Vertx vertx, Engine engine, String token, Callable<Engine.ReloadReport> reload) {
    this.vertx = vertx;
    this.engine = engine;
    this.token = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    this.reload = reload;
  }

  @Override
  public void handle(HttpServerRequest req) {
    String auth = req.getHeader("authorization");
    if (auth == null || !MessageDigest.isEqual(auth.getBytes(StandardCharsets.UTF_8), token)) {
      req.response().putHeader("www-authenticate", "Bearer realm=\"headroom-admin\"");
      json(req.response(), 401, error("admin API: send Authorization: Bearer <admin token>"));
      return;
    }
    String route = req.method().name() + " " + req.path();
    switch (route) {
      case "GET /admin/limits" -> json(req.response(), 200, limits().encode());
      case "GET /admin/overrides" -> json(req.response(), 200, overrides().encode());
      case "POST /admin/overrides" -> req.body().onSuccess(b -> override(req, b.toString()));
      case "POST /admin/policies/pause" -> pause(req, true);
      case "POST /admin/policies/resume" -> pause(req, false);
      case "POST /admin/reload" -> reload(req);
      default -> json(req.response(), 404, error("no admin route " + route + "; see GET /admin/limits"));
    }
  }

  private JsonArray limits() {
    JsonArray out = new JsonArray();
    for (Engine.LimitStatus l : engine.limits()) {
      JsonArray keys = new JsonArray();
      l.keyRates().stream().sorted(Comparator.comparingDouble(PolicyLoop.KeyStatus::recentPerSecond).reversed())
          .limit(KEYS_SHOWN)
          .forEach(k -> keys.add(keyJson(k)));
      PolicyLoop.LimitSummary loop = l.loop();
      out.add(new JsonObject().put("name", l.name()).put("algorithm", l.algorithm()).put("policy", l.policy())
          .put("staticRatePerSecond", Double.isNaN(l.staticRatePerSecond()) ? null : l.staticRatePerSecond())
          .put("burst", l.burst()).put("keys", l.keys()).put("allowed", l.allowed()).put("rejected", l.rejected())
          .put("shed", l.shed()).put("shadowRejected", l.shadowRejected())
          .put("policiesPaused", engine.policiesPaused())
          .put("policyLoop", new JsonObject().put("trackedKeys", loop.trackedKeys())
              .put("untrackedKeys", loop.untrackedKeys()).put("modelledKeys", loop.modelledKeys())
              .put("fallbackKeys", loop.fallbackKeys()).put("shedKeys", loop.shedKeys())
              .put("shedBySurprise", loop.shedBySurprise()).put("pressure", loop.pressure())
              .put("pressureReason", loop.pressureReason()).put("problem", l.loopProblem()))
          .put("busiestKeys", keys));
    }
    return out;
  }

  /** One key as the admin API shows it: its rate, why, its forecast, its surprise and why it was shed. */
  static JsonObject keyJson(PolicyLoop.KeyStatus k) {
    return new JsonObject().put("key", k.key()).put("ratePerSecond", k.ratePerSecond())
        .put("recentPerSecond", k.recentPerSecond()).put("reason", k.reason()).put("fallback", k.fallback())
        .put("forecastModel", k.forecastModel()).put("forecastProblem", k.problem())
        .put("expectedPerSecond", finite(k.expectedPerSecond())).put("surprise", finite(k.surprise()))
        .put("shed", k.shed()).put("shedReason", k.shedReason());
  }

  private static Double finite(double x) {
    return Double.isFinite(x) ? x : null;
  }

  private JsonArray overrides() {
    JsonArray out = new JsonArray();
    for (PolicyLoop.Override o : engine.overrides()) {
      out.add(new JsonObject().put("limit", o.limit()).put("key", o.key()).put("ratePerSecond", o.ratePerSecond())
          .put("untilMillis", o.untilMillis()));
    }
    return out;
  }

  private void override(HttpServerRequest req, String body) {
    try {
      JsonObject o = new JsonObject(body);
      String limit = o.getString("limit");
      if (limit == null) {
        throw new IllegalArgumentException("\"limit\" is required");
      }
      Object rate = o.getValue("ratePerSecond");
      if (!(rate instanceof Number n)) {
        throw new IllegalArgumentException("\"ratePerSecond\" must be a number");
      }
      Duration ttl = ttl(o.getString("ttl", "10m"));
      engine.override(limit, o.getString("key"), n.doubleValue(), ttl);
      json(req.response(), 200, new JsonObject().put("limit", limit).put("key", o.getString("key"))
          .put("ratePerSecond", n.doubleValue()).put("ttlSeconds", ttl.toSeconds()).encode());
    } catch (RuntimeException e) {
      json(req.response(), 400, error("override: " + e.getMessage()));
    }
  }

  /** {@code 30s}, {@code 10m}, {@code 2h} ({@link DurationText}): an override never lasts for ever. */
  static Duration ttl(String text) {
    Duration d;
    try {
      d = DurationText.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"ttl\": " + e.getMessage() + ", got \"" + text + "\"");
    }
    if (d.isZero() || d.compareTo(Duration.ofDays(7)) > 0) {
      throw new IllegalArgumentException("\"ttl\" must be positive and at most 7d, got \"" + text + "\"");
    }
    return d;
  }

  private void pause(HttpServerRequest req, boolean pause) {
    if (req.method() != HttpMethod.POST) {
      json(req.response(), 405, error("use POST"));
      return;
    }
    engine.pausePolicies(pause);
    json(req.response(), 200, new JsonObject().put("policiesPaused", pause).encode());
  }

  private void reload(HttpServerRequest req) {
    Future<Engine.ReloadReport> done = vertx.executeBlocking(reload);
    done.onSuccess(r -> json(req.response(), 200, new JsonObject()
            .put("added", new JsonArray(r.added())).put("removed", new JsonArray(r.removed()))
            .put("keptState", new JsonArray(r.keptState())).put("resetState", new JsonArray(r.resetState()))
            .put("restartRequired", r.restartRequired()).encode()))
        .onFailure(e -> json(req.response(), e instanceof ConfigException ? 400 : 500,
            error("reload: " + e.getMessage())));
  }
}
