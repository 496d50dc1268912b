/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.bench.engine;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.TimeUnit;

/**
 * How the benchmark's own servers (the hello route, the minimal proxy) are deployed: exactly as
 * {@code HeadroomServer} deploys the engine, {@code instances} verticles (hence event loops) with
 * TCP_NODELAY and no compression, so that every row compares servers set up alike.
 */
final class BenchHttpServer {

  /** What one verticle starts on its own event loop, given its Vert.x and the server options. */
  @FunctionalInterface
  interface Starter {
    Future<?> start(Vertx vertx, HttpServerOptions options);
  }

  private BenchHttpServer() {}

  /** Deploys the servers and returns once they listen; they run until the JVM exits. */
  static void deploy(String host, int port, int instances, Starter starter) throws Exception {
    Vertx vertx = Vertx.vertx();
    HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port)
        .setTcpNoDelay(true).setCompressionSupported(false);
    try {
      vertx.deployVerticle(() -> new VerticleBase() {
            @Override
            public Future<?> start() {
              return starter.start(vertx, options);
            }
          }, new DeploymentOptions().setInstances(Math.max(1, instances)))
          .await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw e;
    }
  }
}
