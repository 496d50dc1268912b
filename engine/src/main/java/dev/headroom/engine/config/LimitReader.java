/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

import dev.headroom.engine.limiter.Inheritance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the items of {@code limits}: name, match, algorithm, policy, priorities, capacity, inheritance. */
final class LimitReader {

  /** Key parts that need no parameter. {@code apiKey} is the X-Api-Key header or the decision API's key. */
  private static final Map<String, MatchConfig.KeyPart> SHORTHANDS = Map.of(
      "apiKey", new MatchConfig.KeyPart(List.of(
          MatchConfig.Source.header("X-Api-Key"), MatchConfig.Source.field("key"))),
      "clientIp", new MatchConfig.KeyPart(List.of(MatchConfig.Source.CLIENT_IP)),
      "path", new MatchConfig.KeyPart(List.of(MatchConfig.Source.PATH)));
  private static final Set<String> INHERITANCE = new LinkedHashSet<>(
      List.of("proportional", "as-is", "additive", "reset"));

  private final List<String> capacities;
  private final Names names = new Names("limit");
  private final AlgorithmReader algorithms = new AlgorithmReader();
  private final PolicyReader policies = new PolicyReader();

  LimitReader(List<String> capacities) {
    this.capacities = capacities;
  }

  LimitConfig read(Value item) {
    Mapping m = item.mapping();
    if (m == null) {
      return null;
    }
    String name = names.read(m);
    MatchConfig match = m.opt("match", LimitReader::match, new MatchConfig(Condition.ALWAYS, List.of()));
    AlgorithmConfig algorithm = m.req("algorithm", algorithms::read);
    PolicyConfig policy = policy(m, algorithm);
    List<PriorityClass> priorities = m.opt("priorities", LimitReader::priorities, List.of());
    String capacity = capacity(m, policy);
    String rule = m.opt("inheritance", v -> v.oneOf(INHERITANCE), "proportional");
    m.finish();
    if (name == null || match == null || algorithm == null || policy == null) {
      return null;
    }
    Inheritance inheritance = Inheritance.valueOf(rule.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    return new LimitConfig(name, match, algorithm, policy, priorities, Optional.ofNullable(capacity), inheritance);
  }

  private PolicyConfig policy(Mapping m, AlgorithmConfig algorithm) {
    Value v = m.get("policy");
    if (algorithm == null) {
      return null;
    }
    double staticRate = algorithm.refillRate().map(r -> r.perSecond()).orElse(0.0);
    return v == null ? PolicyConfig.fixed(staticRate, PolicyReader.DEFAULT_REFRESH) : policies.read(v, algorithm, m.get("capacity") != null);
  }

  private String capacity(Mapping m, PolicyConfig policy) {
    Value v = m.get("capacity");
    if (v == null) {
      return null;
    }
    String name = v.string();
    if (name == null) {
      return null;
    }
    if (!capacities.contains(name)) {
      v.error(capacities.isEmpty()
          ? "no capacity group is defined; add it under capacities, got " + Value.quote(name)
          : "no capacity group is called " + Value.quote(name) + Suggest.didYouMean(name, capacities)
              + "; defined: " + String.join(", ", capacities));
      return null;
    }
    if (policy != null && !policy.type().predictive()) {
      v.error("a capacity group is shared out by forecast demand, so it needs a predictive or "
          + "predictive+reactive policy, got " + policy.type());
    }
    return name;
  }

  private static MatchConfig match(Value v) {
    Mapping m = v.mapping();
    if (m == null) {
      return null;
    }
    Condition when = condition(m);
    List<MatchConfig.KeyPart> key = new ArrayList<>();
    Value keyValue = m.get("key");
    if (keyValue != null) {
      List<Value> items = keyValue.node() instanceof org.yaml.snakeyaml.nodes.SequenceNode
          ? keyValue.list() : List.of(keyValue);
      for (Value item : items) {
        MatchConfig.KeyPart part = keyPart(item);
        if (part != null) {
          key.add(part);
        }
      }
    }
    m.finish();
    return new MatchConfig(when, key);
  }

  /** {@code apiKey}, {@code clientIp}, {@code path}, or {@code {header: NAME, field: NAME}} tried in the order written. */
  private static MatchConfig.KeyPart keyPart(Value item) {
    if (item.node() instanceof org.yaml.snakeyaml.nodes.ScalarNode) {
      String word = item.text();
      if (word == null) {
        return null;
      }
      MatchConfig.KeyPart part = SHORTHANDS.get(word);
      if (part == null) {
        item.error("expected apiKey, clientIp, path or a mapping such as {header: X-Tenant, field: tenant}, got "
            + Value.quote(word) + Suggest.didYouMean(word, SHORTHANDS.keySet()));
      }
      return part;
    }
    Mapping m = item.mapping();
    if (m == null) {
      return null;
    }
    List<MatchConfig.Source> sources = new ArrayList<>();
    for (String name : List.copyOf(m.names())) {
      if (name.equals("header") || name.equals("field")) {
        String n = m.get(name) == null ? null : m.get(name).string();
        if (n != null) {
          sources.add(name.equals("header") ? MatchConfig.Source.header(n) : MatchConfig.Source.field(n));
        }
      }
    }
    m.has("header");
    m.has("field");
    m.finish();
    if (sources.isEmpty()) {
      m.error("a key part needs a header or a field to read, e.g. {header: X-Tenant}");
      return null;
    }
    return new MatchConfig.KeyPart(sources);
  }

  /** {@code route}, {@code headers} and {@code fields} of a mapping; its other fields are left to the caller. */
  static Condition condition(Mapping m) {
    Optional<String> route = Optional.ofNullable(m.opt("route", LimitReader::route, null));
    Map<String, String> headers = m.opt("headers", LimitReader::values, Map.of());
    Map<String, String> fields = m.opt("fields", LimitReader::values, Map.of());
    return new Condition(route, headers, fields);
  }

  private static String route(Value v) {
    String s = v.string();
    if (s != null && !s.startsWith("/")) {
      v.expected("expected a path prefix starting with /, such as /v1/orders");
      return null;
    }
    return s;
  }

  private static Map<String, String> values(Value v) {
    Mapping m = v.mapping();
    if (m == null) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : List.copyOf(m.names())) {
      Value value = m.raw(name);
      if (value.isNull()) {
        value.error("expected a value to compare with (\"*\" for any value), got nothing");
        continue;
      }
      String s = value.string();
      if (s != null) {
        out.put(name, s);
      }
    }
    return out;
  }

