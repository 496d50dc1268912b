/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

import dev.headroom.engine.limiter.Rate;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a limit's {@code policy}. The fields are flat ({@code policy.lead}, not
 * {@code policy.predictive.lead}); which of them apply depends on the type, and a field of another
 * policy type is reported with the types it belongs to.
 */
final class PolicyReader {

  static final Duration DEFAULT_REFRESH = Duration.ofMinutes(1);
  /** Without explicit bounds a policy may move the rate ten times down or up from the static rate. */
  static final double DEFAULT_RANGE = 10;

  private static final Map<String, PolicyConfig.Type> TYPES = Arrays.stream(PolicyConfig.Type.values())
      .collect(Collectors.toMap(PolicyConfig.Type::label, t -> t, (a, b) -> a, LinkedHashMap::new));
  private static final List<String> MOVING = List.of("shadow", "min", "max", "refresh", "lending", "trackedKeys");
  private static final List<String> PREDICTIVE = List.of("quantile", "lead", "headroom", "maxChangePerStep",
      "maxAge", "history", "models", "stance", "band", "bandHeadroom", "pressureLatency", "pressureErrorRatio",
      "pressureHold");
  private static final List<String> SURPRISE =
      List.of("band", "bandHeadroom", "pressureLatency", "pressureErrorRatio", "pressureHold");
  private static final Set<String> STANCES = Set.of("hold", "shed-under-pressure");
  private static final Set<String> BANDS = Set.of("p90", "p99");
  private static final List<String> REACTIVE = List.of("variant", "targetLatency", "backoff", "increase");
  private static final List<String> SCHEDULE = List.of("zone", "schedule");
  private static final Set<String> QUANTILES = Set.of("mean", "p50", "p90", "p99");
  private static final Set<String> VARIANTS = Set.of("aimd", "gradient");

  /**
   * @param hasCapacity whether the limit names a capacity group: lending needs one
   */
  PolicyConfig read(Value v, AlgorithmConfig algorithm, boolean hasCapacity) {
    Mapping m = v.mapping();
    if (m == null) {
      return null;
    }
    Value typeValue = m.require("type");
    String label = typeValue == null ? null : typeValue.oneOf(TYPES.keySet());
    if (label == null) {
      for (List<String> group : List.of(MOVING, PREDICTIVE, REACTIVE, SCHEDULE)) {
        group.forEach(m::skip);
      }
      m.finish();
      return null;
    }
    PolicyConfig.Type type = TYPES.get(label);
    Optional<Rate> rate = algorithm.refillRate();
    if (type != PolicyConfig.Type.STATIC && rate.isEmpty()) {
      typeValue.error("a " + type + " policy moves a refill rate, which " + algorithm.type()
          + " limits do not have; use token-bucket or gcra, or the static policy");
    }
    double staticRate = rate.map(Rate::perSecond).orElse(0.0);
    excuse(m, type == PolicyConfig.Type.STATIC, MOVING,
        "has no effect on a static policy, which keeps the algorithm's rate");
    excuse(m, !type.predictive(), PREDICTIVE, "is a parameter of predictive and predictive+reactive policies, not of " + type);
    excuse(m, !type.reactive(), REACTIVE, "is a parameter of reactive and predictive+reactive policies, not of " + type);
    excuse(m, type != PolicyConfig.Type.SCHEDULE, SCHEDULE, "is a parameter of schedule policies, not of " + type);
    if (type == PolicyConfig.Type.STATIC) {
      m.finish();
      return PolicyConfig.fixed(staticRate, DEFAULT_REFRESH);
    }

    boolean shadow = m.opt("shadow", Value::bool, false);
    double min = m.opt("min", r -> perSecond(r.rate()), staticRate / DEFAULT_RANGE);
    double max = m.opt("max", r -> perSecond(r.rate()), staticRate * DEFAULT_RANGE);
    if (rate.isPresent()) {
      checkBounds(m, staticRate, min, max);
    }
    Duration refresh = m.opt("refresh", Value::positiveDuration, DEFAULT_REFRESH);
    boolean lending = m.opt("lending", Value::bool, false);
    int tracked = m.opt("trackedKeys", t -> integer(t, 1, 10_000_000), PolicyConfig.DEFAULT_TRACKED_KEYS);
    Optional<PolicyConfig.Predictive> predictive =
        type.predictive() ? Optional.of(predictive(m, refresh)) : Optional.empty();
    Optional<PolicyConfig.Reactive> reactive =
        type.reactive() ? Optional.of(reactive(m, staticRate)) : Optional.empty();
    Optional<PolicyConfig.Schedule> schedule =
        type == PolicyConfig.Type.SCHEDULE ? Optional.ofNullable(schedule(m, min, max)) : Optional.empty();
    if (lending && !hasCapacity) {
      m.errorAt("lending", "lending moves rate between the limit's keys within its capacity group; "
          + "set the limit's capacity, or remove lending");
    }
    m.finish();
    return new PolicyConfig(type, shadow, min, max, refresh, predictive, reactive, schedule, lending, tracked);
  }

