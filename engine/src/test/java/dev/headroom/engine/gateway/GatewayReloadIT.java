/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.engine.config.ConfigLoader;
import dev.headroom.engine.config.HeadroomConfig;
import dev.headroom.engine.service.HeadroomServer;
import io.vertx.core.Vertx;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The service's gateway takes new upstreams on reload: routes added, moved and removed, no restart. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class GatewayReloadIT {

  private static final String TOKEN = "test-admin-token-0123456789";
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir
  Path dir;

  private static String yaml(String upstreams) {
    return """
        server: {host: 127.0.0.1, port: 0}
        admin: {token: %s}
        limits:
          - name: all
            match: {key: [apiKey]}
            algorithm: {type: token-bucket, rate: 100/s, burst: 100}
        upstreams:
        %s""".formatted(TOKEN, upstreams);
  }

  private static String upstream(String name, String url, String route) {
    return "  - {name: %s, url: %s, route: %s, mode: police}\n".formatted(name, url, route);
  }

  private static HttpResponse<String> send(HeadroomServer server, String method, String path) throws Exception {
    // The admin API listens apart from the gateway's port.
    int port = path.startsWith("/admin/") ? server.apiPort() : server.port();
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + TOKEN)
        .method(method, HttpRequest.BodyPublishers.noBody());
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aReloadAddsMovesAndRemovesUpstreamsWithoutARestart() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (FakeUpstream a = new FakeUpstream(vertx, FakeUpstream.ok("from a"));
        FakeUpstream b = new FakeUpstream(vertx, FakeUpstream.ok("from b"))) {
      Path file = Files.writeString(dir.resolve("headroom.yaml"), yaml(upstream("a", a.url(), "/a/")));
      HeadroomConfig config = new ConfigLoader().load(file);
      PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
      try (HeadroomServer server = HeadroomServer.start(config, Optional.of(file), 1, quiet,
          (v, engine) -> new GatewayHandler(v, engine, config.upstreams()))) {
        assertEquals("from a", send(server, "GET", "/a/x").body());
        assertEquals(404, send(server, "GET", "/b/x").statusCode());

        Files.writeString(file, yaml(upstream("a", a.url(), "/moved/") + upstream("b", b.url(), "/b/")));
        HttpResponse<String> reload = send(server, "POST", "/admin/reload");
        assertEquals(200, reload.statusCode(), reload.body());
        assertTrue(reload.body().contains("\"restartRequired\":false"), reload.body());

        assertEquals("from b", send(server, "GET", "/b/x").body());
        assertEquals("from a", send(server, "GET", "/moved/x").body());
        HttpResponse<String> gone = send(server, "GET", "/a/x");
        assertEquals(404, gone.statusCode());
        assertTrue(gone.body().contains("no route /a/x"), gone.body());
        assertEquals("/moved/x", a.calls().getLast().uri());
      }
    } finally {
      Gateway.await(vertx.close());
    }
  }

  @Test
  void aReloadCannotPutUpstreamsOnTheDecisionApisPort() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (FakeUpstream a = new FakeUpstream(vertx, FakeUpstream.ok("from a"))) {
      String noUpstreams = """
          server: {host: 127.0.0.1, port: 0}
          admin: {token: %s}
          limits:
            - name: all
              match: {key: [apiKey]}
              algorithm: {type: token-bucket, rate: 100/s, burst: 100}
          """.formatted(TOKEN);
      Path file = Files.writeString(dir.resolve("headroom.yaml"), noUpstreams);
      HeadroomConfig config = new ConfigLoader().load(file);
      PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
      try (HeadroomServer server = HeadroomServer.start(config, Optional.of(file), 1, quiet,
          (v, engine) -> new GatewayHandler(v, engine, config.upstreams()))) {
        assertEquals(server.port(), server.apiPort(), "one listener without upstreams");
        Files.writeString(file, yaml(upstream("a", a.url(), "/a/")));
        HttpResponse<String> reload = send(server, "POST", "/admin/reload");
        assertEquals(400, reload.statusCode(), reload.body());
        assertTrue(reload.body().contains("server.api"), reload.body());
        assertEquals(404, send(server, "GET", "/a/x").statusCode(), "the upstream was put in force");
        assertTrue(a.calls().isEmpty());
      }
    } finally {
      Gateway.await(vertx.close());
    }
  }
}
