/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.bench.engine;

import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The least a reverse proxy on Vert.x core can do: each request forwarded with its headers to the
 * upstream by an HTTP client of the same event loop, the answer read whole and sent back. No limit
 * check, no header filtering, no timers. It is the reference point for the gateway's latency: what
 * any Vert.x proxy in front of the same upstream costs on the same machine, so that the gateway's own
 * overhead is the difference from it, not from the upstream direct.
 */
final class MinimalProxy {

  private MinimalProxy() {}

  /** Starts the proxy and returns once it listens; it runs until the JVM exits. */
  static void start(String host, int port, int instances, int upstreamPort) throws Exception {
    BenchHttpServer.deploy(host, port, instances, (vertx, options) -> {
      // Created in start(), hence on this verticle's event loop: no request changes threads.
      HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
          new PoolOptions().setHttp1MaxSize(256));
      return vertx.createHttpServer(options).requestHandler(req -> {
            RequestOptions out = new RequestOptions().setMethod(req.method()).setHost(host)
                .setPort(upstreamPort).setURI(req.uri());
            client.request(out)
                .compose(r -> {
                  r.headers().addAll(req.headers());
                  r.headers().remove("Host");
                  return r.send();
                })
                .compose(resp -> resp.body().onSuccess(b -> {
                  req.response().setStatusCode(resp.statusCode()).headers().addAll(resp.headers());
                  req.response().end(b);
                }))
                .onFailure(e -> req.response().setStatusCode(502).end());
          })
          .listen();
    });
  }
}
