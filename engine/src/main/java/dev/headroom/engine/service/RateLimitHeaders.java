package dev.headroom.engine.service;

import io.vertx.core.MultiMap;

/**
 * The IETF rate-limit headers (draft-ietf-httpapi-ratelimit-headers) and {@code Retry-After} for
 * one check: {@code RateLimit-Policy: "api";q=100;w=1} says the quota and its window,
 * {@code RateLimit: "api";r=42;t=3} what remains and when it is full again (seconds, rounded up),
 * so a client can pace itself instead of retrying blindly.
 */
public final class RateLimitHeaders {

  private RateLimitHeaders() {}

  public static void put(MultiMap headers, CheckResult r) {
    if (!r.matched()) {
      return;
    }
    String name = '"' + r.limitName().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    headers.set("RateLimit-Policy", name + ";q=" + r.limit() + ";w=" + r.windowSeconds());
    headers.set("RateLimit", name + ";r=" + r.remaining() + ";t=" + seconds(r.resetMillis()));
    if (!r.allowed()) {
      headers.set("Retry-After", Long.toString(Math.max(1, seconds(r.retryAfterMillis()))));
    }
  }

  private static long seconds(long millis) {
    return (millis + 999) / 1000;
  }
}
