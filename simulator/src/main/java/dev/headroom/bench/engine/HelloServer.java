/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.bench.engine;

import io.vertx.core.buffer.Buffer;

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
    Buffer hello = Buffer.buffer(BODY);
    BenchHttpServer.deploy(host, port, instances, (vertx, options) -> vertx.createHttpServer(options)
        .requestHandler(req -> req.body().onComplete(body -> req.response()
            .putHeader("content-type", "text/plain").end(hello)))
        .listen());
  }
}
