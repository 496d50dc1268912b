/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PathNormalizerTest {

  private static String n(String raw) throws PathNormalizer.BadPath {
    return PathNormalizer.normalize(raw);
  }

  @Test
  void dotSegmentsAndDuplicateSlashesAreResolved() throws Exception {
    assertEquals("/strict/x", n("/lenient/../strict/x"));
    assertEquals("/a/b/", n("/a/./b/"));
    assertEquals("/a/b", n("//a///b"));
    assertEquals("/a/", n("/a/b/.."));
    assertEquals("/a/b/", n("/a/b/."));
    assertEquals("/", n("/"));
    assertEquals("/", n("/a/.."));
    assertEquals("/a/b", n("/a/b"));
  }

  @Test
  void encodedDotsAndUnreservedCharactersAreDecodedOthersKept() throws Exception {
    assertEquals("/strict/x", n("/lenient/%2e%2e/strict/x"));
    assertEquals("/strict/x", n("/lenient/.%2E/strict/x"));
    assertEquals("/lenient/", n("/%6cenient/"));
    assertEquals("/a%20b/%C3%A9", n("/a%20b/%c3%a9"));
  }

  @Test
  void pathsThatEscapeTheRootOrHideSeparatorsAreRefused() {
    for (String bad : List.of("/base/../../etc/passwd", "/..", "/%2e%2e/x", "/a%2fb", "/a%2F..%2Fb", "/a%5cb",
        "/a\\b", "/a%00", "/a%zz", "/a%2", "relative", "")) {
      PathNormalizer.BadPath e = assertThrows(PathNormalizer.BadPath.class, () -> n(bad), bad);
      assertTrue(e.getMessage().contains("path"), e.getMessage());
    }
  }

  @Test
  void trustedProxiesAloneSpeakForTheClient() {
    ForwardedFor f = new ForwardedFor(List.of("10.0.0.0/8", "192.168.1.5"));
    assertEquals("203.0.113.9", f.clientIp("203.0.113.9", List.of("1.2.3.4")), "an untrusted peer is the client");
    assertEquals("1.2.3.4", f.clientIp("10.1.2.3", List.of("1.2.3.4")));
    assertEquals("1.2.3.4", f.clientIp("10.1.2.3", List.of("6.6.6.6, 1.2.3.4, 192.168.1.5")),
        "the rightmost untrusted hop is the client; entries left of it are its own claims");
    assertEquals("10.1.2.3", f.clientIp("10.1.2.3", List.of()));
    assertEquals("10.9.9.9", f.clientIp("10.1.2.3", List.of("not-an-ip, 10.9.9.9")));
    assertTrue(f.trusts("::ffff:10.0.0.1"), "an IPv4 peer seen on an IPv6 socket");
  }
}
