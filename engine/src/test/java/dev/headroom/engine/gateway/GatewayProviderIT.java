/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ETL case: the gateway in front of a third-party API with a quota. It paces calls to the quota,
 * retries after the provider's 429 as its Retry-After says, and slows down when pushed back.
 */
class GatewayProviderIT {

  private static final long MS = 1_000_000L;
  private static final long SECOND = 1_000_000_000L;
  private static Vertx vertx;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() throws Exception {
    Gateway.await(vertx.close());
  }

  /** No limit of our own on /crm/: only the provider's quota shapes the calls. */
  private static String config(String url, String mode, String retry) {
    return """
        limits:
          - name: other
            match: {route: /other/}
            algorithm: {type: token-bucket, rate: 10/s, burst: 10}
        upstreams:
          - name: crm
            url: %s
            route: /crm/
            mode: %s
            maxWait: 5s
            queueSize: 100
            timeout: 5s
            quota: 10/s
            %s
        """.formatted(url, mode, retry);
  }

  @Test
  void retriesAfterTheProvidersRetryAfterAndLowersItsOwnRate() throws Exception {
    FakeUpstream.Behavior pushesBackTwice = (req, call, n) -> {
      if (n <= 2) {
        req.response().setStatusCode(429).putHeader("Retry-After", "1").end("{\"error\":\"slow down\"}");
      } else {
        req.response().putHeader("X-Provider", "crm").end("synced " + call.body());
      }
    };
    String retry = """
        retry:
              maxAttempts: 4
              backoff: 200ms
              maxRetryAfter: 5s""";
    try (FakeUpstream provider = new FakeUpstream(vertx, pushesBackTwice);
         Gateway gw = new Gateway(vertx, config(provider.url(), "shape", retry))) {
      double quotaRate = gw.upstream("crm").quotaRatePerSecond();
      assertEquals(10.0, quotaRate, 1e-9);
      assertEquals(quotaRate, gw.upstream("crm").pacedRatePerSecond(), 1e-9);

      Gateway.Reply r = gw.call(HttpMethod.POST, "/crm/rows", Map.of("Content-Type", "text/plain"), "row-42");

      assertEquals(200, r.status(), r.body());
      assertEquals("synced row-42", r.body());
      assertEquals("crm", r.header("X-Provider"));
      List<FakeUpstream.Call> calls = provider.calls();
      assertEquals(3, calls.size(), "two refusals, then success");
      for (FakeUpstream.Call c : calls) {
        assertEquals("row-42", c.body(), "the body is sent again with every attempt");
      }
      for (int i = 1; i < calls.size(); i++) {
        long gap = calls.get(i).arrivedNanos() - calls.get(i - 1).arrivedNanos();
        assertTrue(gap >= SECOND, "Retry-After: 1 was honoured: the provider was called again after " + gap / MS + " ms");
      }
      GatewayHandler.UpstreamStatus s = gw.upstream("crm");
      assertEquals(2, s.providerPushBacks());
      assertTrue(s.pacedRatePerSecond() < quotaRate * 0.75,
          "pushed back twice, the gateway paces below the quota: " + s.pacedRatePerSecond() + "/s");
    }
  }

  @Test
  void aRetryAfterLongerThanAllowedGoesBackToTheCaller() throws Exception {
    FakeUpstream.Behavior closed = (req, call, n) ->
        req.response().setStatusCode(429).putHeader("Retry-After", "120").end("come back later");
    String retry = """
        retry:
              maxAttempts: 3
              maxRetryAfter: 10s""";
    try (FakeUpstream provider = new FakeUpstream(vertx, closed);
         Gateway gw = new Gateway(vertx, config(provider.url(), "shape", retry))) {
      Gateway.Reply r = gw.get("/crm/x", Map.of());
      assertEquals(429, r.status());
      assertEquals("120", r.header("Retry-After"), "the provider's own answer, passed through");
      assertEquals("come back later", r.body());
      assertEquals(1, provider.calls().size());
    }
  }

  @Test
  void pacesABurstToTheQuotaSoTheProviderNeverSeesMoreThanItAllows() throws Exception {
    try (FakeUpstream provider = new FakeUpstream(vertx, FakeUpstream.ok("row"));
         Gateway gw = new Gateway(vertx, config(provider.url(), "police", ""))) {
      List<Future<Gateway.Reply>> sent = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        sent.add(gw.send(HttpMethod.GET, "/crm/rows/" + i, Map.of(), null));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Gateway.Reply> f : sent) {
        Gateway.Reply r = Gateway.await(f);
        statuses.add(r.status());
        if (r.status() != 200) {
          throw new AssertionError("call refused: " + r.status() + " " + r.body() + "; all so far: " + statuses);
        }
      }
      List<FakeUpstream.Call> calls = provider.calls();
      assertEquals(30, calls.size());
      TreeMap<Long, Integer> perSecond = new TreeMap<>();
      for (FakeUpstream.Call c : calls) {
        perSecond.merge(c.arrivedNanos() / SECOND, 1, Integer::sum);
      }
      perSecond.forEach((second, n) -> assertTrue(n <= 10,
          n + " calls reached the provider in one calendar second; its quota is 10: " + perSecond));
      assertTrue(perSecond.size() >= 3, "30 calls at 10 per second span at least 3 seconds: " + perSecond);
    }
  }

  @Test
  void beyondMaxWaitTheQuotaRefusesWithRetryAfter() throws Exception {
    String yaml = """
        limits:
          - name: other
            match: {route: /other/}
            algorithm: {type: token-bucket, rate: 10/s, burst: 10}
        upstreams:
          - name: crm
            url: %s
            route: /crm/
            mode: police
            maxWait: 0s
            quota: 2/min
        """;
    try (FakeUpstream provider = new FakeUpstream(vertx, FakeUpstream.ok("row"));
         Gateway gw = new Gateway(vertx, yaml.formatted(provider.url()))) {
      List<Integer> statuses = new ArrayList<>();
      Gateway.Reply last = null;
      for (int i = 0; i < 3; i++) {
        last = gw.get("/crm/x", Map.of());
        statuses.add(last.status());
      }
      // 2/min is paced at one call every 30 s: the first goes, the next two have no slot in time.
      assertEquals(List.of(200, 429, 429), statuses);
      assertEquals("quota_exhausted", new JsonObject(last.body()).getString("error"));
      assertTrue(Long.parseLong(last.header("Retry-After")) >= 1);
      assertEquals(1, provider.calls().size());
    }
  }
}
