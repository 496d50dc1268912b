package dev.headroom.engine.service;

import dev.headroom.engine.clock.Clock;
import dev.headroom.engine.config.CapacityConfig;
import dev.headroom.engine.config.LimitConfig;
import dev.headroom.engine.config.PolicyConfig;
import dev.headroom.engine.policy.ForecastView;
import dev.headroom.engine.policy.Interval;
import dev.headroom.engine.policy.KeyHierarchy;
import dev.headroom.engine.policy.KeyPolicyState;
import dev.headroom.engine.policy.LimitStep;
import dev.headroom.engine.policy.MaxMinFair;
import dev.headroom.engine.policy.RateDecision;
import dev.headroom.engine.policy.RatePolicy;
import dev.headroom.engine.policy.ShadowPolicy;
import dev.headroom.engine.telemetry.IntervalSnapshot;
import dev.headroom.engine.telemetry.KeyInterval;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The control loop: at each limit's refresh it runs the limit's keys that had traffic through the
 * engine's {@link LimitStep} (each key's policy, lending, surprise shedding: the same code the
 * simulator replays), shares capacity groups max-min fairly, applies admin overrides, and sets each
 * key's refill rate. One thread runs {@link #tick}; telemetry intervals arrive from another through
 * {@link #onInterval}. Nothing here may stop the loop: a key whose policy or rate fails keeps the
 * static rate and says why, and the other keys go on.
 *
 * <p>Memory is bounded by configuration, not by clients: a limit keeps policy state for at most its
 * {@code trackedKeys} keys (further keys keep the static rate, which needs no state, and are
 * counted); state of a key idle for {@link #idleMillis} goes; intervals wait only for keys of
 * limits that a policy or an override moves. The busiest {@code models} keys of a predictive limit
 * get forecasting models of their own; every other key follows its share of the limit's total
 * forecast (a hierarchical forecast), so a new key costs no history read and no model fit.
 */
public final class PolicyLoop {

  /** What the admin API shows of one key. */
  public record KeyStatus(String key, double ratePerSecond, double recentPerSecond, String reason, boolean fallback,
      String forecastModel, String problem, double expectedPerSecond, double surprise, boolean shed,
      String shedReason) {}

  /**
   * One limit's loop state in numbers, computed on the policy thread at its tick, so that
   * {@code /metrics} reads it without walking keys.
   *
   * @param trackedKeys     keys holding policy state
   * @param untrackedKeys   key intervals seen past {@code trackedKeys}, left at the static rate
   *                        (cumulative: a key untracked for three refreshes counts three times)
   * @param modelledKeys    keys with a forecasting model of their own
   * @param fallbackKeys    keys whose last decision fell back to the static rate
   * @param rateSum         sum of the rates decided for tracked keys, per second
   * @param shedKeys        keys cut by surprise shedding at the last tick
   * @param shedBySurprise  requests refused while their key was cut by surprise shedding (cumulative)
   * @param pressure        whether the limit's backend was under pressure at the last tick
   * @param pressureReason  the signal that last started or renewed the pressure
   */
  public record LimitSummary(int trackedKeys, long untrackedKeys, int modelledKeys, int fallbackKeys, double rateSum,
      int shedKeys, long shedBySurprise, boolean pressure, String pressureReason) {
    static final LimitSummary EMPTY = new LimitSummary(0, 0, 0, 0, 0, 0, 0, false, "");
  }

  /** A temporary rate set by an operator; {@code key} null means every key of the limit. */
  record Override(String limit, String key, double ratePerSecond, long untilMillis) {}

  private final Supplier<Map<String, LimitRuntime>> limits;
  private final Supplier<List<CapacityConfig>> capacities;
  private final KeyForecasts forecasts;
  private final Clock clock;
  private Map<String, Map<String, Interval>> pending = new HashMap<>(); // by limit; guarded by this
  private final Map<String, LimitKeys> byLimit = new ConcurrentHashMap<>();
  private final Map<String, Override> overrides = new ConcurrentHashMap<>();
  private volatile boolean paused;

  PolicyLoop(Supplier<Map<String, LimitRuntime>> limits, Supplier<List<CapacityConfig>> capacities,
      KeyForecasts forecasts, Clock clock) {
    this.limits = limits;
    this.capacities = capacities;
    this.forecasts = forecasts;
    this.clock = clock;
  }

  /**
   * Adds a closed telemetry interval to what the next tick will see (sums counts, keeps the worst
   * latency). Keys of limits nothing moves are not kept, and a limit keeps at most its
   * {@code trackedKeys} waiting keys.
   */
  synchronized void onInterval(IntervalSnapshot snapshot) {
    Map<String, LimitRuntime> now = limits.get();
    Map<String, Boolean> moving = new HashMap<>(); // per limit, asked once per snapshot, not once per key
    for (KeyInterval k : snapshot.keys()) {
      String limitName = limitOf(k.key());
      LimitRuntime limit = now.get(limitName);
      if (limit == null || !moving.computeIfAbsent(limitName, n -> moves(limit))) {
        continue;
      }
      var p = k.point();
      Interval add = new Interval(p.timeMillis(), snapshot.lengthMillis(), p.requests(), p.admitted(),
          p.rejected(), k.latencyP50Millis(), k.latencyP99Millis(), 0, 0);
      Map<String, Interval> mine = pending.computeIfAbsent(limitName, x -> new HashMap<>());
      if (mine.containsKey(k.key()) || mine.size() < limit.config().policy().trackedKeys()) {
        mine.merge(k.key(), add, PolicyLoop::merge);
      } else {
        byLimit.computeIfAbsent(limitName, n -> new LimitKeys()).untrackedWaiting.incrementAndGet();
      }
    }
  }

  /** Whether the loop has anything to do for {@code limit}: a moving policy, or an override. */
  private boolean moves(LimitRuntime limit) {
    if (!limit.adjustable()) {
      return false;
    }
    if (limit.config().policy().type() != PolicyConfig.Type.STATIC) {
      return true;
    }
    String prefix = limit.config().name() + "\u0000";
    return overrides.keySet().stream().anyMatch(k -> k.startsWith(prefix));
  }

  private static Interval merge(Interval a, Interval b) {
    return new Interval(Math.min(a.startMillis(), b.startMillis()), a.lengthMillis() + b.lengthMillis(),
        a.requests() + b.requests(), a.admitted() + b.admitted(), a.rejected() + b.rejected(),
        max(a.latencyP50Ms(), b.latencyP50Ms()), max(a.latencyP99Ms(), b.latencyP99Ms()),
        a.upstream5xx() + b.upstream5xx(), a.upstream429() + b.upstream429());
  }

  private static double max(double a, double b) {
    return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
  }

  /** Runs every limit whose refresh is due. */
  void tick() {
    long now = clock.nanos() / 1_000_000L;
    Map<String, LimitRuntime> current = limits.get();
    byLimit.keySet().removeIf(name -> !current.containsKey(name)); // limits removed by a reload
    Map<String, Double> decided = new HashMap<>();
    for (LimitRuntime limit : current.values()) {
      LimitConfig c = limit.config();
      if (!limit.adjustable()) {
        continue;
      }
      LimitKeys lk = byLimit.computeIfAbsent(c.name(), n -> new LimitKeys());
      long refresh = c.policy().refresh().toMillis();
      if (lk.lastTick != Long.MIN_VALUE && now - lk.lastTick < refresh) {
        continue;
      }
      lk.lastTick = now;
      Map<String, Interval> seen;
      synchronized (this) {
        seen = pending.remove(c.name());
      }
      try {
        lk.tick(this, limit, seen == null ? Map.of() : seen, now, decided);
      } catch (RuntimeException e) {
        // One limit's failure (a bug, a bad forecast) leaves its rates as they are; the others go on.
        lk.problem = "policy tick failed: " + e;
      }
    }
    synchronized (this) {
      pending.keySet().removeIf(name -> !current.containsKey(name));
    }
    shareCapacities(decided, current);
    for (Map.Entry<String, Double> e : decided.entrySet()) {
      LimitRuntime limit = current.get(limitOf(e.getKey()));
      if (limit != null) {
        apply(limit, e.getKey(), e.getValue(), now);
      }
    }
  }

  /** One limit's keys: their policy state, the limit's step, and what the admin API shows. */
  private static final class LimitKeys {
    final Map<String, KeyEntry> entries = new ConcurrentHashMap<>();
    long lastTick = Long.MIN_VALUE;
    long untracked;
    final java.util.concurrent.atomic.AtomicLong untrackedWaiting = new java.util.concurrent.atomic.AtomicLong();
    long shedBySurprise;
    LimitConfig configSeen;
    LimitStep step;
    RatePolicy keyPolicy;
    KeyHierarchy<String> hierarchy;
    int hierarchyModels = -1;
    boolean pressure;
    volatile LimitSummary summary = LimitSummary.EMPTY;
    volatile String problem;

    void tick(PolicyLoop loop, LimitRuntime limit, Map<String, Interval> seen, long now, Map<String, Double> decided) {
      LimitConfig c = limit.config();
      PolicyConfig p = c.policy();
      if (c != configSeen) { // first tick, or a reload: the step's pressure and the key policy start afresh
        configSeen = c;
        int models = p.predictive().map(PolicyConfig.Predictive::models).orElse(0);
        if (hierarchy == null || hierarchyModels != models) {
          hierarchy = new KeyHierarchy<>(models);
          hierarchyModels = models;
          entries.keySet().forEach(loop.forecasts::forget);
        }
        step = new LimitStep(loop.stepSettings(c));
        keyPolicy = PolicyFactory.keyPolicy(p, limit.policy());
      }
      boolean paused = loop.paused; // read once: a pause that lands mid-tick takes effect at the next
      double staticRate = limit.staticRate();
      long lookAhead = p.refresh().toMillis() + p.predictive().map(x -> x.lead().toMillis()).orElse(0L);
      List<String> names = new ArrayList<>(seen.size());
      List<LimitStep.KeyTick> ticks = new ArrayList<>(seen.size());
      for (Map.Entry<String, Interval> e : seen.entrySet()) {
        KeyEntry entry = entries.get(e.getKey());
        if (entry == null) {
          if (entries.size() >= p.trackedKeys()) {
            untracked++;
            continue;
          }
          entry = new KeyEntry(staticRate);
          entries.put(e.getKey(), entry);
        }
        Interval in = e.getValue();
        if (entry.shed) { // what the key's surprise cut refused since the last tick
          shedBySurprise += in.rejected();
        }
        entry.recent = in;
        entry.lastSeen = now;
        hierarchy.seen(e.getKey(), in.requestsPerSecond(), entry.expected);
        names.add(e.getKey());
      }
      long idle = idleMillis(p.refresh());
      entries.entrySet().removeIf(e -> {
        if (now - e.getValue().lastSeen < idle) {
          return false;
        }
        hierarchy.forget(e.getKey());
        loop.forecasts.forget(e.getKey());
        return true;
      });
      for (String lost : hierarchy.endTick()) {
        loop.forecasts.forget(lost);
      }
      boolean predictive = p.type().predictive() && !paused;
      ForecastView total = predictive && hasDescriptors(c, names) ? loop.forecastOf(c.name(), now, p) : null;
      long until = now + lookAhead + p.refresh().toMillis();
      for (String key : names) {
        KeyEntry entry = entries.get(key);
        if (paused) {
          entry.state.set(staticRate);
          entry.state.reset();
          decided.put(key, staticRate);
          continue;
        }
        ForecastView view = null;
        if (predictive) {
          // A limit without descriptors has one key, its bare name, which is its own total.
          view = key.equals(c.name()) ? loop.forecastOf(key, now, p)
              : hierarchy.view(key, hierarchy.modelled(key) ? loop.forecastOf(key, now, p) : null, total, now, until);
        }
        entry.model = view == null ? null : view.model();
        ticks.add(new LimitStep.KeyTick(entry.state, keyPolicy, staticRate, entry.recent, view));
      }
      if (!paused && !ticks.isEmpty()) {
        LimitStep.Outcome o = step.tick(now, lookAhead, ticks.toArray(LimitStep.KeyTick[]::new));
        pressure = o.pressure();
        for (int i = 0; i < names.size(); i++) {
          KeyEntry entry = entries.get(names.get(i));
          entry.expected = o.expectedPerSecond()[i];
          entry.surprise = o.surprise()[i];
          entry.shed = o.shed()[i];
          decided.put(names.get(i), o.rates()[i]);
        }
      }
      summarise();
    }

    private void summarise() {
      int fallback = 0;
      int shed = 0;
      int modelled = hierarchy == null ? 0 : hierarchy.modelledKeys();
      double rates = 0;
      for (KeyEntry e : entries.values()) {
        RateDecision last = e.state.lastDecision();
        fallback += last != null && last.fallback() ? 1 : 0;
        shed += e.shed ? 1 : 0;
        rates += e.state.rate();
      }
      summary = new LimitSummary(entries.size(), untracked + untrackedWaiting.get(), modelled, fallback, rates, shed,
          shedBySurprise, pressure, step == null ? "" : step.pressureReason());
    }
  }

  /** State of one key of a moving limit. */
  private static final class KeyEntry {
    final KeyPolicyState state;
    volatile Interval recent = Interval.EMPTY;
    long lastSeen;
    volatile String model;
    volatile double expected = Double.NaN;
    volatile double surprise = Double.NaN;
    volatile boolean shed;

    KeyEntry(double staticRate) {
      this.state = new KeyPolicyState(staticRate);
    }
  }

  /** Whether the limit's keys carry descriptor values, so that a total series exists for it. */
  private static boolean hasDescriptors(LimitConfig c, List<String> seen) {
    return !seen.isEmpty() && !seen.getFirst().equals(c.name());
  }

  private ForecastView forecastOf(String series, long now, PolicyConfig p) {
    PolicyConfig.Predictive pr = p.predictive().orElseThrow();
    return forecasts.forecast(series, now, p.refresh(), pr.lead(), pr.history(), refitEvery(p.refresh()));
  }

  /** Policy state of a key without traffic for this long goes: ten refreshes, at least ten minutes. */
  static long idleMillis(Duration refresh) {
    return Math.max(600_000L, 10 * refresh.toMillis());
  }

  /** The step's settings from the limit's configuration: its capacity group, lending, surprise. */
  private LimitStep.Settings stepSettings(LimitConfig c) {
    double capacity = Double.NaN;
    for (CapacityConfig group : capacities.get()) {
      if (c.capacity().filter(group.name()::equals).isPresent()) {
        capacity = group.ratePerSecond();
      }
    }
    return new LimitStep.Settings(capacity, c.policy().lending() && Double.isFinite(capacity),
        PolicyFactory.surprise(c.policy()));
  }

  /** Models are re-selected every 15 refreshes; in between the fitted ones are updated. */
  private static Duration refitEvery(Duration refresh) {
    return refresh.multipliedBy(15);
  }

  private void shareCapacities(Map<String, Double> decided, Map<String, LimitRuntime> current) {
    for (CapacityConfig group : capacities.get()) {
      Map<String, Double> demand = new HashMap<>();
      for (Map.Entry<String, Double> e : decided.entrySet()) {
        LimitRuntime limit = current.get(limitOf(e.getKey()));
        if (limit != null && limit.config().capacity().filter(group.name()::equals).isPresent()) {
          demand.put(e.getKey(), e.getValue());
        }
      }
      if (demand.isEmpty()) {
        continue;
      }
      Map<String, Double> shares = MaxMinFair.allocate(group.ratePerSecond(), demand);
      for (Map.Entry<String, Double> s : shares.entrySet()) {
        decided.put(s.getKey(), s.getValue());
        LimitKeys lk = byLimit.get(limitOf(s.getKey()));
        KeyEntry entry = lk == null ? null : lk.entries.get(s.getKey());
        if (entry != null) {
          entry.state.cap(s.getValue());
        }
      }
    }
  }

  /**
   * Puts a key's decided rate in force: an operator's override on the enforcing bucket; in shadow
   * mode the policy's own (candidate) rate on the shadow bucket, the enforcing one keeping the
   * static rate; otherwise the decided rate. Only resident keys change: an evicted key is not
   * brought back.
   */
  private void apply(LimitRuntime limit, String key, double rate, long now) {
    Override o = override(limit.config().name(), key, now);
    try {
      if (o != null) {
        limit.applyOverrideRate(key, o.ratePerSecond());
      } else if (limit.shadow()) {
        LimitKeys lk = byLimit.get(limit.config().name());
        KeyEntry entry = lk == null ? null : lk.entries.get(key);
        RateDecision last = entry == null ? null : entry.state.lastDecision();
        if (last != null) {
          limit.applyPolicyDecision(key, last);
        }
      } else if (rate > 0 && Double.isFinite(rate)) {
        limit.applyPolicyRate(key, rate);
      }
    } catch (RuntimeException e) {
      // A rate the limiter refuses leaves this key as it was; the other keys go on.
      LimitKeys lk = byLimit.get(limit.config().name());
      if (lk != null) {
        lk.problem = "setting the rate of " + key + " failed: " + e.getMessage();
      }
    }
  }

  private Override override(String limit, String key, long now) {
    overrides.values().removeIf(o -> o.untilMillis() <= now);
    Override forKey = overrides.get(limit + "\u0000" + key);
    return forKey != null ? forKey : overrides.get(limit + "\u0000");
  }

  void override(Override o) {
    overrides.put(o.limit() + "\u0000" + (o.key() == null ? "" : o.key()), o);
  }

  List<Override> overrides() {
    long now = clock.nanos() / 1_000_000L;
    overrides.values().removeIf(o -> o.untilMillis() <= now);
    return List.copyOf(overrides.values());
  }

  void pause(boolean pause) {
    paused = pause;
  }

  boolean paused() {
    return paused;
  }

  /** The limit's loop state in numbers, as of its last tick. */
  LimitSummary summary(String limit) {
    LimitKeys lk = byLimit.get(limit);
    return lk == null ? LimitSummary.EMPTY : lk.summary;
  }

  /** Why the limit's last tick failed, or null. */
  String problem(String limit) {
    LimitKeys lk = byLimit.get(limit);
    return lk == null ? null : lk.problem;
  }

  /** The {@code n} keys of {@code limit} with the most recent demand, with their state, for the admin API. */
  List<KeyStatus> status(String limit, int n) {
    LimitKeys lk = byLimit.get(limit);
    if (lk == null) {
      return List.of();
    }
    LimitRuntime runtime = limits.get().get(limit);
    boolean shadow = runtime != null && runtime.policy() instanceof ShadowPolicy;
    return lk.entries.entrySet().stream()
        .sorted(Comparator.comparingDouble((Map.Entry<String, KeyEntry> e) -> e.getValue().recent.requestsPerSecond())
            .reversed())
        .limit(n)
        .map(e -> keyStatus(e.getKey(), e.getValue(), shadow))
        .toList();
  }

  /** One key's status, or null when the loop holds no state for it. */
  KeyStatus status(String limit, String key) {
    LimitKeys lk = byLimit.get(limit);
    KeyEntry e = lk == null ? null : lk.entries.get(key);
    LimitRuntime runtime = limits.get().get(limit);
    return e == null ? null : keyStatus(key, e, runtime != null && runtime.policy() instanceof ShadowPolicy);
  }

  private KeyStatus keyStatus(String key, KeyEntry e, boolean shadow) {
    RateDecision last = e.state.lastDecision();
    if (last != null && last.parts().size() == 2 && shadow) {
      last = ShadowPolicy.candidate(last);
    }
    String shedReason = e.shed ? "shed by surprise under pressure: demand " + round(e.recent.requestsPerSecond())
        + "/s is " + round(e.surprise) + "x its expected " + round(e.expected) + "/s" : null;
    return new KeyStatus(key, e.state.rate(), e.recent.requestsPerSecond(), last == null ? "" : last.reason(),
        last != null && last.fallback(), e.model,
        forecasts.problem(key), e.expected, e.surprise, e.shed, shedReason);
  }

  private static String round(double x) {
    return String.format(java.util.Locale.ROOT, "%.2f", x);
  }

  /** A bucket key is the limit's name, then its descriptor values after '|'. */
  static String limitOf(String key) {
    int bar = key.indexOf('|');
    return bar < 0 ? key : key.substring(0, bar);
  }
}
