package dev.headroom.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.engine.config.ConfigLoader;
import dev.headroom.engine.limiter.RefillLimit;
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

/**
 * A policy's {@code shadow: true} and a limit's {@code dryRun: true} on the running service: shadow
 * enforces the static limit and counts where the policy, on buckets of its own, disagrees; a dry
 * run admits everything and counts what it would have refused.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ShadowModeIT {

  static final String TOKEN = "test-admin-token-0123456789";

  @TempDir
  Path dir;
  HeadroomServer server;
  Http http;

  @BeforeEach
  void start() throws Exception {
    Path file = Files.writeString(dir.resolve("headroom.yaml"), """
        server: {host: 127.0.0.1, port: 0}
        admin: {token: %s}
        telemetry: {interval: 1s, spoolPath: %s, spoolMaxSize: 1MiB}
        limits:
          - name: dry
            match: {route: /dry, key: [apiKey]}
            algorithm: {type: token-bucket, rate: 1/min, burst: 2}
            dryRun: true
          - name: search
            match: {key: [apiKey]}
            algorithm: {type: token-bucket, rate: 20/min, burst: 5}
            policy:
              type: schedule
              shadow: true
              max: 5000/s
              zone: UTC
              schedule:
                - {days: mon-sun, from: "00:00", to: "23:59", rate: 4000/s}
        """.formatted(TOKEN, dir.resolve("spool.lp")));
    server = HeadroomServer.start(new ConfigLoader().load(file), Optional.of(file), 1, new PrintStream(System.out),
        null);
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
  void shadowEnforcesTheStaticLimitAndCountsWhereThePolicyDisagrees() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertTrue(check("{\"key\":\"a\"}").getBoolean("allowed"), "request " + i + " within the burst");
    }
    JsonObject sixth = check("{\"key\":\"a\"}");
    assertFalse(sixth.getBoolean("allowed"), "shadow mode must enforce the static limit: " + sixth.encode());
    assertTrue(sixth.getBoolean("shadowRejected"), "both buckets are empty: the policy refuses too");

    LimitRuntime search = server.engine().runtime("search");
    // The test plays the policy loop by hand; the service's own loop must not overwrite its rates.
    assertEquals(200, http.admin("POST", "/admin/policies/pause", null).statusCode());
    // What the policy loop does each refresh: the policy's rate goes to the shadow bucket only.
    assertTrue(search.applyPolicyRate("search|a", 1000));
    assertEquals(20 / 60.0, ((RefillLimit) search.registry().config("search|a")).rate().perSecond(),
        1e-9, "the enforcing bucket keeps the static rate");
    Thread.sleep(50); // the shadow bucket refills at 1000/s; the enforced one, at one token per 3 s, does not
    JsonObject refused = check("{\"key\":\"a\"}");
    assertFalse(refused.getBoolean("allowed"), refused.encode());
    assertNull(refused.getValue("shadowRejected"), "the policy would have admitted it: " + refused.encode());

    // The other way round: a policy slower than the static rate refuses what the limit admits.
    for (int i = 0; i < 5; i++) {
      check("{\"key\":\"b\"}");
    }
    assertTrue(search.applyPolicyRate("search|b", 0.001));
    Thread.sleep(3100); // one token back at one per 3 s; none at 0.001/s
    JsonObject admitted = check("{\"key\":\"b\"}");
    assertTrue(admitted.getBoolean("allowed"), admitted.encode());
    assertTrue(admitted.getBoolean("shadowRejected"), admitted.encode());
    assertFalse(search.applyPolicyRate("search|never-seen", 10), "an absent key is not created");

    JsonObject limit = new JsonArray(http.admin("GET", "/admin/limits", null).body()).getJsonObject(1);
    assertEquals("search", limit.getString("name"));
    assertEquals(1, limit.getLong("shadowRejected"), limit.encode());
    assertEquals(1, limit.getLong("shadowAdmitted"), limit.encode());
    assertTrue(limit.getBoolean("shadow"));
    String metrics = http.get("/metrics").body();
    assertTrue(metrics.contains("headroom_decisions_total{limit=\"search\",outcome=\"shadow_rejected\"} 1.0"), metrics);
    assertTrue(metrics.contains("headroom_decisions_total{limit=\"search\",outcome=\"shadow_admitted\"} 1.0"), metrics);
  }

  @Test
  void aDryRunAdmitsEverythingAndCountsWhatItWouldRefuse() {
    String body = "{\"descriptors\":{\"X-Api-Key\":\"d\",\"path\":\"/dry\"}}";
    assertTrue(check(body).getBoolean("allowed"));
    assertTrue(check(body).getBoolean("allowed"));
    JsonObject third = check(body);
    assertTrue(third.getBoolean("allowed"), third.encode());
    assertTrue(third.getBoolean("dryRunRejected"), third.encode());
    assertEquals("dry", third.getString("limitName"));
    JsonObject limit = new JsonArray(http.admin("GET", "/admin/limits", null).body()).getJsonObject(0);
    assertEquals(1, limit.getLong("dryRunRejected"), limit.encode());
    assertEquals(0, limit.getLong("rejected"), limit.encode());
    assertTrue(http.get("/metrics").body()
        .contains("headroom_decisions_total{limit=\"dry\",outcome=\"dry_run_rejected\"} 1.0"));
  }
}
