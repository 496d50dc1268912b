/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.gateway;

import dev.headroom.engine.clock.Clock;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real HTTP server on a free loopback port that records every call it gets (with its arrival time
 * on the system clock, the one the gateway's clock is anchored to) and answers as the test says.
 */
final class FakeUpstream implements AutoCloseable {

  /** One call as the upstream saw it. */
  record Call(long arrivedNanos, String method, String uri, MultiMap headers, String body) {}

  /** How the upstream answers its {@code n}-th call (from 1). */
  @FunctionalInterface
  interface Behavior {
    void answer(HttpServerRequest req, Call call, int n);
  }

  private final List<Call> calls = new ArrayList<>();
  private final HttpServer server;

  FakeUpstream(Vertx vertx, Behavior behavior) throws Exception {
    server = vertx.createHttpServer().requestHandler(req -> {
      long arrived = Clock.system().nanos();
      req.body().onSuccess(body -> {
        Call call = new Call(arrived, req.method().name(), req.uri(),
            MultiMap.caseInsensitiveMultiMap().addAll(req.headers()), body.toString());
        int n;
        synchronized (calls) {
          calls.add(call);
          n = calls.size();
        }
        behavior.answer(req, call, n);
      });
    });
    server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** Answers 200 with a fixed body. */
  static Behavior ok(String text) {
    return (req, call, n) -> req.response().putHeader("Content-Type", "text/plain").end(text);
  }

  @Override
  public void close() throws ExecutionException, TimeoutException {
    Gateway.closeStep(server.close());
  }
}
