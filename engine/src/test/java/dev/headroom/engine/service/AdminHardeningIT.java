package dev.headroom.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.engine.config.ConfigLoader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin API and the key cap on the running service: refused overrides leave nothing behind,
 * a reload rotates the admin token at once and refuses what needs a restart, and a limit full of
 * keys says so.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class AdminHardeningIT {

  static final String TOKEN = "test-admin-token-0123456789";
  static final String ROTATED = "rotated-admin-token-9876543210";

  @TempDir
  Path dir;
  Path file;
  HeadroomServer server;
  Http http;

  String config(String token, String extra) {
    return """
        server: {host: 127.0.0.1, port: 0}
        admin: {token: %s}
        telemetry: {interval: 1s, spoolPath: %s, spoolMaxSize: 1MiB}
        %s
        limits:
          - name: small
            match: {route: /small, key: [apiKey]}
            algorithm: {type: token-bucket, rate: 1/min, burst: 5}
            maxKeys: 2
          - name: api
            match: {key: [apiKey]}
            algorithm: {type: token-bucket, rate: 1/s, burst: 10}
        """.formatted(token, dir.resolve("spool.lp"), extra);
  }

  @BeforeEach
  void start() throws Exception {
    file = Files.writeString(dir.resolve("headroom.yaml"), config(TOKEN, ""));
    server = HeadroomServer.start(new ConfigLoader().load(file), Optional.of(file), 1, new PrintStream(System.out),
        null);
    http = new Http(server.port(), TOKEN);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> override(String body) {
    return http.admin("POST", "/admin/overrides", body);
  }

  @Test
  void aRefusedOverrideIsNotStored() throws Exception {
    assertRefused(override("{\"limit\":\"api\",\"ratePerSecond\":1e300,\"ttl\":\"5m\"}"), "ratePerSecond must be at most");
    assertRefused(override("{\"limit\":\"api\",\"key\":\"api|k\",\"ratePerSecond\":2e9}"), "ratePerSecond");
    assertRefused(override("{\"limit\":\"api\",\"ratePerSecond\":-1}"), "positive");
    assertRefused(override("{\"limit\":\"api\",\"ratePerSecond\":5,\"ttl\":\"30d\"}"), "at most 7d");
    assertRefused(override("{\"limit\":\"api\",\"ratePerSecond\":5,\"ttl\":5}"), "\"ttl\" must be a duration");
    assertRefused(override("{\"limit\":\"api\",\"key\":7,\"ratePerSecond\":5}"), "\"key\" must be a string");
    assertRefused(override("{\"limit\":\"nope\",\"ratePerSecond\":5}"), "no limit named 'nope'");
    assertRefused(override("[1]"), "JSON object");
    assertEquals("[]", http.admin("GET", "/admin/overrides", null).body(), "a refused override was stored");
    server.engine().tickNow(); // a stored 1e300 used to fail every policy tick
  }

  private static void assertRefused(HttpResponse<String> r, String expected) {
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(new JsonObject(r.body()).getString("error").contains(expected), r.body());
  }

  @Test
  void anOverrideKeyWithoutTheLimitPrefixGetsIt() {
    HttpResponse<String> r = override("{\"limit\":\"api\",\"key\":\"o2\",\"ratePerSecond\":1000,\"ttl\":\"5m\"}");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("api|o2", new JsonObject(r.body()).getString("key"));
    assertEquals("api|o2", new JsonArray(http.admin("GET", "/admin/overrides", null).body()).getJsonObject(0)
        .getString("key"));
    assertEquals(1000.0, ((dev.headroom.engine.limiter.RefillLimit) server.engine().runtime("api").registry()
        .config("api|o2")).rate().perSecond());
    HttpResponse<String> prefixed = override("{\"limit\":\"api\",\"key\":\"api|o3\",\"ratePerSecond\":10}");
    assertEquals("api|o3", new JsonObject(prefixed.body()).getString("key"));
  }

  @Test
  void aReloadRotatesTheAdminTokenAtOnce() throws Exception {
    Files.writeString(file, config(ROTATED, ""));
    HttpResponse<String> reload = http.admin("POST", "/admin/reload", "");
    assertEquals(200, reload.statusCode(), reload.body());
    assertEquals(401, http.admin("GET", "/admin/limits", null).statusCode(), "the old token still works");
    assertEquals(200, new Http(server.port(), ROTATED).admin("GET", "/admin/limits", null).statusCode());
  }

  @Test
  void aReloadThatNeedsARestartIsRefusedWhole() throws Exception {
    Files.writeString(file, config(ROTATED, "influx: {url: \"http://127.0.0.1:1\", database: other}"));
    HttpResponse<String> reload = http.admin("POST", "/admin/reload", "");
    assertEquals(409, reload.statusCode(), reload.body());
    String error = new JsonObject(reload.body()).getString("error");
    assertTrue(error.contains("not applied: restart headroom to change influx (added)"), error);
    assertFalse(error.contains("\n"), error);
    assertEquals(200, http.admin("GET", "/admin/limits", null).statusCode(), "nothing of a refused reload applies");
    assertTrue(server.engine().config().influx().isEmpty());

    Files.writeString(file, config(TOKEN, "").replace("interval: 1s", "interval: 5s"));
    HttpResponse<String> telemetry = http.admin("POST", "/admin/reload", "");
    assertEquals(409, telemetry.statusCode(), telemetry.body());
    assertTrue(telemetry.body().contains("restart headroom to change telemetry.interval ("), telemetry.body());
  }

  @Test
  void aReloadWithoutAConfigFileIs409() {
    try (HeadroomServer noFile = HeadroomServer.start(server.engine().config().withServer(
        server.engine().config().server().withPort(0)), Optional.empty(), 1, new PrintStream(System.out), null)) {
      HttpResponse<String> r = new Http(noFile.port(), TOKEN).admin("POST", "/admin/reload", "");
      assertEquals(409, r.statusCode(), r.body());
      assertTrue(new JsonObject(r.body()).getString("error").contains("without a config file"), r.body());
    }
  }

  @Test
  void newKeysBeyondMaxKeysAreRefusedWithAReasonCountedAndLoggedOnce() {
    List<LogRecord> warnings = new ArrayList<>();
    Logger jul = Logger.getLogger(LimitRuntime.class.getName());
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
          synchronized (warnings) {
            warnings.add(r);
          }
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    jul.addHandler(capture);
    try {
      String k1 = "{\"descriptors\":{\"X-Api-Key\":\"k1\",\"path\":\"/small\"}}";
      String k2 = "{\"descriptors\":{\"X-Api-Key\":\"k2\",\"path\":\"/small\"}}";
      String k3 = "{\"descriptors\":{\"X-Api-Key\":\"k3\",\"path\":\"/small\"}}";
      assertTrue(new JsonObject(http.post("/v1/check", k1).body()).getBoolean("allowed"));
      assertTrue(new JsonObject(http.post("/v1/check", k2).body()).getBoolean("allowed"));
      HttpResponse<String> full = http.post("/v1/check", k3);
      JsonObject body = new JsonObject(full.body());
      assertFalse(body.getBoolean("allowed"), full.body());
      assertEquals("key-capacity", body.getString("reason"), full.body());
      assertEquals("1", full.headers().firstValue("Retry-After").orElseThrow());
      http.post("/v1/check", k3);
      assertTrue(new JsonObject(http.post("/v1/check", k1).body()).getBoolean("allowed"), "resident keys go on");

      String metrics = http.get("/metrics").body();
      assertTrue(metrics.contains("headroom_decisions_total{limit=\"small\",outcome=\"key_capacity\"} 2.0"), metrics);
      assertTrue(metrics.contains("headroom_keys_max{limit=\"small\"} 2.0"), metrics);
      JsonObject small = new JsonArray(http.admin("GET", "/admin/limits", null).body()).getJsonObject(0);
      assertEquals(2, small.getLong("keyCapacityRejected"), small.encode());
      assertEquals(0, small.getLong("rejected"), "a full registry is not the key's own limit: " + small.encode());
      assertEquals(2, small.getInteger("maxKeys"));
      synchronized (warnings) {
        assertEquals(1, warnings.size(), "the first overflow of a limit is logged, once");
        assertTrue(java.text.MessageFormat.format(warnings.getFirst().getMessage(),
            warnings.getFirst().getParameters()).contains("'small'"));
      }
    } finally {
      jul.removeHandler(capture);
    }
  }
}
