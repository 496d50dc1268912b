package dev.headroom.simulator.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A policy to compare, by name. Static limits carry a factor of the scenario's nominal share, so a
 * sweep of factors finds the best static limit for a fair comparison.
 *
 * @param kind   which policy
 * @param factor static only: the limit as a multiple of the key's share of capacity
 */
public record PolicySpec(Kind kind, double factor) {

  /** The policies the simulator knows. */
  public enum Kind {
    /** No limiter: everything reaches the backend. */
    NONE("none"),
    /** A fixed rate, tuned by a sweep. */
    STATIC("static"),
    /** A rate per hour of the day, set from the history's busy level at that hour. */
    SCHEDULE("schedule"),
    /** AIMD on the backend's latency and errors (the engine's {@code ReactivePolicy}). */
    REACTIVE("reactive"),
    /** The engine's {@code PredictivePolicy} on a forecaster fitted to past demand only. */
    PREDICTIVE("predictive"),
    /** The lower of predictive and reactive (the engine's {@code MinPolicy}). */
    PREDICTIVE_REACTIVE("predictive+reactive"),
    /** The predictive policy fed the true future demand: the upper bound of prediction. */
    ORACLE("oracle"),
    /** Flood: one static limit shared by all keys (one bucket), tuned by a sweep. */
    STATIC_GLOBAL("static-global"),
    /** Flood: a static limit per key, a multiple of its historical busy-minute demand, tuned by a sweep. */
    STATIC_PER_KEY("static-per-key"),
    /** Flood: per-key forecast limits, and under pressure the keys furthest above their forecast cut first. */
    PREDICTIVE_HOLD("predictive-hold"),
    /** Flood: per-key static limits; only under pressure are surprising keys (far above forecast) cut. */
    PREDICTIVE_SHED("predictive-shed");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    /** Whether this policy reads a demand forecast. */
    public boolean forecasting() {
      return this == PREDICTIVE || this == PREDICTIVE_REACTIVE || this == ORACLE || this == PREDICTIVE_HOLD
          || this == PREDICTIVE_SHED;
    }

    /** A static baseline found by a sweep. */
    public boolean swept() {
      return this == STATIC || this == STATIC_GLOBAL || this == STATIC_PER_KEY;
    }
  }

  /** The policies compared by default in {@code scenario}. */
  public static List<Kind> defaults(Scenario scenario) {
    if (scenario == Scenario.FLOOD) {
      return List.of(Kind.NONE, Kind.STATIC_GLOBAL, Kind.STATIC_PER_KEY, Kind.REACTIVE, Kind.PREDICTIVE,
          Kind.PREDICTIVE_HOLD, Kind.PREDICTIVE_SHED, Kind.ORACLE);
    }
    return List.of(Kind.NONE, Kind.STATIC, Kind.SCHEDULE, Kind.REACTIVE, Kind.PREDICTIVE, Kind.PREDICTIVE_REACTIVE,
        Kind.ORACLE);
  }

  /** The policies {@code scenario} can run: flood's static baselines and stances only there, and not its plain {@code static}. */
  public static boolean runsIn(Kind kind, Scenario scenario) {
    boolean floodOnly = kind == Kind.STATIC_GLOBAL || kind == Kind.STATIC_PER_KEY || kind == Kind.PREDICTIVE_HOLD
        || kind == Kind.PREDICTIVE_SHED;
    if (scenario == Scenario.FLOOD) {
      return kind != Kind.STATIC; // two static baselines there, named for what they limit
    }
    return !floodOnly;
  }

  public PolicySpec {
    if (kind == null) {
      throw new IllegalArgumentException("policy kind is required");
    }
    if (kind == Kind.STATIC && (!(factor > 0) || Double.isInfinite(factor))) {
      throw new IllegalArgumentException("static factor must be positive and finite, got " + factor);
    }
  }

  public static PolicySpec of(Kind kind) {
    return new PolicySpec(kind, kind == Kind.STATIC ? 1 : Double.NaN);
  }

  public static PolicySpec staticAt(double factor) {
    return new PolicySpec(Kind.STATIC, factor);
  }

  /** The name in reports: the kind, and for a static limit its factor ({@code static x0.90}). */
  public String name() {
    return kind == Kind.STATIC ? String.format(Locale.ROOT, "static x%.2f", factor) : kind.id();
  }

  /**
   * A comma-separated list such as {@code static,reactive,predictive,oracle}; {@code static}
   * stands for the sweep's best static limit.
   */
  public static List<Kind> parseList(String text) {
    List<Kind> kinds = new ArrayList<>();
    for (String part : text.split(",")) {
      String p = part.trim().toLowerCase(Locale.ROOT);
      if (p.isEmpty()) {
        continue;
      }
      Kind found = Arrays.stream(Kind.values()).filter(k -> k.id().equals(p)
          || k.name().toLowerCase(Locale.ROOT).equals(p)).findFirst().orElseThrow(() ->
          new IllegalArgumentException("--policies: unknown policy \"" + part.trim() + "\"; expected some of "
              + Arrays.stream(Kind.values()).map(Kind::id).collect(Collectors.joining(", "))));
      if (!kinds.contains(found)) {
        kinds.add(found);
      }
    }
    if (kinds.isEmpty()) {
      throw new IllegalArgumentException("--policies: name at least one policy");
    }
    return kinds;
  }
}
