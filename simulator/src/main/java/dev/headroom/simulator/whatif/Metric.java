package dev.headroom.simulator.whatif;

import dev.headroom.simulator.report.PolicyResult;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a heat map shows of each cell's outcome for one policy. */
public enum Metric {
  /** Requests completed within the latency objective, as a share of the fresh (first-attempt) demand. */
  GOODPUT("goodput", "goodput share of fresh demand", "%", true, List.of("goodput-share", "goodput_share")),
  /** Rejections made while the backend had idle capacity, as a share of offered requests (retries included). */
  AVOIDABLE("avoidable", "avoidable rejection rate", "%", false,
      List.of("avoidable-rejections", "avoidable-rate", "avoidable_rejection_rate")),
  /** Time the backend queue spent past the latency objective. */
  OVERLOAD("overload", "overload time", "s", false, List.of("overload-seconds", "overload_seconds")),
  /** 99th percentile latency of completed requests. */
  P99("p99", "p99 latency", "ms", false, List.of("p99-latency", "latency", "p99_ms"));

  private final String id;
  private final String label;
  private final String unit;
  private final boolean higherIsBetter;
  private final List<String> aliases;

  Metric(String id, String label, String unit, boolean higherIsBetter, List<String> aliases) {
    this.id = id;
    this.label = label;
    this.unit = unit;
    this.higherIsBetter = higherIsBetter;
    this.aliases = aliases;
  }

  public String id() {
    return id;
  }

  /** For titles: {@code goodput share of fresh demand}. */
  public String label() {
    return label;
  }

  /** The unit a cell shows: {@code %}, {@code s} or {@code ms}. */
  public String unit() {
    return unit;
  }

  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  /** This metric of {@code r}, which served {@code demand} fresh requests; shares as fractions. */
  public double of(PolicyResult r, long demand) {
    return switch (this) {
      case GOODPUT -> demand == 0 ? Double.NaN : (double) r.goodput() / demand;
      case AVOIDABLE -> r.avoidableRejectionRate();
      case OVERLOAD -> r.overloadSeconds();
      case P99 -> r.p99Ms();
    };
  }

  /** A value as a cell shows it, without the unit: shares in percent; "-" for nothing measured. */
  public String format(double value) {
    if (!Double.isFinite(value)) {
      return "-";
    }
    return switch (this) {
      case GOODPUT -> String.format(Locale.ROOT, "%.1f", 100 * value);
      case AVOIDABLE -> String.format(Locale.ROOT, "%.2f", 100 * value);
      case OVERLOAD -> String.format(Locale.ROOT, "%.0f", value);
      case P99 -> String.format(Locale.ROOT, value < 100 ? "%.1f" : "%.0f", value);
    };
  }

  /** A difference of two values, signed; shares in percentage points. */
  public String formatDelta(double delta) {
    if (!Double.isFinite(delta)) {
      return "-";
    }
    String s = format(delta);
    if (s.matches("-0(\\.0*)?")) {
      return s.substring(1); // a difference that rounds to nothing has no sign
    }
    return delta > 0 && !s.matches("0(\\.0*)?") ? "+" + s : s;
  }

  /** The unit of a difference: percentage points for shares. */
  public String deltaUnit() {
    return unit.equals("%") ? "pp" : unit;
  }

  /** By id or alias, case-insensitive; errors name {@code --metric}. */
  public static Metric parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    for (Metric m : values()) {
      if (m.id.equals(t) || m.name().toLowerCase(Locale.ROOT).equals(t) || m.aliases.contains(t)) {
        return m;
      }
    }
    throw new IllegalArgumentException("--metric: unknown metric \"" + text + "\"; expected one of "
        + Arrays.stream(values()).map(Metric::id).collect(Collectors.joining(", ")));
  }
}
