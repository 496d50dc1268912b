/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Police mode against a real upstream: forwarding, 429s with their headers, priorities, failures. */
class GatewayPoliceIT {

  private static Vertx vertx;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() throws Exception {
    Gateway.await(vertx.close());
  }

  /** Limits on /api/ per API key: 3 at once, refilled at 1 per minute so the test controls emptiness. */
  private static String config(String upstreamUrl, String extra) {
    return """
        limits:
          - name: api
            match:
              route: /api/
              key: [apiKey]
            algorithm:
              type: token-bucket
              rate: 1/min
              burst: 3
        upstreams:
          - name: app
            url: %s
            route: /api/
            mode: police
            timeout: 500ms
        %s""".formatted(upstreamUrl, extra);
  }

  @Test
  void forwardsMethodPathQueryBodyAndHeadersAndCopiesTheAnswerBack() throws Exception {
    FakeUpstream.Behavior echo = (req, call, n) -> req.response()
        .setStatusCode(201)
        .putHeader("X-Upstream", "echo")
        .putHeader("Content-Type", "text/plain")
        .end(call.method() + " " + call.uri() + " " + call.body());
    try (FakeUpstream up = new FakeUpstream(vertx, echo);
         Gateway gw = new Gateway(vertx, config(up.url(), ""))) {
      Gateway.Reply r = gw.call(HttpMethod.POST, "/api/orders?page=2",
          Map.of("X-Api-Key", "k1", "X-Custom", "kept"), "{\"qty\":3}");

      assertEquals(201, r.status());
      assertEquals("POST /api/orders?page=2 {\"qty\":3}", r.body());
      assertEquals("echo", r.header("X-Upstream"));
      assertEquals("\"api\";q=3;w=180", r.header("RateLimit-Policy"));
      assertEquals("\"api\";r=2;t=60", r.header("RateLimit"));
      assertNull(r.header("Retry-After"), "an admitted request has no Retry-After");

      FakeUpstream.Call seen = up.calls().getFirst();
      assertEquals("kept", seen.headers().get("X-Custom"));
      assertEquals("k1", seen.headers().get("X-Api-Key"));
      assertEquals("127.0.0.1", seen.headers().get("X-Forwarded-For"));
      assertEquals(up.url().substring("http://".length()), seen.headers().get("Host"),
          "the upstream sees its own host, as a third-party API expects");
    }
  }

  @Test
  void streamsLargeBodiesBothWays() throws Exception {
    int size = 8 << 20;
    FakeUpstream.Behavior chunkedEcho = (req, call, n) -> {
      // Answer in many chunks without a length: the gateway must relay a chunked body whole.
      var out = req.response().setChunked(true);
      String body = call.body();
      for (int i = 0; i < body.length(); i += 64 << 10) {
        out.write(body.substring(i, Math.min(body.length(), i + (64 << 10))));
      }
      out.end();
    };
    try (FakeUpstream up = new FakeUpstream(vertx, chunkedEcho);
         Gateway gw = new Gateway(vertx, config(up.url(), ""))) {
      StringBuilder sb = new StringBuilder(size);
      for (int i = 0; sb.length() < size; i++) {
        sb.append(Integer.toString(i, 36)).append(',');
      }
      String payload = sb.substring(0, size);
      Gateway.Reply r = gw.call(HttpMethod.PUT, "/api/bulk", Map.of("X-Api-Key", "k"), payload);
      assertEquals(200, r.status());
      assertEquals(size, up.calls().getFirst().body().length(), "the upstream got the whole upload");
      assertEquals(payload, r.body(), "the caller got the whole answer back");
    }
  }

  @Test
  void answers429WithRetryAfterAndRateLimitHeadersOnceTheBucketIsEmpty() throws Exception {
    try (FakeUpstream up = new FakeUpstream(vertx, FakeUpstream.ok("fine"));
         Gateway gw = new Gateway(vertx, config(up.url(), ""))) {
      Map<String, String> key = Map.of("X-Api-Key", "k1");
      for (int i = 0; i < 3; i++) {
        assertEquals(200, gw.get("/api/x", key).status(), "request " + i + " fits the burst");
      }
      Gateway.Reply r = gw.get("/api/x", key);

      assertEquals(429, r.status());
      long retryAfter = Long.parseLong(r.header("Retry-After"));
      assertTrue(retryAfter >= 1 && retryAfter <= 60, "one token comes back within a minute: " + retryAfter);
      assertEquals("\"api\";q=3;w=180", r.header("RateLimit-Policy"));
      assertEquals("\"api\";r=0;t=180", r.header("RateLimit"));
      assertEquals("application/json", r.header("Content-Type"));
      JsonObject body = new JsonObject(r.body());
      assertEquals("rate_limited", body.getString("error"));
      assertEquals("api", body.getString("limit"));
      assertTrue(body.getLong("retryAfterMs") > 0);
      assertEquals(3, up.calls().size(), "the refused request never reached the upstream");

      assertEquals(200, gw.get("/api/x", Map.of("X-Api-Key", "k2")).status(), "another key has its own bucket");
    }
  }

