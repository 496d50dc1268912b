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
    ORACLE("oracle");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    /** Whether this policy reads a demand forecast. */
    public boolean forecasting() {
      return this == PREDICTIVE || this == PREDICTIVE_REACTIVE || this == ORACLE;
    }
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
