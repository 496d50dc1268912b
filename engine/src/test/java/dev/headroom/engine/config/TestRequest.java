/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

import java.util.Map;
import java.util.TreeMap;

/** A plain request for matching tests: headers (case-insensitive, as in HTTP), client IP, path, JSON fields. */
record TestRequest(Map<String, String> headers, String clientIp, String path, Map<String, String> fields)
    implements RequestView {

  TestRequest {
    TreeMap<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.putAll(headers);
    headers = h;
  }

  static TestRequest gateway(String path, String... headerPairs) {
    return new TestRequest(pairs(headerPairs), "192.0.2.7", path, Map.of());
  }

  /** A decision API call: no headers, no path, fields from the JSON body. */
  static TestRequest decision(String... fieldPairs) {
    return new TestRequest(Map.of(), "192.0.2.7", null, pairs(fieldPairs));
  }

  TestRequest withFields(String... fieldPairs) {
    return new TestRequest(headers, clientIp, path, pairs(fieldPairs));
  }

  TestRequest withIp(String ip) {
    return new TestRequest(headers, ip, path, fields);
  }

  @Override
  public String header(String name) {
    return headers.get(name);
  }

  @Override
  public String jsonField(String name) {
    return fields.get(name);
  }

  private static Map<String, String> pairs(String... kv) {
    Map<String, String> m = new TreeMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
