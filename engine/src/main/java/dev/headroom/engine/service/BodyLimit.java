/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.service;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads a request body into memory up to a cap, counting the bytes as they arrive: a declared
 * Content-Length over the cap is refused before reading, and a chunked body (or one the server
 * decompresses) is refused as soon as it passes the cap, so no encoding gets more memory than the cap.
 */
final class BodyLimit {

  private BodyLimit() {}

  /** The body is over the cap: HTTP 413. */
  static final class TooLarge extends RuntimeException {
    TooLarge(long max) {
      super("request body over " + max + " bytes", null, false, false);
    }
  }

  static Future<Buffer> read(HttpServerRequest req, long max) {
    String length = req.getHeader("content-length");
    if (length != null && !length.isBlank() && declared(length) > max) {
      return Future.failedFuture(new TooLarge(max));
    }
    Promise<Buffer> done = Promise.promise();
    Buffer body = Buffer.buffer();
    req.exceptionHandler(done::tryFail);
    req.handler(chunk -> {
      if (done.future().isComplete()) {
        return;
      }
      if ((long) body.length() + chunk.length() > max) {
        done.tryFail(new TooLarge(max));
        req.pause(); // nothing more is read; the caller answers and closes the connection
        return;
      }
      body.appendBuffer(chunk);
    });
    req.endHandler(v -> done.tryComplete(body));
    return done.future();
  }

  private static long declared(String length) {
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }
}
