/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.telemetry;

import dev.headroom.forecaster.history.TelemetryPoint;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything counted in one interval, one entry per tracked key (zeros for keys that were idle).
 *
 * @param startMillis  interval start, epoch ms: the points' timestamp
 * @param lengthMillis interval length, ms
 * @param keys         per-key counts, in no particular order
 * @param totals       per-limit sums over keys {@code limit|...}, stored under the limit's bare name
 *                     (which no such key can have): the series a limit's shared forecast is fitted on
 */
public record IntervalSnapshot(long startMillis, long lengthMillis, List<KeyInterval> keys, List<KeyInterval> totals) {

  public IntervalSnapshot {
    keys = List.copyOf(keys);
    totals = List.copyOf(totals);
  }

  /** A snapshot without per-limit totals. */
  public IntervalSnapshot(long startMillis, long lengthMillis, List<KeyInterval> keys) {
    this(startMillis, lengthMillis, keys, List.of());
  }

  /** The points to store. */
  public List<TelemetryPoint> points() {
    return java.util.stream.Stream.concat(keys.stream(), totals.stream()).map(KeyInterval::point).toList();
  }

  /** Entries by key, for a policy loop that looks keys up. */
  public Map<String, KeyInterval> byKey() {
    return keys.stream().collect(Collectors.toUnmodifiableMap(KeyInterval::key, Function.identity()));
  }
}
