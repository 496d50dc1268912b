/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.telemetry;

import dev.headroom.forecaster.history.TelemetryPoint;
import dev.headroom.forecaster.influx.TelemetryWriter;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The hot path of telemetry: every decision calls {@link #record}, on the event loop, so it is a
 * map lookup and a few atomic adds, never a lock or I/O. {@link IntervalAggregator} reads and resets
 * the counters once per interval.
 *
 * <p>Keys are bounded by {@code maxKeys} so that a flood of random keys cannot exhaust the heap;
 * records for keys beyond it, and for keys InfluxDB cannot store as a tag (empty, line breaks, a
 * trailing backslash), are not attributed and only counted in {@link #untrackedRecords()}.
 */
public final class TelemetryRecorder {

  /** Latency argument meaning "not measured" (a decision-API check has no upstream latency). */
  public static final long NO_LATENCY = -1;

  private final int maxKeys;
  private final ConcurrentHashMap<String, KeyCell> cells = new ConcurrentHashMap<>();
  private final LongAdder untracked = new LongAdder();

  public TelemetryRecorder(int maxKeys) {
    if (maxKeys <= 0) {
      throw new IllegalArgumentException("maxKeys must be positive, got " + maxKeys);
    }
    this.maxKeys = maxKeys;
  }

  /**
   * Counts one request of {@code key}.
   *
   * @param latencyNanos the request's latency, or {@link #NO_LATENCY} (any negative value) if none
   */
  public void record(String key, boolean admitted, long latencyNanos) {
    KeyCell cell = cells.get(key);
    if (cell == null) {
      cell = newCell(key);
      if (cell == null) {
        untracked.increment();
        return;
      }
    }
    cell.record(admitted, latencyNanos);
  }

  /**
   * Adds the latency of a request already counted by {@link #record(String, boolean)}: the gateway
   * decides first and learns the upstream's latency later. Not a request of its own.
   */
  public void latency(String key, long latencyNanos) {
    KeyCell cell = cells.get(key);
    if (cell != null && latencyNanos >= 0) {
      cell.latency(latencyNanos);
    }
  }

  /** Counts one request of {@code key} without a latency. */
  public void record(String key, boolean admitted) {
    record(key, admitted, NO_LATENCY);
  }

  private KeyCell newCell(String key) {
    if (cells.size() >= maxKeys || !storable(key)) {
      return null;
    }
    return cells.computeIfAbsent(key, k -> new KeyCell());
  }

  /** Whether InfluxDB can hold {@code key} as a tag; asked of the writer so the rule lives in one place. */
  private static boolean storable(String key) {
    try {
      TelemetryWriter.lines(List.of(TelemetryPoint.requestsOnly(key, 0, 0)));
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Records not attributed to a key: key limit reached, or a key InfluxDB cannot store. */
  public long untrackedRecords() {
    return untracked.sum();
  }

  /** Keys currently tracked. */
  public int keyCount() {
    return cells.size();
  }

  public int maxKeys() {
    return maxKeys;
  }

  ConcurrentHashMap<String, KeyCell> cells() {
    return cells;
  }

  /** The cell of {@code key}, created even beyond the key limit: for counts that were already taken. */
  KeyCell cellForMerge(String key) {
    return cells.computeIfAbsent(key, k -> new KeyCell());
  }
}
