/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.bench.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One target's measured runs, one per round, or why it stopped being measured. Figures are medians
 * over the rounds: on a shared machine a round can fall on someone else's build, and the median of
 * interleaved rounds is what survives that.
 */
final class Series {

  private final String id;
  private final List<WrkResult> runs = new ArrayList<>();
  private String failure;

  Series(String id) {
    this.id = id;
  }

  static Series failed(String id, String why) {
    Series s = new Series(id);
    s.fail(why);
    return s;
  }

  String id() {
    return id;
  }

  void add(WrkResult r) {
    runs.add(r);
  }

  /** Marks the series failed (the first reason stays): its figures are then not reported. */
  void fail(String why) {
    if (failure == null) {
      failure = why;
    }
  }

  /** Whether a run failed (then no further run is made). */
  boolean failed() {
    return failure != null;
  }

  boolean ok() {
    return failure == null && !runs.isEmpty();
  }

  /** Why there is no figure: the failure, or "not measured" when no run was made. */
  String failure() {
    return failure != null ? failure : runs.isEmpty() ? "not measured" : null;
  }

  List<WrkResult> runs() {
    return List.copyOf(runs);
  }

  /** Median requests/s, or null when the series failed. */
  Double rps() {
    return median(WrkResult::requestsPerSecond);
  }

  /** Median p99 in milliseconds, or null when the series failed. */
  Double p99Millis() {
    return median(r -> r.latency().p99Us() / 1000.0);
  }

  Double p50Millis() {
    return median(r -> r.latency().p50Us() / 1000.0);
  }

  Double p999Millis() {
    return median(r -> r.latency().p999Us() / 1000.0);
  }

  long totalRequests() {
    return runs.stream().mapToLong(WrkResult::requests).sum();
  }

  List<Double> each(ToDoubleFunction<WrkResult> f) {
    return runs.stream().map(r -> f.applyAsDouble(r)).toList();
  }

  Double median(ToDoubleFunction<WrkResult> f) {
    return ok() ? median(runs.stream().mapToDouble(f).toArray()) : null;
  }

  /** The median; for an even count, the mean of the middle two. */
  static double median(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("median of nothing");
    }
    double[] v = values.clone();
    Arrays.sort(v);
    int mid = v.length / 2;
    return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  }
}
