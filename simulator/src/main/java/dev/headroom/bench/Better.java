package dev.headroom.bench;

/** Which direction is good for a row's ratio (when it has a baseline) or value (when not). */
public enum Better {
  HIGHER,
  LOWER;

  /** The word used in the JSON. */
  public String json() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
