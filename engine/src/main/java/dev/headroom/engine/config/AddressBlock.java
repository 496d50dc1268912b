/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

import io.netty.util.NetUtil;
import java.util.Arrays;

/**
 * An IP address or a CIDR block ({@code 10.0.0.0/8}, {@code 2001:db8::/32}), for the trusted proxies.
 * Only literals are accepted: a host name would need a DNS lookup, which an address check must never do.
 */
public record AddressBlock(byte[] network, int prefixBits) {

  /** The block {@code text} denotes; throws IllegalArgumentException saying what is expected. */
  public static AddressBlock parse(String text) {
    String s = text.trim();
    int slash = s.indexOf('/');
    byte[] address = NetUtil.createByteArrayFromIpAddressString(slash < 0 ? s : s.substring(0, slash));
    if (address == null) {
      throw new IllegalArgumentException("expected an IP address or a CIDR block such as 10.0.0.0/8, got \"" + text + "\"");
    }
    int bits = address.length * 8;
    if (slash >= 0) {
      try {
        bits = Integer.parseInt(s.substring(slash + 1));
      } catch (NumberFormatException e) {
        bits = -1;
      }
      if (bits < 0 || bits > address.length * 8) {
        throw new IllegalArgumentException("expected a prefix length from 0 to " + address.length * 8 + " after /, got \""
            + text + "\"");
      }
    }
    return new AddressBlock(address, bits);
  }

  /** True when {@code ip} (an address literal; anything else is false) lies in this block. */
  public boolean contains(String ip) {
    byte[] a = ip == null ? null : NetUtil.createByteArrayFromIpAddressString(ip);
    if (a == null) {
      return false;
    }
    if (a.length != network.length) {
      // An IPv4 address seen through an IPv6 socket (::ffff:a.b.c.d) against a v4 block.
      if (a.length == 16 && network.length == 4 && isMappedV4(a)) {
        a = Arrays.copyOfRange(a, 12, 16);
      } else {
        return false;
      }
    }
    int full = prefixBits / 8;
    for (int i = 0; i < full; i++) {
      if (a[i] != network[i]) {
        return false;
      }
    }
    int rest = prefixBits % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (a[full] & mask) == (network[full] & mask);
  }

  private static boolean isMappedV4(byte[] a) {
    for (int i = 0; i < 10; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AddressBlock b && b.prefixBits == prefixBits && Arrays.equals(b.network, network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + prefixBits;
  }

  @Override
  public String toString() {
    return NetUtil.bytesToIpAddress(network) + "/" + prefixBits;
  }
}
