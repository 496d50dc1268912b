package dev.headroom.simulator.scenario;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The situations a policy is compared in; each sizes its system from the trace ({@link Setup}). */
public enum Scenario {
  PROTECT(1, "protect one service of fixed capacity"),
  TENANTS(2, "several tenants share one capacity"),
  ELASTIC(3, "elastic backend whose capacity arrives minutes after it is asked for"),
  QUOTA(4, "outbound quota pacing: Q calls per window, a call may wait up to D before it is dropped"),
  FLOOD(5, "keys share one backend and some flood it with abusive traffic");

  private final int number;
  private final String description;

  Scenario(int number, String description) {
    this.number = number;
    this.description = description;
  }

  public int number() {
    return number;
  }

  public String description() {
    return description;
  }

  /** The command-line name: {@code protect}, {@code tenants}, {@code elastic}, {@code quota}, {@code flood}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** By name or number: {@code tenants} or {@code 2}. */
  public static Scenario parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    for (Scenario s : values()) {
      if (s.id().equals(t) || String.valueOf(s.number).equals(t)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown scenario \"" + text + "\"; expected one of "
        + Arrays.stream(values()).map(s -> s.number + " " + s.id()).collect(Collectors.joining(", ")));
  }

  /** Whether keys share one backend as tenants (tenants, flood): sized for their summed demand. */
  public boolean sharedByKeys() {
    return this == TENANTS || this == FLOOD;
  }

  @Override
  public String toString() {
    return number + " " + id();
  }
}
