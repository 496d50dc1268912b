package dev.headroom.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.engine.config.ConfigLoader;
import dev.headroom.engine.config.HeadroomConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The running service over real HTTP: decisions, headers, 400s, priorities, admin, metrics, reload. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DecisionApiIT {

  static final String TOKEN = "test-admin-token-0123456789";

  static String config(long burst) {
    return """
        server: {host: 127.0.0.1, port: 0}
        admin: {token: %s}
        telemetry: {interval: 1s, spoolPath: %s, spoolMaxSize: 1MiB}
        limits:
          - name: jobs
            match:
              route: /jobs/
              key: [apiKey]
            algorithm: {type: concurrency, maxInFlight: 2}
          - name: api
            match:
              key: [apiKey]
            algorithm: {type: token-bucket, rate: 1/s, burst: %d}
            policy: {type: static}
            priorities:
              - name: core
                match: {headers: {X-Priority: core}}
              - name: standard
              - name: batch
                match: {headers: {X-Priority: batch}}
                shedAt: 0.5
        """.formatted(TOKEN, "/tmp/unused-spool.lp", burst);
  }

  @TempDir
  Path dir;
  Path file;
  HeadroomServer server;
  Http http;

  @BeforeEach
  void start() throws Exception {
    file = Files.writeString(dir.resolve("headroom.yaml"), config(10));
    HeadroomConfig c = new ConfigLoader().load(file);
    server = HeadroomServer.start(c, Optional.of(file), 2, new PrintStream(System.out), null);
    http = new Http(server.port(), TOKEN);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private JsonObject check(String body) {
    HttpResponse<String> r = http.post("/v1/check", body);
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }

  @Test
  void admitsUpToTheBurstThenRefusesWithRetryAfter() {
    for (int i = 0; i < 10; i++) {
      JsonObject ok = check("{\"key\":\"k1\",\"cost\":1}");
      assertTrue(ok.getBoolean("allowed"), ok.encode());
      assertEquals(9 - i, ok.getLong("remaining"));
    }
    HttpResponse<String> denied = http.post("/v1/check", "{\"key\":\"k1\"}");
    JsonObject body = new JsonObject(denied.body());
    assertFalse(body.getBoolean("allowed"));
    assertTrue(body.getLong("retryAfterMs") > 0 && body.getLong("retryAfterMs") <= 1000, body.encode());
    assertEquals("static", body.getString("policy"));
    assertEquals("1", denied.headers().firstValue("Retry-After").orElseThrow());
    assertEquals("\"api\";q=10;w=10", denied.headers().firstValue("RateLimit-Policy").orElseThrow());
    assertTrue(denied.headers().firstValue("RateLimit").orElseThrow().startsWith("\"api\";r=0;t="));
    // Another key has its own bucket; the descriptor form reaches the same limit.
    assertTrue(check("{\"descriptors\":{\"X-Api-Key\":\"k2\"}}").getBoolean("allowed"));
  }

  @Test
  void aConcurrencyLimitIsGivenBackByRelease() {
    String job = "{\"descriptors\":{\"X-Api-Key\":\"j\",\"path\":\"/jobs/nightly\"}}";
    assertTrue(check(job).getBoolean("allowed"));
    assertTrue(check(job).getBoolean("allowed"));
    JsonObject third = check(job);
    assertFalse(third.getBoolean("allowed"), third.encode());
    assertEquals("jobs", third.getString("limitName"));
    HttpResponse<String> released = http.post("/v1/release", job);
    assertEquals(200, released.statusCode(), released.body());
    assertEquals("{\"released\":true,\"limitName\":\"jobs\"}", released.body());
    assertTrue(check(job).getBoolean("allowed"), "the released slot was not given back");
    assertEquals("{\"released\":false,\"limitName\":null}", http.post("/v1/release", "{\"key\":\"k\"}").body());
  }

  @Test
  void batchChecksInOneCall() {
    HttpResponse<String> r = http.post("/v1/check/batch",
        "{\"checks\":[{\"key\":\"b1\",\"cost\":4},{\"key\":\"b1\",\"cost\":4},{\"key\":\"b1\",\"cost\":4}]}");
    assertEquals(200, r.statusCode(), r.body());
    JsonArray results = new JsonObject(r.body()).getJsonArray("results");
    assertEquals(3, results.size());
    assertTrue(results.getJsonObject(0).getBoolean("allowed"));
    assertTrue(results.getJsonObject(1).getBoolean("allowed"));
    assertFalse(results.getJsonObject(2).getBoolean("allowed"));
  }

  @Test
  void badRequestsGet400WithAClearMessage() {
    assertBad(http.post("/v1/check", "{\"key\": "), "malformed JSON");
    assertBad(http.post("/v1/check", "{\"cost\": 1}"), "give a non-empty \"key\" or \"descriptors\"");
    assertBad(http.post("/v1/check", "{\"key\":\"k\",\"cost\":0}"), "body.cost must be a whole number between 1 and");
    assertBad(http.post("/v1/check", "{\"key\":\"k\",\"cost\":1e12}"), "body.cost must be a whole number between 1 and");
    assertBad(http.post("/v1/check", "{\"key\":\"k\",\"cost\":2.5}"), "body.cost must be a whole number");
    assertBad(http.post("/v1/check", "{\"key\":\"k\",\"cost\":11}"), "cost");
    assertBad(http.post("/v1/check", ""), "empty body");
    assertBad(http.post("/v1/check/batch", "{\"checks\":[{\"key\":\"x\"},{\"cost\":1}]}"), "checks[1]");
    assertEquals(405, http.get("/v1/check").statusCode());
  }

  private static void assertBad(HttpResponse<String> r, String expected) {
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(new JsonObject(r.body()).getString("error").contains(expected), r.body());
  }

  @Test
  void batchTrafficIsShedBeforeCoreTraffic() {
    String batch = "{\"descriptors\":{\"X-Api-Key\":\"p\",\"X-Priority\":\"batch\"}}";
    String core = "{\"descriptors\":{\"X-Api-Key\":\"p\",\"X-Priority\":\"core\"}}";
    for (int i = 0; i < 5; i++) {
      assertTrue(check(batch).getBoolean("allowed"), "batch request " + i);
    }
    JsonObject shed = check(batch); // 5 of 10 left: under batch's 50% line
    assertFalse(shed.getBoolean("allowed"), shed.encode());
    assertTrue(shed.getBoolean("shed"));
    for (int i = 0; i < 5; i++) {
      assertTrue(check(core).getBoolean("allowed"), "core request " + i);
    }
  }

  @Test
  void adminNeedsTheTokenAndOverridesAndPausesWork() {
    HttpResponse<String> anonymous = http.get("/admin/limits");
    assertEquals(401, anonymous.statusCode());
    HttpResponse<String> wrong = new Http(server.port(), "not-the-token").admin("POST", "/admin/policies/pause", "");
    assertEquals(401, wrong.statusCode());
    assertFalse(server.engine().policiesPaused(), "an unauthenticated call changed something");

    HttpResponse<String> limits = http.admin("GET", "/admin/limits", null);
    assertEquals(200, limits.statusCode(), limits.body());
    JsonObject api = new JsonArray(limits.body()).getJsonObject(1);
    assertEquals("api", api.getString("name"));
    assertEquals(1.0, api.getDouble("staticRatePerSecond"));

    assertEquals(200, http.admin("POST", "/admin/overrides",
        "{\"limit\":\"api\",\"key\":\"api|o1\",\"ratePerSecond\":1000,\"ttl\":\"5m\"}").statusCode());
    for (int i = 0; i < 10; i++) {
      check("{\"key\":\"o1\"}");
    }
    // At 1000/s the bucket refills within a few milliseconds; at the static 1/s it would not.
    sleep(50);
    assertTrue(check("{\"key\":\"o1\"}").getBoolean("allowed"));
    assertEquals(400, http.admin("POST", "/admin/overrides", "{\"limit\":\"nope\",\"ratePerSecond\":5}").statusCode());
    assertEquals(200, http.admin("POST", "/admin/policies/pause", "").statusCode());
    assertTrue(server.engine().policiesPaused());
    assertEquals(200, http.admin("POST", "/admin/policies/resume", "").statusCode());
    assertFalse(server.engine().policiesPaused());
  }

  @Test
  void reloadKeepsBucketState() throws Exception {
    for (int i = 0; i < 6; i++) {
      check("{\"key\":\"r1\"}");
    }
    Files.writeString(file, config(20)); // a larger burst: same algorithm, state carried over
    HttpResponse<String> reload = http.admin("POST", "/admin/reload", "");
    assertEquals(200, reload.statusCode(), reload.body());
    assertTrue(reload.body().contains("\"keptState\":[\"api\"]"), reload.body());
    JsonObject after = check("{\"key\":\"r1\"}");
    assertEquals(20, after.getLong("limit"));
    assertTrue(after.getLong("remaining") < 19, "state was lost: " + after.encode());

    Files.writeString(file, "limits: [{name: api, algorithm: {type: token-bucket, rate: fast}}]\n");
    HttpResponse<String> bad = http.admin("POST", "/admin/reload", "");
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("headroom.yaml:1"), bad.body());
    assertEquals(20, check("{\"key\":\"r1\"}").getLong("limit"), "a bad file must not replace the running config");
  }

  @Test
  void metricsAndHealth() {
    check("{\"key\":\"m1\"}");
    assertEquals(200, http.get("/health").statusCode());
    String metrics = http.get("/metrics").body();
    assertTrue(metrics.contains("headroom_decisions_total{limit=\"api\",outcome=\"allowed\"}"), metrics);
    assertTrue(metrics.contains("headroom_telemetry_points_total"), metrics);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
