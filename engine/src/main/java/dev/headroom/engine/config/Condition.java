/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

import java.util.Map;
import java.util.Optional;

/**
 * Conditions a request must meet, all of them: a path prefix, header values and JSON field values.
 * A value of {@code "*"} asks only that the header or field be present. The empty condition
 * matches every request.
 */
public record Condition(Optional<String> route, Map<String, String> headers, Map<String, String> fields) {

  public static final String ANY = "*";
  public static final Condition ALWAYS = new Condition(Optional.empty(), Map.of(), Map.of());

  public Condition {
    headers = Map.copyOf(headers);
    fields = Map.copyOf(fields);
  }

  public boolean test(RequestView request) {
    if (route.isPresent()) {
      String path = request.path();
      if (path == null || !path.startsWith(route.get())) {
        return false;
      }
    }
    for (Map.Entry<String, String> h : headers.entrySet()) {
      if (!matches(h.getValue(), request.header(h.getKey()))) {
        return false;
      }
    }
    for (Map.Entry<String, String> f : fields.entrySet()) {
      if (!matches(f.getValue(), request.jsonField(f.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private static boolean matches(String expected, String actual) {
    return actual != null && (expected.equals(ANY) || expected.equals(actual));
  }
}
