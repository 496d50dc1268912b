/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

import dev.headroom.engine.limiter.ConcurrencyLimit;
import dev.headroom.engine.limiter.Rate;
import dev.headroom.engine.limiter.SlidingWindowCounter;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a limit's {@code algorithm}: its {@code type} decides which parameters apply, and a
 * parameter of another algorithm is reported as such rather than as unknown. The result is checked
 * by building the limiter core's configuration, so anything the core rejects (a burst that takes
 * years to refill, a rate above one per nanosecond) is reported here, at the file's line.
 */
final class AlgorithmReader {

  static final Set<String> TYPES = new LinkedHashSet<>(
      List.of("token-bucket", "gcra", "quota", "sliding-window", "concurrency"));

  /** Each parameter and the algorithms it belongs to. */
  private static final Map<String, List<String>> PARAMETERS = new LinkedHashMap<>();

  static {
    PARAMETERS.put("rate", List.of("token-bucket", "gcra"));
    PARAMETERS.put("burst", List.of("token-bucket", "gcra"));
    PARAMETERS.put("delay", List.of("gcra"));
    PARAMETERS.put("quota", List.of("quota"));
    PARAMETERS.put("zone", List.of("quota"));
    PARAMETERS.put("limit", List.of("sliding-window"));
    PARAMETERS.put("window", List.of("sliding-window"));
    PARAMETERS.put("maxInFlight", List.of("concurrency"));
  }

  AlgorithmConfig read(Value v) {
    Mapping m = v.mapping();
    if (m == null) {
      return null;
    }
    String type = m.req("type", t -> t.oneOf(TYPES));
    if (type == null) {
      PARAMETERS.keySet().forEach(m::skip); // judged once the type is right
      m.finish();
      return null;
    }
    PARAMETERS.forEach((p, owners) -> {
      if (!owners.contains(type)) {
        m.notHere(p, p + " is a parameter of " + String.join(" and ", owners) + ", not of " + type);
      }
    });
    AlgorithmConfig a = switch (type) {
      case "token-bucket" -> tokenBucket(m);
      case "gcra" -> gcra(m);
      case "quota" -> quota(m);
      case "sliding-window" -> slidingWindow(m);
      case "concurrency" -> concurrency(m);
      default -> throw new AssertionError(type);
    };
    m.finish();
    if (a == null) {
      return null;
    }
    try {
      a.toLimit();
    } catch (IllegalArgumentException e) {
      m.error(e.getMessage());
      return null;
    }
    return a;
  }

  /** Burst defaults to one second's worth of the rate: enough for a well-behaved client's jitter. */
  private static AlgorithmConfig tokenBucket(Mapping m) {
    Rate rate = m.req("rate", Value::rate);
    long defaultBurst = rate == null ? 1 : Math.max(1, (long) Math.ceil(rate.perSecond()));
    long burst = m.opt("burst", b -> b.integer(1, Long.MAX_VALUE / 2), defaultBurst);
    return rate == null ? null : new AlgorithmConfig.TokenBucketParams(rate, burst);
  }

  /** NGINX's burst defaults to 0; the delay to the burst (nodelay), as a decision API cannot delay. */
  private static AlgorithmConfig gcra(Mapping m) {
    Rate rate = m.req("rate", Value::rate);
    long burst = m.opt("burst", b -> b.integer(0, Long.MAX_VALUE / 2), 0L);
    Value delayValue = m.get("delay");
    long delay = m.opt("delay", d -> d.integer(0, Long.MAX_VALUE / 2), burst);
    if (delayValue != null && delay > burst) {
      delayValue.error("delay must be at most the burst (" + burst + "), got " + delay);
      return null;
    }
    return rate == null ? null : new AlgorithmConfig.GcraParams(rate, burst, delay);
  }

  private static AlgorithmConfig quota(Mapping m) {
    Units.Quota q = m.req("quota", Value::quota);
    ZoneId zone = m.opt("zone", AlgorithmReader::zone, ZoneId.of("UTC"));
    return q == null ? null : new AlgorithmConfig.QuotaParams(q.quota(), q.window(), zone);
  }

  private static AlgorithmConfig slidingWindow(Mapping m) {
    Long limit = m.req("limit", l -> l.integer(1, SlidingWindowCounter.MAX_LIMIT));
    Duration window = m.req("window", Value::positiveDuration);
    return limit == null || window == null ? null : new AlgorithmConfig.SlidingWindowParams(limit, window);
  }

  private static AlgorithmConfig concurrency(Mapping m) {
    Long max = m.req("maxInFlight", l -> l.integer(1, ConcurrencyLimit.MAX_LIMIT));
    return max == null ? null : new AlgorithmConfig.ConcurrencyParams(max);
  }

  /** A time-zone id such as UTC or Europe/Paris. */
  static ZoneId zone(Value v) {
    String s = v.string();
    if (s == null) {
      return null;
    }
    try {
      return ZoneId.of(s);
    } catch (DateTimeException e) {
      v.error("expected a time zone such as UTC or Europe/Paris, got " + Value.quote(s)
          + Suggest.didYouMean(s, ZoneId.getAvailableZoneIds()));
      return null;
    }
  }
}
