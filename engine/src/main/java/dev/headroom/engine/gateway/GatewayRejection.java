/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.gateway;

import dev.headroom.engine.service.CheckResult;

/**
 * Why the gateway answers a request itself instead of forwarding it: carried through the futures
 * of one exchange to the single place that writes the reply. No stack trace: it is an answer, not a
 * bug.
 */
final class GatewayRejection extends RuntimeException {

  /** The caller went away while its request waited: nothing to answer. */
  static final GatewayRejection CLIENT_GONE = new GatewayRejection(499, "client_gone", 0, null, "the client closed the connection");

  final int status;
  final String error;
  final long retryAfterMillis;
  /** The engine's decision when a limit refused the request (for the RateLimit headers); else null. */
  final CheckResult check;

  private GatewayRejection(int status, String error, long retryAfterMillis, CheckResult check, String message) {
    super(message, null, false, false);
    this.status = status;
    this.error = error;
    this.retryAfterMillis = retryAfterMillis;
    this.check = check;
  }

  /** A configured limit refused the request. */
  static GatewayRejection limited(CheckResult check, String message) {
    return new GatewayRejection(429, "rate_limited", check.retryAfterMillis(), check, message);
  }

  /** The provider's quota has no slot within the wait allowed. */
  static GatewayRejection quota(long retryAfterNanos, String message) {
    return new GatewayRejection(429, "quota_exhausted", Math.ceilDiv(Math.max(0, retryAfterNanos), 1_000_000L), null, message);
  }

  /** The upstream could not be reached or failed (502), or did not answer in time (504). */
  static GatewayRejection upstream(int status, String message) {
    return new GatewayRejection(status, status == 504 ? "upstream_timeout" : "bad_gateway", 0, null, message);
  }

  /** A bug of ours: said plainly rather than left hanging. */
  static GatewayRejection internal(String message) {
    return new GatewayRejection(500, "internal_error", 0, null, message);
  }

  /** A request target the gateway will not forward (a path escaping the root, an encoded slash). */
  static GatewayRejection badRequest(String message) {
    return new GatewayRejection(400, "bad_request", 0, null, message);
  }

  static GatewayRejection notFound(String message) {
    return new GatewayRejection(404, "no_upstream", 0, null, message);
  }
}
