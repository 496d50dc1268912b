package dev.headroom.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.engine.config.ConfigLoader;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A slow {@code /metrics} scrape (here one blocked on purpose; in production a walk of millions of
 * keys) must not hold the event loop: other requests on the same loop are answered meanwhile.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class MetricsOffLoopIT {

  @TempDir
  Path dir;

  @Test
  void aSlowScrapeLeavesTheEventLoopFree() throws Exception {
    Engine engine = Engine.start(new ConfigLoader(n -> null, () -> "generated-token-for-tests-0001").parse("""
        telemetry: {interval: 1h, spoolPath: %s}
        limits: [{name: a, algorithm: {type: token-bucket, rate: 1/s}}]
        """.formatted(dir.resolve("s.lp")), "h.yaml"));
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    CountDownLatch scraping = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try {
      Metrics metrics = new Metrics(engine);
      Gauge.builder("test.slow", () -> {
        scraping.countDown();
        try {
          release.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return 1;
      }).register(metrics.registry);
      HttpServer server = vertx.createHttpServer().requestHandler(req -> {
        if (req.path().equals("/metrics")) {
          metrics.serve(req);
        } else {
          req.response().end("ok");
        }
      }).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
      Http http = new Http(server.actualPort(), "unused");
      CompletableFuture<HttpResponse<String>> scrape = CompletableFuture.supplyAsync(() -> http.get("/metrics"));
      assertTrue(scraping.await(10, TimeUnit.SECONDS), "the scrape did not start");
      CompletableFuture<HttpResponse<String>> health = CompletableFuture.supplyAsync(() -> http.get("/health"));
      // While the scrape is held, the only event loop must still answer; on the loop, this would wait 20 s.
      HttpResponse<String> answered = health.get(5, TimeUnit.SECONDS);
      assertEquals("ok", answered.body());
      release.countDown();
      HttpResponse<String> r = scrape.get(10, TimeUnit.SECONDS);
      assertEquals(200, r.statusCode());
      assertTrue(r.body().contains("test_slow 1.0"), r.body());
    } finally {
      release.countDown();
      vertx.close().await(10, TimeUnit.SECONDS);
      engine.close();
    }
  }
}
