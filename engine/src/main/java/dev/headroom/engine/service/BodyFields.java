/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.service;

import dev.headroom.engine.config.Condition;
import dev.headroom.engine.config.HeadroomConfig;
import dev.headroom.engine.config.LimitConfig;
import dev.headroom.engine.config.MatchConfig;
import dev.headroom.engine.config.PriorityClass;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fields a decision call's JSON body may have: {@code key}, {@code cost}, {@code descriptors},
 * and every field the configured limits read ({@code fields:} conditions, {@code {field: ...}} key
 * parts). Anything else is a typo ({@code cosst}) that would otherwise be silently ignored.
 */
final class BodyFields {

  static final Set<String> BUILT_IN = Set.of("key", "cost", "descriptors");

  private BodyFields() {}

  static Set<String> of(HeadroomConfig config) {
    Set<String> known = new TreeSet<>(BUILT_IN);
    for (LimitConfig l : config.limits()) {
      add(known, l.match().when());
      for (MatchConfig.KeyPart part : l.match().key()) {
        for (MatchConfig.Source s : part.sources()) {
          if (s.kind() == MatchConfig.Source.Kind.FIELD) {
            known.add(s.name());
          }
        }
      }
      for (PriorityClass p : l.priorities()) {
        add(known, p.when());
      }
    }
    return Set.copyOf(known);
  }

  private static void add(Set<String> known, Condition c) {
    known.addAll(c.fields().keySet());
  }
}
