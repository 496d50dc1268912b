/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.bench.engine;

/** What a forked server JVM runs. */
enum ServerRole {
  /** Vert.x core answering "hello": the decision API's baseline. */
  BARE,
  /** Headroom's decision API, a limit admitting everything. */
  DECISION,
  /** Vert.x core answering "hello": what the gateway forwards to, and its direct baseline. */
  UPSTREAM,
  /** A minimal Vert.x reverse proxy ({@link MinimalProxy}) in front of an {@link #UPSTREAM}: the gateway's reference. */
  PROXY,
  /** Headroom in gateway mode (police) in front of an {@link #UPSTREAM}. */
  GATEWAY;

  String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  static ServerRole of(String id) {
    for (ServerRole r : values()) {
      if (r.id().equals(id)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown server role '" + id + "'");
  }
}