  private static void excuse(Mapping m, boolean notHere, List<String> fields, String why) {
    if (notHere) {
      fields.forEach(f -> m.notHere(f, f + " " + why));
    }
  }

  private static Double perSecond(Rate r) {
    return r == null ? null : r.perSecond();
  }

  private static void checkBounds(Mapping m, double staticRate, double min, double max) {
    String rate = Units.format(staticRate);
    if (min > staticRate) {
      m.errorAt("min", "min " + Units.format(min) + " is above the algorithm's rate " + rate
          + ", which is the fallback and must lie within [min, max]");
    }
    if (max < staticRate) {
      m.errorAt("max", "max " + Units.format(max) + " is below the algorithm's rate " + rate
          + ", which is the fallback and must lie within [min, max]");
    }
  }

  private static PolicyConfig.Predictive predictive(Mapping m, Duration refresh) {
    String quantile = m.opt("quantile", q -> q.oneOf(QUANTILES), "p90");
    Duration lead = m.opt("lead", Value::duration, Duration.ofMinutes(5));
    double headroom = m.opt("headroom", h -> h.number(1, false, 10), 1.2);
    double maxChange = m.opt("maxChangePerStep", c -> c.number(1, true, 100), 2.0);
    Duration maxAge = m.opt("maxAge", Value::positiveDuration, Duration.ofMinutes(5));
    if (maxAge.compareTo(refresh) < 0) {
      m.errorAt("maxAge", "maxAge " + DurationText.format(maxAge) + " is shorter than refresh "
          + DurationText.format(refresh) + ", so every forecast would be stale before the next one");
    }
    Duration history = m.opt("history", Value::positiveDuration, Duration.ofDays(7));
    if (history.compareTo(Duration.ofHours(1)) < 0) {
      m.errorAt("history", "history " + DurationText.format(history)
          + " is too short to fit a forecast; use at least 1h (a day or more to learn daily patterns)");
    }
    int models = m.opt("models", x -> integer(x, 0, 1_000_000), PolicyConfig.DEFAULT_MODELS);
    return new PolicyConfig.Predictive(quantile, lead, headroom, maxChange, maxAge, history, models, surprise(m));
  }

  /** The surprise-shedding fields, present when {@code stance} is; without it they are reported. */
  private static Optional<PolicyConfig.Surprise> surprise(Mapping m) {
    String stance = m.opt("stance", s -> s.oneOf(STANCES), null);
    if (stance == null) {
      SURPRISE.forEach(f -> m.notHere(f, f + " is a parameter of surprise shedding; set stance: hold or "
          + "stance: shed-under-pressure to turn it on"));
      return Optional.empty();
    }
    String band = m.opt("band", b -> b.oneOf(BANDS), "p99");
    double headroom = m.opt("bandHeadroom", h -> h.number(1, false, 10), 1.2);
    Duration latency = m.opt("pressureLatency", Value::positiveDuration, null);
    double errors = m.opt("pressureErrorRatio", e -> e.number(0, false, 1), 0.05);
    Duration hold = m.opt("pressureHold", Value::duration, Duration.ofMinutes(1));
    return Optional.of(new PolicyConfig.Surprise(stance, band, headroom, Optional.ofNullable(latency), errors, hold));
  }

  private static Integer integer(Value v, long min, long max) {
    Double d = v.number(min, false, max);
    if (d == null) {
      return null;
    }
    if (d != Math.rint(d)) {
      v.expected("expected a whole number from " + min + " to " + max);
      return null;
    }
    return d.intValue();
  }

  private static PolicyConfig.Reactive reactive(Mapping m, double staticRate) {
    String variant = m.opt("variant", x -> x.oneOf(VARIANTS), "aimd");
    Duration target = m.opt("targetLatency", Value::positiveDuration, Duration.ofMillis(250));
    double backoff = m.opt("backoff", b -> b.number(0, true, 0.99), 0.7);
    double increase = m.opt("increase", r -> perSecond(r.rate()), staticRate / 20);
    return new PolicyConfig.Reactive(variant, target, backoff, increase);
  }

