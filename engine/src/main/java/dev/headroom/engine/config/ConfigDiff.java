/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

import dev.headroom.engine.limiter.Gcra;
import dev.headroom.engine.limiter.Inheritance;
import dev.headroom.engine.limiter.PackedLimit;
import dev.headroom.engine.limiter.Rate;
import dev.headroom.engine.limiter.TokenBucket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a reload changes, limit by limit, so the service can apply it without losing bucket state:
 * limits are paired by name; a limit whose algorithm keeps its type carries every key's state over
 * by its inheritance rule, and only a change of algorithm starts its keys afresh.
 *
 * @param sectionsChanged top-level sections other than limits that differ (server, admin, influx,
 *                        telemetry, capacities, upstreams)
 */
public record ConfigDiff(
    List<LimitConfig> added,
    List<LimitConfig> removed,
    List<String> unchanged,
    List<LimitChange> changed,
    List<String> sectionsChanged) {

  public ConfigDiff {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    unchanged = List.copyOf(unchanged);
    changed = List.copyOf(changed);
    sectionsChanged = List.copyOf(sectionsChanged);
  }

  public static ConfigDiff between(HeadroomConfig before, HeadroomConfig after) {
    Map<String, LimitConfig> old = new LinkedHashMap<>();
    before.limits().forEach(l -> old.put(l.name(), l));
    List<LimitConfig> added = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    List<LimitChange> changed = new ArrayList<>();
    for (LimitConfig l : after.limits()) {
      LimitConfig previous = old.remove(l.name());
      if (previous == null) {
        added.add(l);
      } else if (previous.equals(l)) {
        unchanged.add(l.name());
      } else {
        changed.add(LimitChange.of(previous, l));
      }
    }
    List<String> sections = new ArrayList<>();
    section(sections, "server", before.server(), after.server());
    // A generated token is new on every load: the service keeps the one it printed.
    if (!(before.admin().generated() && after.admin().generated())) {
      section(sections, "admin", before.admin(), after.admin());
    }
    section(sections, "influx", before.influx(), after.influx());
    section(sections, "telemetry", before.telemetry(), after.telemetry());
    section(sections, "capacities", before.capacities(), after.capacities());
    section(sections, "upstreams", before.upstreams(), after.upstreams());
    return new ConfigDiff(added, List.copyOf(old.values()), unchanged, changed, sections);
  }

  /** True when nothing differs. */
  public boolean isEmpty() {
    return added.isEmpty() && removed.isEmpty() && changed.isEmpty() && sectionsChanged.isEmpty();
  }

  /** The listening address cannot move under a running server. */
  public boolean restartRequired() {
    return sectionsChanged.contains("server");
  }

  private static void section(List<String> out, String name, Object a, Object b) {
    if (!Objects.equals(a, b)) {
      out.add(name);
    }
  }

  /** How one limit's keys move from the old configuration to the new one. */
  public enum Kind {
    /** Only match, policy, priorities, capacity or inheritance differ: bucket states are untouched. */
    SETTINGS,
    /** Same algorithm, new parameters: each key is reconfigured by {@link LimitChange#reconfigure}, keeping its state. */
    RECONFIGURE,
    /** A different algorithm: no state can carry over, keys start afresh. */
    RESET
  }

  /**
   * One limit present before and after with differences.
   *
   * @param rule how tokens carry over in a RECONFIGURE (the new configuration's inheritance)
   */
  public record LimitChange(LimitConfig before, LimitConfig after, Kind kind, Inheritance rule) {

    static LimitChange of(LimitConfig before, LimitConfig after) {
      Kind kind = !before.algorithm().type().equals(after.algorithm().type()) ? Kind.RESET
          : before.algorithm().equals(after.algorithm()) ? Kind.SETTINGS
          : Kind.RECONFIGURE;
      return new LimitChange(before, after, kind, after.inheritance());
    }

    /**
     * True when the bucket key is built differently: the old keys will never be looked up again,
     * so the service may drop them rather than wait for idle eviction.
     */
    public boolean keysChanged() {
      return !before.match().key().equals(after.match().key());
    }

    /** True when the policy (or the capacity group it draws from) must be rebuilt. */
    public boolean policyChanged() {
      return !before.policy().equals(after.policy()) || !before.capacity().equals(after.capacity());
    }

    /**
     * A key's configuration after the reload, from the one it has now ({@code current} may carry a
     * rate a policy set). That rate is kept unless the configured rate itself changed: the policy
     * moves it again at its next step, and in the meantime the key does not jump back to the static
     * rate. Counting limits take the new parameters; their counts carry over in the core.
     */
    public PackedLimit reconfigure(PackedLimit current) {
      AlgorithmConfig a = after.algorithm();
      boolean rateChanged = !before.algorithm().refillRate().equals(a.refillRate());
      return switch (a) {
        case AlgorithmConfig.TokenBucketParams t when current instanceof TokenBucket cur ->
            TokenBucket.of(rateChanged ? t.rate() : cur.rate(), t.burst());
        case AlgorithmConfig.GcraParams g when current instanceof Gcra cur -> {
          Rate rate = rateChanged ? g.rate() : cur.rate();
          yield Gcra.of(rate, g.burst(), g.delay());
        }
        default -> a.toLimit();
      };
    }
  }
}
