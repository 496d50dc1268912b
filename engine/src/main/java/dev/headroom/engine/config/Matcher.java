/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

import java.util.List;
import java.util.Optional;

/**
 * Picks the limit a request falls under and builds its bucket key: the first limit, in file order,
 * whose conditions hold and whose key parts are all present. Order is the user's tool for
 * specificity (a stricter limit for one route before the catch-all), as in a firewall.
 */
public final class Matcher {

  /** Separates the limit name and the key parts; escaped inside values so keys cannot collide. */
  static final char SEPARATOR = '|';

  private final List<LimitConfig> limits;

  public Matcher(List<LimitConfig> limits) {
    this.limits = List.copyOf(limits);
  }

  /** The match for {@code request}, or empty when no limit applies to it. */
  public Optional<Match> match(RequestView request) {
    for (LimitConfig limit : limits) {
      if (!limit.match().when().test(request)) {
        continue;
      }
      String key = key(limit, request);
      if (key != null) {
        return Optional.of(new Match(limit, key, priority(limit, request)));
      }
    }
    return Optional.empty();
  }

  /** The bucket key of {@code request} under {@code limit}, or null when a part is absent. */
  static String key(LimitConfig limit, RequestView request) {
    List<MatchConfig.KeyPart> parts = limit.match().key();
    if (parts.isEmpty()) {
      return limit.name();
    }
    StringBuilder key = new StringBuilder(limit.name().length() + 24).append(limit.name());
    for (MatchConfig.KeyPart part : parts) {
      String v = part.value(request);
      if (v == null) {
        return null;
      }
      key.append(SEPARATOR);
      appendEscaped(key, v);
    }
    return key.toString();
  }

  /**
   * The first class, in order, whose match holds; when none does, the class without a match (the
   * default class) if there is one, else the last (least important) class.
   */
  static Optional<PriorityClass> priority(LimitConfig limit, RequestView request) {
    List<PriorityClass> classes = limit.priorities();
    if (classes.isEmpty()) {
      return Optional.empty();
    }
    PriorityClass fallback = classes.getLast();
    for (PriorityClass c : classes) {
      if (c.isDefault()) {
        fallback = c;
      } else if (c.when().test(request)) {
        return Optional.of(c);
      }
    }
    return Optional.of(fallback);
  }

  private static void appendEscaped(StringBuilder key, String v) {
    if (v.indexOf(SEPARATOR) < 0 && v.indexOf('\\') < 0) {
      key.append(v);
      return;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == SEPARATOR || c == '\\') {
        key.append('\\');
      }
      key.append(c);
    }
  }
}
