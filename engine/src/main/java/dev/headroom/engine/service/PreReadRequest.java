/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.service;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.http.HttpServerRequestInternal;
import io.vertx.core.internal.http.HttpServerRequestWrapper;

/**
 * A request whose body the router has already read under the size cap ({@link BodyLimit}): a
 * handler behind it (the admin API) calls {@code body()} as usual and gets that buffer, so every
 * route is capped in one place instead of in each handler.
 */
final class PreReadRequest extends HttpServerRequestWrapper {

  private final Future<Buffer> body;

  PreReadRequest(HttpServerRequest req, Buffer body) {
    super((HttpServerRequestInternal) req);
    this.body = Future.succeededFuture(body);
  }

  @Override
  public Future<Buffer> body() {
    return body;
  }

  @Override
  public boolean isEnded() {
    return true;
  }
}
