/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

/**
 * What a limit's match can see of a request, whatever carried it: a gateway request, a decision API
 * call in key or descriptor form, or a simulated request. Kept free of any HTTP library's types so
 * matching is tested and simulated without a server. Every method returns null for "absent".
 */
public interface RequestView {

  /** The first value of header {@code name}; names are case-insensitive as in HTTP. */
  String header(String name);

  /** The caller's address as text. */
  String clientIp();

  /** The request path without the query, e.g. {@code /v1/orders}. */
  String path();

  /** A top-level field of the decision API's JSON body (or its descriptors), as text. */
  String jsonField(String name);

  /** A decision API call carrying only {@code {"key": key}}: for benchmarks and load tests. */
  static RequestView keyOnly(String key) {
    return new RequestView() {
      @Override
      public String header(String name) {
        return null;
      }

      @Override
      public String clientIp() {
        return null;
      }

      @Override
      public String path() {
        return null;
      }

      @Override
      public String jsonField(String name) {
        return "key".equals(name) ? key : null;
      }
    };
  }
}