  private static PolicyConfig.Schedule schedule(Mapping m, double min, double max) {
    ZoneId zone = m.opt("zone", AlgorithmReader::zone, ZoneId.of("UTC"));
    Value list = m.require("schedule");
    if (list == null) {
      return null;
    }
    List<PolicyConfig.ScheduleEntry> entries = new ArrayList<>();
    List<Value> where = new ArrayList<>();
    for (Value item : list.list()) {
      PolicyConfig.ScheduleEntry e = entry(item, min, max);
      if (e == null) {
        continue;
      }
      for (int i = 0; i < entries.size(); i++) {
        if (overlap(entries.get(i), e)) {
          item.error("overlaps " + where.get(i).path() + " (line "
              + (where.get(i).node().getStartMark().getLine() + 1) + "): which rate applies would be ambiguous");
        }
      }
      entries.add(e);
      where.add(item);
    }
    if (entries.isEmpty() && list.list().isEmpty()) {
      list.error("a schedule policy needs at least one entry");
    }
    return new PolicyConfig.Schedule(zone, entries);
  }

  private static PolicyConfig.ScheduleEntry entry(Value item, double min, double max) {
    Mapping m = item.mapping();
    if (m == null) {
      return null;
    }
    Set<DayOfWeek> days = m.opt("days", PolicyReader::days, EnumSet.allOf(DayOfWeek.class));
    LocalTime from = m.req("from", PolicyReader::time);
    LocalTime to = m.req("to", PolicyReader::time);
    Value rateValue = m.require("rate");
    Double rate = rateValue == null ? null : perSecond(rateValue.rate());
    m.finish();
    if (from != null && to != null && !from.isBefore(to)) {
      m.get("to").error("to must be after from (" + from + "); split an entry that crosses midnight in two, got " + to);
      return null;
    }
    if (rate != null && (rate < min || rate > max)) {
      rateValue.error("rate " + Units.format(rate) + " is outside the policy's [min, max] = ["
          + Units.format(min) + ", " + Units.format(max) + "]; widen min or max");
      return null;
    }
    return from == null || to == null || rate == null ? null
        : new PolicyConfig.ScheduleEntry(days, from, to, rate);
  }

  private static boolean overlap(PolicyConfig.ScheduleEntry a, PolicyConfig.ScheduleEntry b) {
    boolean sameDay = a.days().stream().anyMatch(b.days()::contains);
    return sameDay && a.from().isBefore(b.to()) && b.from().isBefore(a.to());
  }

  /** {@code HH:MM}; {@code 24:00} is the end of the day. */
  private static LocalTime time(Value v) {
    String s = v.text();
    if (s == null) {
      return null;
    }
    if (s.equals("24:00")) {
      return LocalTime.MAX;
    }
    try {
      if (s.matches("\\d{2}:\\d{2}")) {
        return LocalTime.parse(s);
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    v.expected("expected a time of day such as 08:00 or 24:00");
    return null;
  }

  /** {@code mon-fri}, {@code sat,sun}, or a list of days and ranges. */
  private static Set<DayOfWeek> days(Value v) {
    List<String> words = new ArrayList<>();
    if (v.node() instanceof org.yaml.snakeyaml.nodes.SequenceNode) {
      for (Value item : v.list()) {
        String s = item.text();
        if (s != null) {
          words.add(s);
        }
      }
    } else {
      String s = v.text();
      if (s == null) {
        return null;
      }
      words.addAll(Arrays.asList(s.split("\\s*,\\s*")));
    }
    EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String w : words) {
      String[] range = w.trim().split("\\s*-\\s*");
      DayOfWeek first = day(range[0]);
      DayOfWeek last = range.length == 2 ? day(range[1]) : first;
      if (first == null || last == null || range.length > 2) {
        v.expected("expected days such as mon-fri, sat,sun or [mon, wed]");
        return null;
      }
      for (int d = first.getValue(); ; d = d % 7 + 1) {
        days.add(DayOfWeek.of(d));
        if (d == last.getValue()) {
          break;
        }
      }
    }
    return days;
  }

  private static DayOfWeek day(String word) {
    String w = word.trim().toLowerCase(Locale.ROOT);
    if (w.length() < 3) {
      return null;
    }
    for (DayOfWeek d : DayOfWeek.values()) {
      String name = d.name().toLowerCase(Locale.ROOT);
      if (name.startsWith(w)) {
        return d;
      }
    }
    return null;
  }
}
