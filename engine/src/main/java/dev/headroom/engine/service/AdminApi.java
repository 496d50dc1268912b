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
 *       "ttl": "10m"}} (key optional: the whole limit; {@code "k1"} means {@code "api|k1"}), validated
 *       whole before anything is stored; {@code GET /admin/overrides};
 *   <li>{@code POST /admin/policies/pause} and {@code /resume};
 *   <li>{@code POST /admin/reload}: re-read the config file, keeping bucket state; 400 for an invalid
 *       file, 409 when the service runs without a file or the file changes what needs a restart.
 * </ul>
 */
final class AdminApi implements Handler<HttpServerRequest> {

  /** Keys listed per limit, busiest first. */
  static final int KEYS_SHOWN = 100;

  private final Vertx vertx;
  private final Engine engine;
  private final Callable<Engine.ReloadReport> reload;

  AdminApi(Vertx vertx, Engine engine, Callable<Engine.ReloadReport> reload) {
    this.vertx = vertx;
    this.engine = engine;
    this.reload = reload;
  }

  @Override
  public void handle(HttpServerRequest req) {
    String auth = req.getHeader("authorization");
    byte[] token = ("Bearer " + engine.config().admin().token()).getBytes(StandardCharsets.UTF_8);
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
          .put("burst", l.burst()).put("keys", l.keys()).put("maxKeys", l.maxKeys())
          .put("shadow", l.shadow()).put("dryRun", l.dryRun())
          .put("allowed", l.allowed()).put("rejected", l.rejected()).put("shed", l.shed())
          .put("shadowRejected", l.shadowRejected()).put("shadowAdmitted", l.shadowAdmitted())
          .put("shadowKeys", l.shadowKeys()).put("dryRunRejected", l.dryRunRejected())
          .put("keyCapacityRejected", l.keyCapacity())
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
      if (!(o.getValue("limit") instanceof String limit)) {
        throw new IllegalArgumentException("\"limit\" is required: the name of a configured limit");
      }
      Object rate = o.getValue("ratePerSecond");
      if (!(rate instanceof Number n)) {
        throw new IllegalArgumentException("\"ratePerSecond\" must be a number");
      }
      Object key = o.getValue("key");
      if (key != null && !(key instanceof String)) {
        throw new IllegalArgumentException("\"key\" must be a string such as \"" + limit + "|k1\" (or left out: every key)");
      }
      Object ttlText = o.getValue("ttl", "10m");
      if (!(ttlText instanceof String)) {
        throw new IllegalArgumentException("\"ttl\" must be a duration such as \"10m\"");
      }
      Duration ttl = ttl((String) ttlText);
      String bucketKey = engine.override(limit, (String) key, n.doubleValue(), ttl);
      json(req.response(), 200, new JsonObject().put("limit", limit).put("key", bucketKey)
          .put("ratePerSecond", n.doubleValue()).put("ttlSeconds", ttl.toSeconds()).encode());
    } catch (io.vertx.core.json.DecodeException e) {
      json(req.response(), 400, error("override: the body must be a JSON object such as {\"limit\": \"api\", "
          + "\"ratePerSecond\": 50, \"ttl\": \"10m\"}"));
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
        .onFailure(e -> json(req.response(), reloadStatus(e), error("reload: " + e.getMessage())));
  }

  /**
   * 400 for a file with errors (it names file, line and field); 409 when the reload cannot apply in
   * this state (no config file, or a change that needs a restart, named in the message); 500 only
   * for a bug.
   */
  private static int reloadStatus(Throwable e) {
    if (e instanceof ConfigException) {
      return 400;
    }
    return e instanceof Engine.ReloadRefused || e instanceof IllegalStateException ? 409 : 500;
  }
}
