/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.gateway;

import dev.headroom.engine.config.ConfigLoader;
import dev.headroom.engine.config.HeadroomConfig;
import dev.headroom.engine.service.Engine;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A running gateway for one test: an engine on a YAML configuration, the handler on a real server on
 * a free loopback port, and a client to call it.
 */
final class Gateway implements AutoCloseable {

  /** One answer as the caller saw it. */
  record Reply(int status, MultiMap headers, String body) {
    String header(String name) {
      return headers.get(name);
    }
  }

  final Engine engine;
  final GatewayHandler handler;
  private final HttpServer server;
  private final HttpClientAgent client;

  Gateway(Vertx vertx, String yaml) throws Exception {
    HeadroomConfig config = new ConfigLoader(name -> null, () -> "test-admin-token-0123456789").parse(yaml, "test.yaml");
    engine = Engine.start(config);
    handler = new GatewayHandler(vertx, engine, config.upstreams());
    server = vertx.createHttpServer().requestHandler(handler);
    server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    client = vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(64));
  }

  /** Sends a request without waiting for its answer. */
  Future<Reply> send(HttpMethod method, String path, Map<String, String> headers, String body) {
    RequestOptions o = new RequestOptions().setMethod(method).setHost("127.0.0.1")
        .setPort(server.actualPort()).setURI(path);
    headers.forEach(o::putHeader);
    return client.request(o)
        .compose(req -> body == null ? req.send() : req.send(Buffer.buffer(body)))
        .compose(resp -> resp.body().map(b -> new Reply(resp.statusCode(),
            MultiMap.caseInsensitiveMultiMap().addAll(resp.headers()), b.toString())));
  }

  Reply call(HttpMethod method, String path, Map<String, String> headers, String body) throws Exception {
    return await(send(method, path, headers, body));
  }

  Reply get(String path, Map<String, String> headers) throws Exception {
    return call(HttpMethod.GET, path, headers, null);
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  GatewayHandler.UpstreamStatus upstream(String name) {
    return handler.upstreams().stream().filter(u -> u.name().equals(name)).findFirst().orElseThrow();
  }

  /** Waits for a closing step; an interrupt is kept and reported rather than thrown as such. */
  static void closeStep(Future<Void> f) throws ExecutionException, TimeoutException {
    try {
      f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while closing", e);
    }
  }

  @Override
  public void close() throws ExecutionException, TimeoutException {
    try {
      closeStep(client.close());
      closeStep(server.close());
      closeStep(handler.close());
    } finally {
      engine.close();
    }
  }
}
