/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.gateway;

import dev.headroom.engine.config.AddressBlock;
import java.util.List;

/**
 * Who the client is, given the configured trusted proxies. A peer that is not a trusted proxy is the
 * client, and its X-Forwarded-* headers are its own claims: dropped, since anyone can write them.
 * Behind trusted proxies the client is the rightmost X-Forwarded-For address that is not itself a
 * trusted proxy (the leftmost entries are again the client's own claims).
 */
final class ForwardedFor {

  private final List<AddressBlock> trusted;

  ForwardedFor(List<String> trustedProxies) {
    this.trusted = trustedProxies.stream().map(AddressBlock::parse).toList();
  }

  boolean trusts(String peer) {
    for (AddressBlock b : trusted) {
      if (b.contains(peer)) {
        return true;
      }
    }
    return false;
  }

  /** The client's address for limits and for X-Forwarded-For: {@code peer} unless it is a trusted proxy. */
  String clientIp(String peer, List<String> forwardedFor) {
    if (peer == null || !trusts(peer)) {
      return peer;
    }
    String client = peer;
    for (int i = forwardedFor.size() - 1; i >= 0; i--) {
      for (String part : reversed(forwardedFor.get(i).split(","))) {
        String ip = part.trim();
        if (ip.isEmpty() || io.netty.util.NetUtil.createByteArrayFromIpAddressString(ip) == null) {
          return client; // garbage beyond the last trusted hop: stop at what is known
        }
        client = ip;
        if (!trusts(ip)) {
          return ip;
        }
      }
    }
    return client;
  }

  private static List<String> reversed(String[] parts) {
    return java.util.Arrays.asList(parts).reversed();
  }
}
