/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Shape mode: requests over the limit wait in a bounded queue up to maxWait instead of failing at once. */
class GatewayShapeIT {

  private static final long MS = 1_000_000L;
  private static Vertx vertx;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() throws Exception {
    Gateway.await(vertx.close());
  }

  private static String config(String url, String rate, String maxWait, int queueSize) {
    return """
        limits:
          - name: api
            match:
              route: /api/
              key: []
            algorithm:
              type: token-bucket
              rate: %s
              burst: 1
        upstreams:
          - name: app
            url: %s
            route: /api/
            mode: shape
            maxWait: %s
            queueSize: %d
        """.formatted(rate, url, maxWait, queueSize);
  }

  private static List<Gateway.Reply> all(List<Future<Gateway.Reply>> futures) throws Exception {
    List<Gateway.Reply> out = new ArrayList<>();
    for (Future<Gateway.Reply> f : futures) {
      out.add(Gateway.await(f));
    }
    return out;
  }

  @Test
  void holdsRequestsOverTheLimitAndAdmitsThemAsTokensComeWithinMaxWait() throws Exception {
    try (FakeUpstream up = new FakeUpstream(vertx, FakeUpstream.ok("ok"));
         Gateway gw = new Gateway(vertx, config(up.url(), "4/s", "3s", 10))) {
      List<Future<Gateway.Reply>> sent = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        sent.add(gw.send(HttpMethod.GET, "/api/x", Map.of(), null));
      }
      for (Gateway.Reply r : all(sent)) {
        assertEquals(200, r.status(), r.body());
      }
      List<FakeUpstream.Call> calls = up.calls();
      assertEquals(3, calls.size());
      // A bucket of 1 refilled at 4/s lets 3 requests through no faster than over 500 ms.
      long spread = calls.getLast().arrivedNanos() - calls.getFirst().arrivedNanos();
      assertTrue(spread >= 450 * MS, "held, not forwarded at once: spread " + spread / MS + " ms");
      assertEquals(0, gw.upstream("app").waiting(), "nobody left waiting");
    }
  }

  @Test
  void rejectsWhatCannotBeAdmittedWithinMaxWait() throws Exception {
    try (FakeUpstream up = new FakeUpstream(vertx, FakeUpstream.ok("ok"));
         Gateway gw = new Gateway(vertx, config(up.url(), "2/s", "700ms", 10))) {
      // Tokens at 0, 500 ms, 1000 ms...: within 700 ms only two of four requests fit.
      List<Future<Gateway.Reply>> sent = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        sent.add(gw.send(HttpMethod.GET, "/api/x", Map.of(), null));
      }
      List<Gateway.Reply> replies = all(sent);
      long ok = replies.stream().filter(r -> r.status() == 200).count();
      long limited = replies.stream().filter(r -> r.status() == 429).count();
      assertEquals(2, ok, "statuses: " + replies.stream().map(Gateway.Reply::status).toList());
      assertEquals(2, limited);
      for (Gateway.Reply r : replies) {
        if (r.status() == 429) {
          assertTrue(r.header("Retry-After") != null && r.header("RateLimit") != null, r.headers().toString());
          assertTrue(new JsonObject(r.body()).getString("message").contains("maxWait (700ms)"), r.body());
        }
      }
      assertEquals(2, up.calls().size());
    }
  }

  @Test
  void aRequestWhoseTurnIsBeyondMaxWaitIsRefusedAtOnce() throws Exception {
    try (FakeUpstream up = new FakeUpstream(vertx, FakeUpstream.ok("ok"));
         Gateway gw = new Gateway(vertx, config(up.url(), "1/min", "3s", 10))) {
      assertEquals(200, gw.get("/api/x", Map.of()).status());
      long start = System.nanoTime();
      Gateway.Reply r = gw.get("/api/x", Map.of());
      long took = System.nanoTime() - start;
      assertEquals(429, r.status());
      assertTrue(Long.parseLong(r.header("Retry-After")) > 1, "the next token is about a minute away");
      // Held, it would have waited the whole maxWait (3 s) before the same 429.
      assertTrue(took < 2_000 * MS, "not held for nothing: answered after " + took / MS + " ms");
    }
  }

  @Test
  void aFullQueueRejectsAtOnceWhileTheHeldRequestIsStillServed() throws Exception {
    try (FakeUpstream up = new FakeUpstream(vertx, FakeUpstream.ok("ok"));
         Gateway gw = new Gateway(vertx, config(up.url(), "30/min", "5s", 1))) {
      assertEquals(200, gw.get("/api/x", Map.of()).status());
      Future<Gateway.Reply> held = gw.send(HttpMethod.GET, "/api/x", Map.of(), null);
      long deadline = System.nanoTime() + 5_000 * MS;
      while (gw.upstream("app").waiting() < 1 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertEquals(1, gw.upstream("app").waiting(), "the second request waits in the queue");

      Gateway.Reply full = gw.get("/api/x", Map.of());
      assertEquals(429, full.status());
      assertTrue(new JsonObject(full.body()).getString("message").contains("queue of upstream 'app' is full"), full.body());
      assertFalse(held.isComplete(), "a full queue answers at once, while the held request still waits for its token (2 s)");

      assertEquals(200, Gateway.await(held).status(), "the held request is admitted when its token comes");
      assertEquals(2, up.calls().size());
    }
  }
}
