/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.gateway;

import io.vertx.core.http.HttpServerRequest;

/** Flow control on a proxied request: paused while it waits, its body dropped when it is refused. */
final class Requests {

  private Requests() {}

  /**
   * Lets an unread body flow (and be dropped, no handler being set) so the connection can carry the
   * next request. Vert.x 5 refuses resume() once the body has ended, hence the check.
   */
  static void discardBody(HttpServerRequest req) {
    if (!req.isEnded()) {
      try {
        req.resume();
      } catch (IllegalStateException alreadyRead) {
        // ended between the check and the call: nothing left to drop
      }
    }
  }

  /** True when the request carries a body (RFC 9112 section 6.3: a length or chunked coding). */
  static boolean hasBody(HttpServerRequest req) {
    String length = req.getHeader("Content-Length");
    if (length != null) {
      return !length.trim().equals("0");
    }
    return req.getHeader("Transfer-Encoding") != null;
  }

  /** The declared body length, or -1 when unknown (chunked) or unreadable. */
  static long contentLength(HttpServerRequest req) {
    String length = req.getHeader("Content-Length");
    if (length == null) {
      return -1;
    }
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
