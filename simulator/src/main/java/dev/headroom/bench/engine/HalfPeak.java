/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.bench.engine;

/**
 * The latency comparison at half the gateway's peak: the pacing both servers got, the rate it was
 * aimed at, and each server's paced runs. {@code note} says when the calibration did not reach the
 * target within {@link Pacing#TOLERANCE}.
 */
record HalfPeak(double gatewayPeak, double targetRate, Pacing pacing, Series direct, Series gateway, String note) {

  /** Added p99 in milliseconds (gateway minus direct, medians of the rounds), or null. */
  Double addedP99Millis() {
    Double g = gateway.p99Millis();
    Double d = direct.p99Millis();
    return g == null || d == null ? null : g - d;
  }
}
