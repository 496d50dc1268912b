package dev.headroom.engine.policy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a limit does with traffic above a key's forecast. Both stances shed the most surprising
 * traffic first when the backend is under pressure; they differ while it has room.
 */
public enum Stance {
  /**
   * Abuse protection: every key is held near its own forecast band at all times, so a stolen key or
   * a scraper is stopped at 3 a.m. even when the backend is idle. A legitimate surge that nobody
   * forecast is held too.
   */
  HOLD("hold"),
  /**
   * Load protection: a key keeps its normal (static) limit while the backend has room, so a
   * legitimate flash crowd is not punished for being new; under pressure, traffic furthest above its
   * forecast is refused first.
   */
  SHED_UNDER_PRESSURE("shed-under-pressure");

  private final String id;

  Stance(String id) {
    this.id = id;
  }

  /** The name used in configuration and on the command line. */
  public String id() {
    return id;
  }

  /** Parses {@code hold} or {@code shed-under-pressure} (any case). */
  public static Stance parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    for (Stance s : values()) {
      if (s.id.equals(t)) {
        return s;
      }
    }
    throw new IllegalArgumentException("expected one of " + Arrays.stream(values()).map(Stance::id)
        .collect(Collectors.joining(", ")) + ", got \"" + text + "\"");
  }

  @Override
  public String toString() {
    return id;
  }
}
