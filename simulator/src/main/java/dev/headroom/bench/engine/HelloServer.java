/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.bench.engine;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.TimeUnit;

/**
 * The floor every HTTP service on Vert.x core pays: one route answering "hello", deployed exactly as
 * {@code HeadroomServer} deploys the engine (same number of server instances, hence event loops;
 * same TCP_NODELAY and no compression). It is both the bare baseline of the decision API and the
 * trivial upstream of the gateway. It waits for the whole request body before answering, as any POST
 * endpoint must, so that the decision API's extra cost is its own work, not body reading.
 */
final class HelloServer {

  static final String BODY = "hello";

  private HelloServer() {}

  /** Starts the server and returns once it listens; it runs until the JVM exits. */
  static void start(String host, int port, int instances) throws Exception {
    Vertx vertx = Vertx.vertx();
    Buffer hello = Buffer.buffer(BODY);
    HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port)
        .setTcpNoDelay(true).setCompressionSupported(false);
    try {
      vertx.deployVerticle(() -> new VerticleBase() {
            @Override
            public Future<?> start() {
              return vertx.createHttpServer(options)
                  .requestHandler(req -> req.body().onComplete(body -> req.response()
                      .putHeader("content-type", "text/plain").end(hello)))
                  .listen();
            }
          }, new DeploymentOptions().setInstances(Math.max(1, instances)))
          .await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw e;
    }
  }
}
