/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the items of {@code upstreams}, the gateway's targets. */
final class UpstreamReader {

  private static final Set<String> MODES = new LinkedHashSet<>(List.of("police", "shape"));

  private final Names names = new Names("upstream");
  private final Map<String, Integer> routes = new HashMap<>();

  UpstreamConfig read(Value item) {
    Mapping m = item.mapping();
    if (m == null) {
      return null;
    }
    String name = names.read(m);
    URI url = m.req("url", UpstreamReader::url);
    String route = m.opt("route", UpstreamReader::route, "/");
    UpstreamConfig.Mode mode = UpstreamConfig.Mode.valueOf(
        m.opt("mode", v -> v.oneOf(MODES), "police").toUpperCase(java.util.Locale.ROOT));
    // Shaping waits by design; policing only when pacing to a provider quota.
    Duration defaultWait = mode == UpstreamConfig.Mode.SHAPE ? Duration.ofSeconds(2) : Duration.ZERO;
    Duration maxWait = m.opt("maxWait", Value::duration, defaultWait);
    long queueSize = m.opt("queueSize", v -> v.integer(1, 1_000_000), 1000L);
    Duration timeout = m.opt("timeout", Value::positiveDuration, Duration.ofSeconds(30));
    Units.Quota quota = m.opt("quota", Value::quota, null);
    ZoneId zone = m.opt("quotaZone", AlgorithmReader::zone, ZoneId.of("UTC"));
    if (quota == null && m.has("quotaZone")) {
      m.errorAt("quotaZone", "quotaZone needs a quota to align");
    }
    UpstreamConfig.Retry retry = m.opt("retry", UpstreamReader::retry, UpstreamConfig.Retry.NONE);
    m.finish();
    if (route != null && name != null) {
      Integer first = routes.putIfAbsent(route, item.node().getStartMark().getLine() + 1);
      if (first != null) {
        m.errorAt("route", "another upstream already serves route " + Value.quote(route) + " (line " + first + ")");
      }
    }
    if (name == null || url == null) {
      return null;
    }
    Optional<AlgorithmConfig.QuotaParams> q = Optional.ofNullable(quota)
        .map(x -> new AlgorithmConfig.QuotaParams(x.quota(), x.window(), zone));
    return new UpstreamConfig(name, url, route, mode, maxWait, (int) queueSize, timeout, q, retry);
  }

  private static URI url(Value v) {
    String s = v.string();
    if (s == null) {
      return null;
    }
    try {
      URI u = new URI(s);
      if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null) {
        return u;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    v.expected("expected an http:// or https:// URL with a host, such as http://127.0.0.1:9000");
    return null;
  }

  private static String route(Value v) {
    String s = v.string();
    if (s != null && !s.startsWith("/")) {
      v.expected("expected a path prefix starting with /, such as /api/");
      return null;
    }
    return s;
  }

  private static UpstreamConfig.Retry retry(Value v) {
    Mapping m = v.mapping();
    if (m == null) {
      return null;
    }
    long attempts = m.opt("maxAttempts", a -> a.integer(1, 20), 3L);
    Duration backoff = m.opt("backoff", Value::positiveDuration, Duration.ofSeconds(1));
    Duration maxRetryAfter = m.opt("maxRetryAfter", Value::duration, Duration.ofSeconds(60));
    m.finish();
    return new UpstreamConfig.Retry((int) attempts, backoff, maxRetryAfter);
  }
}
