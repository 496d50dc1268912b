/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.gateway;

import io.vertx.core.MultiMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Copies headers across the proxy minus the hop-by-hop ones (RFC 9110 section 7.6.1): those describe
 * one connection, not the message, and forwarding them (Connection: close, Transfer-Encoding) would
 * break the next hop.
 */
final class ProxyHeaders {

  private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
      "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");

  private ProxyHeaders() {}

  /** Request headers for the upstream; Host is left out so the client sets the upstream's own. */
  static void copyRequest(MultiMap from, MultiMap to) {
    copy(from, to, "host");
  }

  static void copyResponse(MultiMap from, MultiMap to) {
    copy(from, to, null);
  }

  /** Headers a client may send to pose as a proxy, or to fake where a request came from. */
  private static final List<String> FORWARDING = List.of("X-Forwarded-For", "X-Forwarded-Host",
      "X-Forwarded-Proto", "X-Forwarded-Port", "X-Real-IP", "Forwarded");

  /**
   * Says who the caller is and how it reached us, as proxies do. From a trusted proxy the forwarding
   * headers it sent are kept and its address is appended to X-Forwarded-For; from anyone else they
   * are the client's own claims and are replaced, so an upstream never trusts a forged address.
   */
  static void addForwarded(MultiMap to, boolean fromTrustedProxy, String peerIp, String host, String scheme) {
    if (!fromTrustedProxy) {
      FORWARDING.forEach(to::remove);
    }
    if (peerIp != null) {
      String prior = to.get("X-Forwarded-For");
      to.set("X-Forwarded-For", prior == null || prior.isBlank() ? peerIp : prior + ", " + peerIp);
    }
    if (host != null && !to.contains("X-Forwarded-Host")) {
      to.set("X-Forwarded-Host", host);
    }
    if (scheme != null && !to.contains("X-Forwarded-Proto")) {
      to.set("X-Forwarded-Proto", scheme);
    }
  }

  private static void copy(MultiMap from, MultiMap to, String alsoSkip) {
    Set<String> named = new HashSet<>();
    for (String connection : from.getAll("Connection")) {
      for (String token : connection.split(",")) {
        named.add(token.trim().toLowerCase(Locale.ROOT));
      }
    }
    for (Map.Entry<String, String> e : from) {
      String name = e.getKey().toLowerCase(Locale.ROOT);
      if (HOP_BY_HOP.contains(name) || named.contains(name) || name.equals(alsoSkip)) {
        continue;
      }
      to.add(e.getKey(), e.getValue());
    }
  }
}
