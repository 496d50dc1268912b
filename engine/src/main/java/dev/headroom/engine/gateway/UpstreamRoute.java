/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.gateway;

import dev.headroom.engine.clock.Clock;
import dev.headroom.engine.config.DurationText;
import dev.headroom.engine.config.UpstreamConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import java.net.URI;

/**
 * One upstream at run time: where its requests go, its waiting room, and its provider pacing
 * (present only when the upstream has a quota).
 */
final class UpstreamRoute {

  final UpstreamConfig config;
  final WaitSlots slots;
  /** Null when the upstream has no provider quota: calls then go as soon as they are admitted. */
  final PacedGate gate;
  private final String host;
  private final int port;
  private final boolean ssl;
  /** The URL's path, replacing the route prefix; null when the URL has none (the path goes as is). */
  private final String basePath;

  UpstreamRoute(UpstreamConfig config, Vertx vertx, Clock clock, OutboundPacer.Settings pacing) {
    this.config = config;
    this.slots = new WaitSlots(config.queueSize());
    this.gate = config.quota()
        .map(q -> new PacedGate(vertx, new OutboundPacer(q, clock, pacing), slots, clock, config.name(),
            DurationText.format(config.maxWait())))
        .orElse(null);
    URI url = config.url();
    this.ssl = "https".equals(url.getScheme());
    this.host = url.getHost();
    this.port = url.getPort() > 0 ? url.getPort() : ssl ? 443 : 80;
    String path = url.getRawPath();
    this.basePath = path == null || path.isEmpty() ? null : path;
  }

  String name() {
    return config.name();
  }

  boolean serves(String path) {
    return path.startsWith(config.route());
  }

  /**
   * The request target at the upstream, as nginx's proxy_pass: a URL without a path receives the
   * request's path unchanged; a URL with one (even "/") has it replace the matched route prefix, so
   * route /crm/ to https://crm.example.com/api/v2/ sends /crm/contacts to /api/v2/contacts. {@code path}
   * is the request's normalised path ({@link PathNormalizer}), which cannot climb out of the base path.
   */
  String target(HttpServerRequest req, String path) {
    String query = req.query();
    String out;
    if (basePath == null) {
      out = path;
    } else {
      String rest = path.substring(Math.min(path.length(), config.route().length()));
      boolean baseSlash = basePath.endsWith("/");
      boolean restSlash = rest.startsWith("/");
      if (rest.isEmpty()) {
        out = basePath;
      } else if (baseSlash && restSlash) {
        out = basePath + rest.substring(1);
      } else if (!baseSlash && !restSlash) {
        out = basePath + "/" + rest;
      } else {
        out = basePath + rest;
      }
    }
    return query == null ? out : out + "?" + query;
  }

  /**
   * The call to the upstream. Its idle timeout is the upstream's {@code timeout}: when nothing of the
   * answer has arrived for that long, Vert.x fails the request with a TimeoutException, which the
   * gateway answers 504. Vert.x arms that timer for every request anyway, so the gateway keeps no
   * second one.
   */
  RequestOptions requestOptions(HttpServerRequest req, String path) {
    long timeoutMs = config.timeout().toMillis();
    return new RequestOptions()
        .setMethod(req.method())
        .setHost(host)
        .setPort(port)
        .setSsl(ssl)
        .setURI(target(req, path))
        .setConnectTimeout(timeoutMs)
        .setIdleTimeout(timeoutMs);
  }
}
