/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.engine.config.ConfigLoader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The service bounds what one client can hold, over real sockets: bodies capped however they are
 * sent, slow and idle connections closed, connections counted; and every request gets an answer.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class HttpLimitsIT {

  static final String TOKEN = "test-admin-token-0123456789";

  static String config(String serverExtra) {
    return """
        server: {host: 127.0.0.1, port: 0, maxBodySize: 64KiB%s}
        admin: {token: %s}
        limits:
          - name: jobs
            match: {route: /jobs/, key: [apiKey]}
            algorithm: {type: concurrency, maxInFlight: 2}
          - name: per-minute
            match: {route: /quota/, key: [apiKey]}
            algorithm: {type: quota, quota: 1000/min}
          - name: api
            match: {key: [apiKey]}
            algorithm: {type: token-bucket, rate: 100/s, burst: 100}
            policy: {type: static}
        """.formatted(serverExtra, TOKEN);
  }

  private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
  private HeadroomServer server;
  private Http http;

  /** Short timeouts, so that the tests of them take seconds. */
  private void start() {
    start(", headerTimeout: 1s, bodyTimeout: 1s, idleTimeout: 1s");
  }

  private void start(String serverExtra) {
    server = HeadroomServer.start(new ConfigLoader().parse(config(serverExtra), "limits.yaml"), Optional.empty(), 1,
        new PrintStream(logged, true), null);
    http = new Http(server.port(), TOKEN);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static String error(HttpResponse<String> r) {
    return new JsonObject(r.body()).getString("error");
  }

  @Test
  void aReleaseOfNothingHeldIsAnswered409() {
    start();
    String job = "{\"descriptors\":{\"X-Api-Key\":\"never\",\"path\":\"/jobs/x\"}}";
    for (int i = 0; i < 3; i++) { // each used to hang with a stack trace on the event loop
      HttpResponse<String> r = http.post("/v1/release", job);
      assertEquals(409, r.statusCode(), r.body());
      JsonObject body = new JsonObject(r.body());
      assertFalse(body.getBoolean("released"));
      assertTrue(body.getString("error").contains("holds nothing") || body.getString("error").contains("in flight"),
          r.body());
    }
    assertFalse(logged.toString().contains("Exception"), logged.toString());
  }

  @Test
  void aChunkedBodyOverTheCapIs413() throws Exception {
    start();
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.write("POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n");
      AtomicLong sent = new AtomicLong();
      Thread writer = Thread.ofVirtual().start(() -> {
        byte[] chunk = ("2000\r\n" + "x".repeat(0x2000) + "\r\n").getBytes();
        try {
          for (int i = 0; i < 4096; i++) { // up to 32 MiB
            raw.write(chunk);
            sent.addAndGet(0x2000);
          }
        } catch (IOException closedByTheServer) {
          // expected: the server stops reading at the cap
        }
      });
      String answer = raw.readUntilClosedOrQuiet(10_000);
      writer.join(10_000);
      assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
      assertTrue(answer.contains("request body over 65536 bytes"), answer);
      assertTrue(sent.get() < 16L << 20, "the server read on after the cap: " + sent.get() + " bytes sent");
    }
  }

  @Test
  void anAdminBodyOverTheCapIs413() {
    start();
    String big = "{\"limit\":\"api\",\"ratePerSecond\":5,\"pad\":\"" + "x".repeat(100_000) + "\"}";
    HttpResponse<String> r = http.admin("POST", "/admin/overrides", big);
    assertEquals(413, r.statusCode(), r.body());
    assertEquals(200, http.admin("POST", "/admin/overrides", "{\"limit\":\"api\",\"ratePerSecond\":5}").statusCode(),
        "a small admin body is still read");
  }

  @Test
  void keysDescriptorsAndBatchesAreBounded() {
    start();
    HttpResponse<String> longKey = http.post("/v1/check", "{\"key\":\"" + "k".repeat(2000) + "\"}");
    assertEquals(400, longKey.statusCode(), longKey.body());
    assertTrue(error(longKey).contains("body.key"), longKey.body());

    JsonObject many = new JsonObject();
    for (int i = 0; i < 100; i++) {
      many.put("h" + i, "v");
    }
    HttpResponse<String> descriptors = http.post("/v1/check", new JsonObject().put("descriptors", many).encode());
    assertEquals(400, descriptors.statusCode(), descriptors.body());
    assertTrue(error(descriptors).contains("body.descriptors"), descriptors.body());

    JsonArray checks = new JsonArray();
    for (int i = 0; i < 1001; i++) {
      checks.add(new JsonObject().put("key", "b"));
    }
    HttpResponse<String> batch = http.post("/v1/check/batch", new JsonObject().put("checks", checks).encode());
    assertEquals(400, batch.statusCode(), batch.body());
    assertTrue(error(batch).startsWith("checks"), batch.body());
  }

  @Test
  void misspeltFieldsAndAbsurdCostsAreRefusedByName() {
    start();
    HttpResponse<String> typo = http.post("/v1/check", "{\"key\":\"k\",\"cosst\":5}");
    assertEquals(400, typo.statusCode(), typo.body());
    assertTrue(error(typo).contains("unknown field \"cosst\" (did you mean \"cost\"?)"), typo.body());

    HttpResponse<String> huge = http.post("/v1/check", "{\"key\":\"k\",\"cost\":1e300}");
    assertEquals(400, huge.statusCode(), huge.body());
    assertTrue(error(huge).contains("body.cost"), huge.body());
    assertFalse(huge.body().contains("9223372036854775807"), huge.body());
    assertEquals(400, http.post("/v1/check", "{\"key\":\"k\",\"cost\":99999999999999999999999}").statusCode());
    assertEquals(200, http.post("/v1/check", "{\"key\":\"k\",\"cost\":3}").statusCode());
  }

  @Test
  void aQuotaPolicyHeaderGivesTheWindowNotTheTimeLeft() {
    start();
    HttpResponse<String> r = http.post("/v1/check", "{\"descriptors\":{\"X-Api-Key\":\"q\",\"path\":\"/quota/a\"}}");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("\"per-minute\";q=1000;w=60", r.headers().firstValue("RateLimit-Policy").orElseThrow());
  }

  @Test
  void headersTrickledByteByByteAreCutOff() throws Exception {
    start();
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.write("POST /v1/check HTTP/1.1\r\n");
      long start = System.nanoTime();
      boolean closed = false;
      // One byte every 200 ms: never idle for the 1 s idle timeout, yet the headers never end.
      for (int i = 0; i < 40 && !closed; i++) {
        try {
          raw.write("X");
        } catch (IOException e) {
          closed = true;
          break;
        }
        closed = raw.closedWithin(200);
      }
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
      assertTrue(closed, "a slowloris connection stayed open for " + seconds + " s");
      assertTrue(seconds < 5, "closed only after " + seconds + " s with a 1 s header timeout");
    }
  }

  @Test
  void aBodyTrickledByteByByteIsCutOffWith408() throws Exception {
    start();
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.write("POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{");
      StringBuilder answer = new StringBuilder();
      long start = System.nanoTime();
      for (int i = 0; i < 40; i++) {
        try {
          raw.write(" ");
        } catch (IOException e) {
          break;
        }
        String got = raw.readUntilClosedOrQuiet(200);
        answer.append(got);
        if (!got.isEmpty()) {
          break;
        }
      }
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
      assertTrue(answer.toString().startsWith("HTTP/1.1 408"), "after " + seconds + " s: " + answer);
      assertTrue(raw.closedWithin(2_000), "the connection stayed open after the 408");
    }
  }

  @Test
  void idleConnectionsAreClosedBeforeAndBetweenRequests() throws Exception {
    start();
    try (RawHttp silent = new RawHttp(server.port())) {
      assertTrue(silent.closedWithin(5_000), "a connection that never sent a byte stayed open");
    }
    try (RawHttp kept = new RawHttp(server.port())) {
      String body = "{\"key\":\"idle\"}";
      kept.write("POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
      String answer = kept.readUntilClosedOrQuiet(500);
      assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
      assertTrue(kept.closedWithin(5_000), "an idle kept-alive connection stayed open");
    }
  }

  @Test
  void connectionsOverTheCapAreClosed() throws Exception {
    start(", maxConnections: 3, idleTimeout: 60s, headerTimeout: 60s");
    List<RawHttp> held = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        RawHttp c = new RawHttp(server.port());
        held.add(c);
        c.write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(c.readUntilClosedOrQuiet(500).startsWith("HTTP/1.1 200"), "connection " + i);
      }
      try (RawHttp fourth = new RawHttp(server.port())) {
        try {
          fourth.write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
        } catch (IOException closed) {
          // refused before the request was even written: as good
        }
        String answer = fourth.readUntilClosedOrQuiet(3_000);
        assertFalse(answer.startsWith("HTTP/1.1 200"), "a fourth connection was served: " + answer);
      }
      held.removeFirst().close();
      // The count goes down with a close; a new connection is served again.
      boolean served = false;
      for (int attempt = 0; attempt < 20 && !served; attempt++) {
        try (RawHttp again = new RawHttp(server.port())) {
          again.write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
          served = again.readUntilClosedOrQuiet(500).startsWith("HTTP/1.1 200");
        } catch (IOException retry) {
          // the close had not been seen yet
        }
      }
      assertTrue(served, "no connection was served after one closed");
    } finally {
      for (RawHttp c : held) {
        c.close();
      }
    }
  }
}
