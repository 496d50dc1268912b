/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

import java.util.List;

/**
 * Which requests a limit applies to ({@code when}) and what distinguishes their buckets ({@code key}).
 * A request that lacks one of the key's parts does not match the limit: the next limit is tried.
 *
 * @param key the parts of the bucket key, in order; empty means one bucket shared by every request
 *            the limit matches (a global limit, e.g. a provider's quota)
 */
public record MatchConfig(Condition when, List<KeyPart> key) {

  public MatchConfig {
    key = List.copyOf(key);
  }

  /** One part of a bucket key: its sources are tried in order and the first present one is used. */
  public record KeyPart(List<Source> sources) {

    public KeyPart {
      sources = List.copyOf(sources);
      if (sources.isEmpty()) {
        throw new IllegalArgumentException("a key part needs at least one source");
      }
    }

    /** The first present, non-empty value, or null. */
    public String value(RequestView request) {
      for (Source s : sources) {
        String v = s.value(request);
        if (v != null && !v.isEmpty()) {
          return v;
        }
      }
      return null;
    }

    /** {@code header X-Api-Key or field key}: how the admin API and messages name the part. */
    public String describe() {
      return String.join(" or ", sources.stream().map(Source::describe).toList());
    }
  }

  /** Where a key part's value comes from. {@code name} is null for CLIENT_IP and PATH. */
  public record Source(Kind kind, String name) {

    /** The kinds of source. */
    public enum Kind { HEADER, FIELD, CLIENT_IP, PATH }

    public static Source header(String name) {
      return new Source(Kind.HEADER, name);
    }

    public static Source field(String name) {
      return new Source(Kind.FIELD, name);
    }

    public static final Source CLIENT_IP = new Source(Kind.CLIENT_IP, null);
    public static final Source PATH = new Source(Kind.PATH, null);

    public String value(RequestView request) {
      return switch (kind) {
        case HEADER -> request.header(name);
        case FIELD -> request.jsonField(name);
        case CLIENT_IP -> request.clientIp();
        case PATH -> request.path();
      };
    }

    public String describe() {
      return switch (kind) {
        case HEADER -> "header " + name;
        case FIELD -> "field " + name;
        case CLIENT_IP -> "client IP";
        case PATH -> "path";
      };
    }
  }
}
