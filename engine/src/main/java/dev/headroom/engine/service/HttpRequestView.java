package dev.headroom.engine.service;

import dev.headroom.engine.config.RequestView;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * A proxied HTTP request as the matcher sees it: its headers, client address and path (no JSON body).
 * The gateway gives the normalised path and the client address it trusts (see the gateway's
 * {@code ForwardedFor}); the one-argument form takes both from the request as it arrived.
 */
public record HttpRequestView(HttpServerRequest request, String path, String clientIp) implements RequestView {

  public HttpRequestView(HttpServerRequest request) {
    this(request, request.path(), remoteIp(request));
  }

  /** The address of the peer of the connection: the client, or the proxy in front of it. */
  public static String remoteIp(HttpServerRequest request) {
    SocketAddress remote = request.remoteAddress();
    return remote == null ? null : remote.hostAddress();
  }

  @Override
  public String header(String name) {
    return request.getHeader(name);
  }

  @Override
  public String jsonField(String name) {
    return null;
  }
}
