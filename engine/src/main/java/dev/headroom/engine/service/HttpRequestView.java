package dev.headroom.engine.service;

import dev.headroom.engine.config.RequestView;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/** A proxied HTTP request as the matcher sees it: its headers, client address and path (no JSON body). */
public record HttpRequestView(HttpServerRequest request) implements RequestView {

  @Override
  public String header(String name) {
    return request.getHeader(name);
  }

  @Override
  public String clientIp() {
    SocketAddress remote = request.remoteAddress();
    return remote == null ? null : remote.hostAddress();
  }

  @Override
  public String path() {
    return request.path();
  }

  @Override
  public String jsonField(String name) {
    return null;
  }
}
