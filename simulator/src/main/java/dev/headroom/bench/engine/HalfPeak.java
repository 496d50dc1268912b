/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.bench.engine;

/**
 * The latency comparison at half the gateway's peak: the pacing every server got, the rate it was
 * aimed at, and each server's paced runs: the upstream direct, a {@link MinimalProxy} in front of it
 * (what one more HTTP hop costs on this machine, whoever makes it) and the gateway. {@code note} says
 * when the calibration did not reach the target within {@link Pacing#TOLERANCE}.
 */
record HalfPeak(double gatewayPeak, double targetRate, Pacing pacing, Series direct, Series proxy, Series gateway,
    String note) {

  /** Added p99 in milliseconds (gateway minus direct, medians of the rounds), or null. */
  Double addedP99Millis() {
    Double g = gateway.p99Millis();
    Double d = direct.p99Millis();
    return g == null || d == null ? null : g - d;
  }

  /** Added p99 of the minimal proxy over the upstream direct: the hop alone. */
  Double hopP99Millis() {
    Double p = proxy.p99Millis();
    Double d = direct.p99Millis();
    return p == null || d == null ? null : p - d;
  }

  /** Added p99 of the gateway over the minimal proxy: the gateway's own part of {@link #addedP99Millis}. */
  Double ownP99Millis() {
    Double g = gateway.p99Millis();
    Double p = proxy.p99Millis();
    return g == null || p == null ? null : g - p;
  }
}
