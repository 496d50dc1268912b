/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.engine.config.ConfigLoader;
import dev.headroom.engine.config.HeadroomConfig;
import dev.headroom.engine.service.HeadroomServer;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a client of the gateway's public port can and cannot reach, over the real service: not the
 * decision API, release, metrics or admin; no path outside an upstream's base nor another route's
 * limit by dot segments; no forged X-Forwarded-* headers unless it is a trusted proxy.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class GatewayExposureIT {

  private static final String TOKEN = "test-admin-token-0123456789";

  private Vertx vertx;
  private HttpClientAgent client;
  private FakeUpstream upstream;
  private HeadroomServer server;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    client = vertx.createHttpClient();
    upstream = new FakeUpstream(vertx, (req, call, n) -> req.response().end(call.uri()));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (server != null) {
      server.close();
    }
    upstream.close();
    Gateway.await(vertx.close());
  }

  private void start(String serverExtra) {
    String yaml = """
        server: {host: 127.0.0.1, port: 0%s}
        admin: {token: %s}
        limits:
          - name: strict
            match: {route: /strict/, key: [clientIp]}
            algorithm: {type: token-bucket, rate: 1/h, burst: 1}
          - name: lenient
            match: {route: /lenient/, key: [clientIp]}
            algorithm: {type: token-bucket, rate: 1000/s, burst: 1000}
          - name: per-ip
            match: {route: /ip/, key: [clientIp]}
            algorithm: {type: token-bucket, rate: 1/h, burst: 1}
        upstreams:
          - {name: base, url: %s/internal/v2/, route: /base/}
          - {name: strict, url: %s, route: /strict/}
          - {name: lenient, url: %s, route: /lenient/}
          - {name: ip, url: %s, route: /ip/}
        """.formatted(serverExtra, TOKEN, upstream.url(), upstream.url(), upstream.url(), upstream.url());
    HeadroomConfig config = new ConfigLoader().parse(yaml, "exposure.yaml");
    server = HeadroomServer.start(config, Optional.empty(), 1, new PrintStream(OutputStream.nullOutputStream()),
        (v, engine) -> new GatewayHandler(v, engine, config.upstreams()));
  }

  /** The path goes on the wire exactly as written: no client-side normalisation. */
  private Gateway.Reply call(int port, HttpMethod method, String path, Map<String, String> headers, String body)
      throws Exception {
    RequestOptions o = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(path);
    headers.forEach(o::putHeader);
    return Gateway.await(client.request(o)
        .compose(req -> body == null ? req.send() : req.send(Buffer.buffer(body)))
        .compose(resp -> resp.body().map(b -> new Gateway.Reply(resp.statusCode(),
            MultiMap.caseInsensitiveMultiMap().addAll(resp.headers()), b.toString()))));
  }

  private Gateway.Reply get(String path, Map<String, String> headers) throws Exception {
    return call(server.port(), HttpMethod.GET, path, headers, null);
  }

  @Test
  void theGatewaysPortDoesNotServeTheDecisionApiReleaseMetricsOrAdmin() throws Exception {
    start("");
    String victim = "{\"descriptors\":{\"clientIp\":\"10.0.0.7\"}}";
    Map<String, String> bearer = Map.of("Authorization", "Bearer " + TOKEN);
    for (String path : new String[] {"/v1/check", "/v1/check/batch", "/v1/release", "/admin/policies/pause"}) {
      Gateway.Reply r = call(server.port(), HttpMethod.POST, path, bearer, victim);
      assertEquals(404, r.status(), path + ": " + r.body());
      assertTrue(r.body().contains("server.api"), r.body());
    }
    assertEquals(404, get("/metrics", Map.of()).status());
    assertFalse(server.engine().policiesPaused());
    assertEquals(200, get("/health", Map.of()).status());

    // The victim's bucket is untouched, and the API listener (loopback) serves the API.
    assertTrue(server.apiPort() != server.port());
    Gateway.Reply check = call(server.apiPort(), HttpMethod.POST, "/v1/check", Map.of(), victim);
    assertEquals(200, check.status(), check.body());
    assertTrue(check.body().contains("\"allowed\":true"), check.body());
    assertEquals(200, call(server.apiPort(), HttpMethod.GET, "/metrics", Map.of(), null).status());
    assertEquals(404, call(server.apiPort(), HttpMethod.GET, "/base/x", Map.of(), null).status(),
        "the API listener is no second gateway");
  }

  @Test
  void pathsAreNormalisedBeforeRoutesLimitsAndForwarding() throws Exception {
    start("");
    Gateway.Reply escape = get("/base/../../etc/passwd", Map.of());
    assertEquals(400, escape.status(), escape.body());
    assertEquals(400, get("/base/%2e%2e/%2e%2e/etc/passwd", Map.of()).status());
    assertEquals(400, get("/base/a%2fb", Map.of()).status());
    assertTrue(upstream.calls().isEmpty(), "a refused path reached the upstream: " + upstream.calls());

    assertEquals("/internal/v2/a/b", get("/base/./a//b", Map.of()).body());
    assertEquals("/internal/v2/etc", get("/base/x/../etc", Map.of()).body());

    // Through the lenient route's prefix into the strict route: the strict limit (burst 1) applies.
    Gateway.Reply first = get("/lenient/../strict/x", Map.of());
    assertEquals(200, first.status(), first.body());
    assertEquals("/strict/x", first.body());
    Gateway.Reply second = get("/lenient/%2E%2E/strict/y", Map.of());
    assertEquals(429, second.status(), second.body());
    assertTrue(second.header("RateLimit-Policy").startsWith("\"strict\""), second.header("RateLimit-Policy"));
  }

  @Test
  void forwardingHeadersFromAnUntrustedClientAreReplaced() throws Exception {
    start("");
    Map<String, String> forged = Map.of("X-Forwarded-For", "6.6.6.6", "X-Forwarded-Host", "evil.example",
        "X-Forwarded-Proto", "https", "Forwarded", "for=6.6.6.6");
    assertEquals(200, get("/ip/a", forged).status());
    FakeUpstream.Call call = upstream.calls().getLast();
    assertEquals("127.0.0.1", call.headers().get("X-Forwarded-For"));
    assertEquals("127.0.0.1:" + server.port(), call.headers().get("X-Forwarded-Host"));
    assertEquals("http", call.headers().get("X-Forwarded-Proto"));
    assertEquals(null, call.headers().get("Forwarded"));
    // Nor does a forged address buy a fresh bucket: the per-IP limit (burst 1) sees 127.0.0.1.
    assertEquals(429, get("/ip/b", Map.of("X-Forwarded-For", "7.7.7.7")).status());
  }

  @Test
  void aTrustedProxySpeaksForItsClients() throws Exception {
    start(", trustedProxies: [127.0.0.0/8]");
    Map<String, String> viaProxy = Map.of("X-Forwarded-For", "203.0.113.1", "X-Forwarded-Host", "shop.example",
        "X-Forwarded-Proto", "https");
    assertEquals(200, get("/ip/a", viaProxy).status());
    FakeUpstream.Call call = upstream.calls().getLast();
    assertEquals("203.0.113.1, 127.0.0.1", call.headers().get("X-Forwarded-For"));
    assertEquals("shop.example", call.headers().get("X-Forwarded-Host"));
    assertEquals("https", call.headers().get("X-Forwarded-Proto"));
    // Each client behind the proxy has its own bucket.
    assertEquals(200, get("/ip/b", Map.of("X-Forwarded-For", "203.0.113.2")).status());
    assertEquals(429, get("/ip/c", Map.of("X-Forwarded-For", "203.0.113.2")).status());
  }
}
