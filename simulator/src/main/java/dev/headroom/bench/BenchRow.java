package dev.headroom.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One row of a benchmark report, in the form of /work/shared/BENCHMARKS.md: a figure with its
 * parameters, optionally compared with a baseline measured in the same run, optionally with a target.
 *
 * <p>{@code ratio} is always {@code value / baselineValue}, computed here (rounded to 4 decimals),
 * never passed in. A row whose value is {@code null} (a run that could not be made) must say why
 * in its {@code note}.
 *
 * @param extra further figures written after the standard fields (JMH error, admitted fraction)
 */
public record BenchRow(
    String name,
    Map<String, Object> params,
    String metric,
    Double value,
    String unit,
    String baseline,
    Double baselineValue,
    Double ratio,
    Double target,
    Better better,
    String note,
    Map<String, Object> extra) {

  /** Digits kept in {@link #ratio}. */
  public static final int RATIO_DECIMALS = 4;

  public BenchRow {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(unit, "unit");
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    if (value == null && (note == null || note.isBlank())) {
      throw new IllegalArgumentException("row '" + name + "' has no value and no note saying why");
    }
    if (baseline == null && (baselineValue != null || ratio != null)) {
      throw new IllegalArgumentException("row '" + name + "' has a baseline value but no baseline name");
    }
    if (target != null && better == null) {
      throw new IllegalArgumentException("row '" + name + "' has a target but no direction (better)");
    }
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Whether the row meets its target; null when it has no target or no figure to judge. */
  public Boolean meetsTarget() {
    Double judged = baseline != null ? ratio : value;
    if (target == null || judged == null) {
      return null;
    }
    return better == Better.HIGHER ? judged >= target : judged <= target;
  }

  /** The row as an ordered map, ready for {@link Json}. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("params", params);
    m.put("metric", metric);
    m.put("value", value);
    m.put("unit", unit);
    if (baseline != null) {
      m.put("baseline", baseline);
      m.put("baseline_value", baselineValue);
      m.put("ratio", ratio);
    }
    if (target != null) {
      m.put("target", target);
    }
    if (better != null) {
      m.put("better", better.json());
    }
    if (note != null) {
      m.put("note", note);
    }
    extra.forEach((k, v) -> {
      if (m.containsKey(k)) {
        throw new IllegalStateException("extra field '" + k + "' clashes with a standard field");
      }
      m.put(k, v);
    });
    return m;
  }

  /** Fluent construction; {@link #build} computes the ratio. */
  public static final class Builder {
    private final String name;
    private final Map<String, Object> params = new LinkedHashMap<>();
    private final Map<String, Object> extra = new LinkedHashMap<>();
    private String metric;
    private Double value;
    private String unit;
    private String baseline;
    private Double baselineValue;
    private Double target;
    private Better better;
    private String note;

    private Builder(String name) {
      this.name = name;
    }

    public Builder param(String key, Object v) {
      params.put(key, v);
      return this;
    }

    public Builder params(Map<String, ?> all) {
      params.putAll(all);
      return this;
    }

    public Builder metric(String metric) {
      this.metric = metric;
      return this;
    }

    /** The figure and its unit; a null or non-finite value means "not measured" (give a note). */
    public Builder value(Double value, String unit) {
      this.value = value == null || !Double.isFinite(value) ? null : value;
      this.unit = unit;
      return this;
    }

    /** The baseline's name and its figure from the same run (null if it could not be measured). */
    public Builder baseline(String baseline, Double baselineValue) {
      this.baseline = baseline;
      this.baselineValue = baselineValue == null || !Double.isFinite(baselineValue) ? null : baselineValue;
      return this;
    }

    public Builder target(double target, Better better) {
      this.target = target;
      this.better = better;
      return this;
    }

    public Builder better(Better better) {
      this.better = better;
      return this;
    }

    /** Appends to the note (sentences joined by "; "). */
    public Builder note(String note) {
      if (note != null && !note.isBlank()) {
        this.note = this.note == null ? note : this.note + "; " + note;
      }
      return this;
    }

    public Builder extra(String key, Object v) {
      if (v != null) {
        extra.put(key, v);
      }
      return this;
    }

    public BenchRow build() {
      Double ratio = baseline == null ? null
          : Ratios.round(Ratios.ratio(value, baselineValue), RATIO_DECIMALS);
      return new BenchRow(name, params, metric, value, unit, baseline, baselineValue, ratio,
          target, better, note, extra);
    }
  }
}
