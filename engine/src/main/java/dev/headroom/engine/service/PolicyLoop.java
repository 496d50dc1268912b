package dev.headroom.engine.service;

import dev.headroom.engine.clock.Clock;
import dev.headroom.engine.config.CapacityConfig;
import dev.headroom.engine.config.LimitConfig;
import dev.headroom.engine.config.PolicyConfig;
import dev.headroom.engine.limiter.Rate;
import dev.headroom.engine.policy.ForecastView;
import dev.headroom.engine.policy.Interval;
import dev.headroom.engine.policy.KeyPolicyState;
import dev.headroom.engine.policy.MaxMinFair;
import dev.headroom.engine.policy.RateDecision;
import dev.headroom.engine.policy.ShadowPolicy;
import dev.headroom.engine.telemetry.IntervalSnapshot;
import dev.headroom.engine.telemetry.KeyInterval;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The control loop: at each limit's refresh it runs the limit's policy for every key that had
 * traffic, shares capacity groups max-min fairly, applies admin overrides, and sets each key's
 * refill rate. One thread runs {@link #tick}; telemetry intervals arrive from another through
 * {@link #onInterval}. Nothing here may stop the loop: a key whose policy fails keeps the static
 * rate and says why.
 */
final class PolicyLoop {

  /** What the admin API shows of one key. */
  record KeyStatus(String key, double ratePerSecond, double recentPerSecond, String reason, boolean fallback,
      String forecastModel, String problem) {}

  /** A temporary rate set by an operator; {@code key} null means every key of the limit. */
  record Override(String limit, String key, double ratePerSecond, long untilMillis) {}

  private final Supplier<Map<String, LimitRuntime>> limits;
  private final Supplier<List<CapacityConfig>> capacities;
  private final KeyForecasts forecasts;
  private final Clock clock;
  private final Map<String, KeyPolicyState> states = new ConcurrentHashMap<>();
  private final Map<String, Interval> pending = new HashMap<>(); // guarded by this
  private final Map<String, Interval> recent = new ConcurrentHashMap<>();
  private final Map<String, Long> lastTick = new HashMap<>();
  private final Map<String, Override> overrides = new ConcurrentHashMap<>();
  private final Map<String, Long> lastSeen = new HashMap<>(); // policy thread only
  /** A key without traffic for this long loses its policy state and forecast (memory is bounded by activity). */
  static final long IDLE_MILLIS = 3_600_000L;
  private volatile boolean paused;

  PolicyLoop(Supplier<Map<String, LimitRuntime>> limits, Supplier<List<CapacityConfig>> capacities,
      KeyForecasts forecasts, Clock clock) {
    this.limits = limits;
    this.capacities = capacities;
    this.forecasts = forecasts;
    this.clock = clock;
  }

  /** Adds a closed telemetry interval to what the next tick will see (sums counts, keeps the worst latency). */
  synchronized void onInterval(IntervalSnapshot snapshot) {
    for (KeyInterval k : snapshot.keys()) {
      var p = k.point();
      Interval add = new Interval(p.timeMillis(), snapshot.lengthMillis(), p.requests(), p.admitted(),
          p.rejected(), k.latencyP50Millis(), k.latencyP99Millis(), 0, 0);
      pending.merge(k.key(), add, PolicyLoop::merge);
      recent.put(k.key(), add);
    }
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
    Map<String, Interval> seen;
    synchronized (this) {
      seen = new HashMap<>(pending);
    }
    Map<String, Double> decided = new HashMap<>();
    for (LimitRuntime limit : limits.get().values()) {
      LimitConfig c = limit.config();
      if (!limit.adjustable()) {
        continue;
      }
      long refresh = c.policy().refresh().toMillis();
      Long last = lastTick.get(c.name());
      if (last != null && now - last < refresh) {
        continue;
      }
      lastTick.put(c.name(), now);
      for (Map.Entry<String, Interval> e : drain(seen, c.name()).entrySet()) {
        decided.put(e.getKey(), decide(limit, e.getKey(), e.getValue(), now));
      }
    }
    shareCapacities(decided);
    for (String key : decided.keySet()) {
      lastSeen.put(key, now);
    }
    forgetIdle(now);
    for (Map.Entry<String, Double> e : decided.entrySet()) {
      LimitRuntime limit = limits.get().get(limitOf(e.getKey()));
      if (limit != null) {
        apply(limit, e.getKey(), e.getValue(), now);
      }
    }
  }

  private void forgetIdle(long now) {
    lastSeen.entrySet().removeIf(e -> {
      if (now - e.getValue() < IDLE_MILLIS) {
        return false;
      }
      states.remove(e.getKey());
      recent.remove(e.getKey());
      forecasts.forget(e.getKey());
      return true;
    });
  }

  private Map<String, Interval> drain(Map<String, Interval> seen, String limitName) {
    Map<String, Interval> mine = new HashMap<>();
    synchronized (this) {
      for (String key : seen.keySet()) {
        if (limitName.equals(limitOf(key))) {
          mine.put(key, pending.remove(key));
        }
      }
    }
    mine.values().removeIf(v -> v == null);
    return mine;
  }

  private double decide(LimitRuntime limit, String key, Interval interval, long now) {
    PolicyConfig p = limit.config().policy();
    double staticRate = limit.staticRate();
    KeyPolicyState state = states.computeIfAbsent(key, k -> new KeyPolicyState(staticRate));
    ForecastView view = null;
    if (p.type().predictive() && !paused) {
      PolicyConfig.Predictive pr = p.predictive().orElseThrow();
      view = forecasts.forecast(key, now, p.refresh(), pr.lead(), pr.history(), refitEvery(p.refresh()));
    }
    if (paused) {
      state.set(staticRate);
      return staticRate;
    }
    RateDecision d = state.tick(limit.policy(), now, staticRate, interval, view);
    return d.ratePerSecond();
  }

  /** Models are re-selected every 15 refreshes; in between the fitted ones are updated. */
  private static Duration refitEvery(Duration refresh) {
    return refresh.multipliedBy(15);
  }

  private void shareCapacities(Map<String, Double> decided) {
    for (CapacityConfig group : capacities.get()) {
      Map<String, Double> demand = new HashMap<>();
      for (Map.Entry<String, Double> e : decided.entrySet()) {
        LimitRuntime limit = limits.get().get(limitOf(e.getKey()));
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
        KeyPolicyState st = states.get(s.getKey());
        if (st != null) {
          st.cap(s.getValue());
        }
      }
    }
  }

  private void apply(LimitRuntime limit, String key, double rate, long now) {
    Override o = override(limit.config().name(), key, now);
    double r = o != null ? o.ratePerSecond() : rate;
    if (r > 0 && Double.isFinite(r)) {
      limit.registry().setRate(key, Rate.perSecond(r));
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

  /** Keys of {@code limit} the loop has decided for, with their state, for the admin API. */
  List<KeyStatus> status(String limit) {
    List<KeyStatus> out = new ArrayList<>();
    for (Map.Entry<String, KeyPolicyState> e : states.entrySet()) {
      if (!limit.equals(limitOf(e.getKey()))) {
        continue;
      }
      RateDecision last = e.getValue().lastDecision();
      if (last != null && last.parts().size() == 2 && limits.get().get(limit) != null
          && limits.get().get(limit).policy() instanceof ShadowPolicy) {
        last = ShadowPolicy.candidate(last);
      }
      Interval r = recent.get(e.getKey());
      double perSecond = r == null || r.lengthMillis() == 0 ? 0 : r.requests() * 1000.0 / r.lengthMillis();
      out.add(new KeyStatus(e.getKey(), e.getValue().rate(), perSecond, last == null ? "" : last.reason(),
          last != null && last.fallback(), forecasts.model(e.getKey()), forecasts.problem(e.getKey())));
    }
    return out;
  }

  /** A bucket key is the limit's name, then its descriptor values after '|'. */
  static String limitOf(String key) {
    int bar = key.indexOf('|');
    return bar < 0 ? key : key.substring(0, bar);
  }
}
