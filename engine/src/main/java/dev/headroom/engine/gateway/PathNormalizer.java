/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.gateway;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The path a request really names, before any route or limit looks at it (RFC 3986 section 6.2.2):
 * percent-encoded unreserved characters decoded ({@code %2e} is a dot, {@code %7e} a tilde), dot
 * segments removed, duplicate slashes collapsed, other escapes kept with upper-case hex. Matching the
 * raw path would let {@code /lenient/../strict/} take the lenient route's limit, and forwarding it
 * would let {@code /base/../../etc/passwd} climb out of the upstream's base path.
 *
 * <p>Refused (400): a path that climbs above the root, an encoded slash or backslash ({@code %2f},
 * {@code %5c}: the upstream may decode them into separators the gateway never saw), a raw backslash,
 * an encoded or raw NUL or control character, a malformed escape, anything not starting with /.
 */
final class PathNormalizer {

  private PathNormalizer() {}

  /** Why a path is refused. */
  static final class BadPath extends Exception {
    BadPath(String message) {
      super(message, null, false, false);
    }
  }

  static String normalize(String raw) throws BadPath {
    if (raw == null || raw.isEmpty() || raw.charAt(0) != '/') {
      throw new BadPath("the request path must start with /");
    }
    String decoded = decodeUnreserved(raw);
    Deque<String> segments = new ArrayDeque<>();
    boolean trailingSlash = false;
    int i = 1;
    while (i <= decoded.length()) {
      int end = decoded.indexOf('/', i);
      if (end < 0) {
        end = decoded.length();
      }
      String seg = decoded.substring(i, end);
      boolean last = end == decoded.length();
      switch (seg) {
        case "", "." -> trailingSlash = last;
        case ".." -> {
          if (segments.isEmpty()) {
            throw new BadPath("the request path climbs above the root");
          }
          segments.removeLast();
          trailingSlash = last;
        }
        default -> {
          segments.addLast(seg);
          trailingSlash = false;
        }
      }
      i = end + 1;
    }
    StringBuilder out = new StringBuilder(decoded.length());
    for (String seg : segments) {
      out.append('/').append(seg);
    }
    if (out.isEmpty() || trailingSlash) {
      out.append('/');
    }
    return out.toString();
  }

  private static String decodeUnreserved(String raw) throws BadPath {
    StringBuilder out = null;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\\' || c < 0x20 || c == 0x7f) {
        throw new BadPath("the request path holds a backslash or a control character");
      }
      if (c != '%') {
        if (out != null) {
          out.append(c);
        }
        continue;
      }
      if (i + 2 >= raw.length() || hex(raw.charAt(i + 1)) < 0 || hex(raw.charAt(i + 2)) < 0) {
        throw new BadPath("the request path holds a malformed percent escape");
      }
      int b = hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2));
      if (b == '/' || b == '\\') {
        throw new BadPath("the request path holds an encoded slash or backslash (%2F, %5C)");
      }
      if (b < 0x20 || b == 0x7f) {
        throw new BadPath("the request path holds an encoded control character");
      }
      if (out == null) {
        out = new StringBuilder(raw.length()).append(raw, 0, i);
      }
      if (unreserved(b)) {
        out.append((char) b);
      } else {
        out.append('%').append(Character.toUpperCase(raw.charAt(i + 1))).append(Character.toUpperCase(raw.charAt(i + 2)));
      }
      i += 2;
    }
    return out == null ? raw : out.toString();
  }

  private static boolean unreserved(int b) {
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
        || b == '-' || b == '.' || b == '_' || b == '~';
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }
}