  private static List<PriorityClass> priorities(Value v) {
    List<PriorityClass> out = new ArrayList<>();
    Names names = new Names("priority class");
    double previous = 0;
    String defaultClass = null;
    for (Value item : v.list()) {
      Mapping m = item.mapping();
      if (m == null) {
        continue;
      }
      String name = names.read(m);
      Condition when = m.opt("match", LimitReader::classMatch, Condition.ALWAYS);
      Value shedValue = m.get("shedAt");
      double shedAt = m.opt("shedAt", s -> s.number(0, false, 0.99), 0.0);
      if (shedValue != null && shedAt < previous) {
        shedValue.error("classes are listed most important first, so shedAt cannot be below the previous "
            + "class's " + previous + ", got " + shedAt);
      }
      previous = Math.max(previous, shedAt);
      m.finish();
      if (when.equals(Condition.ALWAYS)) {
        if (defaultClass != null) {
          m.error("only one class may go without a match (the default class, for requests no other "
              + "class matches); \"" + defaultClass + "\" already does");
        }
        defaultClass = name;
      }
      if (name != null) {
        out.add(new PriorityClass(name, when, shedAt));
      }
    }
    return out;
  }

  private static Condition classMatch(Value v) {
    Mapping m = v.mapping();
    if (m == null) {
      return null;
    }
    Condition c = condition(m);
    m.notHere("key", "a priority class has no key of its own: it shares its limit's buckets");
    m.finish();
    return c;
  }
}