  @Test
  void batchTrafficIsShedBeforeCoreTraffic() throws Exception {
    String yaml = """
        limits:
          - name: orders
            match:
              route: /orders/
              key: [{header: X-Tenant}]
            algorithm:
              type: token-bucket
              rate: 1/min
              burst: 10
            priorities:
              - name: core
                match: {headers: {X-Priority: core}}
              - name: batch
                match: {headers: {X-Priority: batch}}
                shedAt: 0.5
        upstreams:
          - name: orders
            url: %s
            route: /orders/
            mode: police
        """;
    try (FakeUpstream up = new FakeUpstream(vertx, FakeUpstream.ok("ok"));
         Gateway gw = new Gateway(vertx, yaml.formatted(up.url()))) {
      Map<String, String> core = Map.of("X-Tenant", "t1", "X-Priority", "core");
      Map<String, String> batch = Map.of("X-Tenant", "t1", "X-Priority", "batch");
      assertEquals(200, gw.get("/orders/1", batch).status(), "no pressure yet: batch goes too");
      for (int i = 0; i < 5; i++) {
        assertEquals(200, gw.get("/orders/1", core).status());
      }
      // 4 of 10 tokens left: below the batch class's 50%.
      Gateway.Reply shed = gw.get("/orders/1", batch);
      assertEquals(429, shed.status());
      assertTrue(new JsonObject(shed.body()).getString("message").contains("shed"), shed.body());
      assertNotNull(shed.header("Retry-After"));
      assertEquals(200, gw.get("/orders/1", core).status(), "core traffic still passes");
      assertEquals(7, up.calls().size());
    }
  }

  @Test
  void unreachableUpstreamIs502AndSlowUpstreamIs504() throws Exception {
    FakeUpstream.Behavior slow = (req, call, n) -> vertx.setTimer(3000, id -> req.response().end("late"));
    int closedPort;
    try (FakeUpstream gone = new FakeUpstream(vertx, FakeUpstream.ok(""))) {
      closedPort = Integer.parseInt(gone.url().substring(gone.url().lastIndexOf(':') + 1));
    }
    String yaml = """
        limits:
          - name: all
            algorithm: {type: token-bucket, rate: 100/s, burst: 100}
        upstreams:
          - name: gone
            url: http://127.0.0.1:%d
            route: /gone/
            timeout: 500ms
          - name: slow
            url: %s
            route: /slow/
            timeout: 300ms
        """;
    try (FakeUpstream up = new FakeUpstream(vertx, slow);
         Gateway gw = new Gateway(vertx, yaml.formatted(closedPort, up.url()))) {
      Gateway.Reply bad = gw.get("/gone/x", Map.of());
      assertEquals(502, bad.status());
      JsonObject b = new JsonObject(bad.body());
      assertEquals("bad_gateway", b.getString("error"));
      // A generic answer: the caller learns neither the upstream's address nor our exception names.
      assertEquals("the upstream could not be reached or failed", b.getString("message"));
      assertFalse(bad.body().contains("127.0.0.1") || bad.body().contains("Exception"), bad.body());

      Gateway.Reply late = gw.get("/slow/x", Map.of());
      assertEquals(504, late.status());
      assertEquals("upstream_timeout", new JsonObject(late.body()).getString("error"));
      assertEquals("the upstream did not answer in time", new JsonObject(late.body()).getString("message"));
      assertFalse(late.body().contains(up.url()), late.body());

      assertEquals(404, gw.get("/elsewhere", Map.of()).status(), "no upstream serves it");
    }
  }

  @Test
  void longestRoutePrefixWinsAndAUrlPathReplacesTheRoute() throws Exception {
    FakeUpstream.Behavior echo = (req, call, n) -> req.response().end(call.uri());
    try (FakeUpstream a = new FakeUpstream(vertx, echo); FakeUpstream b = new FakeUpstream(vertx, echo)) {
      String yaml = """
          limits:
            - name: all
              algorithm: {type: token-bucket, rate: 100/s, burst: 100}
          upstreams:
            - name: general
              url: %s
              route: /
            - name: crm
              url: %s/v2/
              route: /crm/
          """.formatted(a.url(), b.url());
      try (Gateway gw = new Gateway(vertx, yaml)) {
        assertEquals("/v2/contacts?id=7", gw.get("/crm/contacts?id=7", Map.of()).body());
        assertEquals("/other/path", gw.get("/other/path", Map.of()).body());
        assertEquals(1, a.calls().size());
        assertEquals(1, b.calls().size());
      }
    }
  }
}
