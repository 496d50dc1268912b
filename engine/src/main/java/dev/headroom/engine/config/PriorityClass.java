/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

/**
 * A class of a limit's traffic (core, batch...). Under pressure the less important classes are shed
 * first: a request of this class is refused while less than {@code shedAt} of the limit remains
 * (0 for the most important class, 0.5 for batch traffic that must leave half the bucket to others).
 * A class without conditions is the default class: it gets the requests no other class matches.
 */
public record PriorityClass(String name, Condition when, double shedAt) {

  public boolean isDefault() {
    return when.equals(Condition.ALWAYS);
  }
}
