/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

/**
 * A capacity several limits share (a database, a provider's account-wide quota): the predictive
 * policy allocates it across their keys by forecast demand, max-min fair, so the sum of their
 * refill rates never exceeds it.
 */
public record CapacityConfig(String name, double ratePerSecond) {}
