package dev.headroom.engine.service;

import dev.headroom.engine.clock.Clock;
import dev.headroom.engine.clock.CoarseClock;
import dev.headroom.engine.config.ConfigDiff;
import dev.headroom.engine.config.HeadroomConfig;
import dev.headroom.engine.config.LimitConfig;
import dev.headroom.engine.config.Match;
import dev.headroom.engine.config.Matcher;
import dev.headroom.engine.config.RequestView;
import dev.headroom.engine.limiter.LimiterRegistry;
import dev.headroom.engine.limiter.Rate;
import dev.headroom.engine.telemetry.InMemorySink;
import dev.headroom.engine.telemetry.IntervalAggregator;
import dev.headroom.engine.telemetry.SinkCounters;
import dev.headroom.engine.telemetry.SpoolingInfluxSink;
import dev.headroom.engine.telemetry.TelemetryPipeline;
import dev.headroom.engine.telemetry.TelemetryRecorder;
import dev.headroom.engine.telemetry.TelemetrySink;
import dev.headroom.forecaster.history.HistorySource;
import dev.headroom.forecaster.history.InMemoryHistory;
import dev.headroom.forecaster.influx.InfluxHistory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The throttling engine without its HTTP skin: configured limits with per-key buckets on a coarse
 * clock, the policy loop that moves their rates, and telemetry into InfluxDB or memory. The
 * Vert.x layer calls {@link #check} from event-loop threads (lock-free); everything slow runs on
 * the engine's own threads: the telemetry timer and writer, and one policy thread.
 */
public final class Engine implements AutoCloseable {

  /**
   * Most keys the telemetry recorder attributes per interval, across limits: the sum of the limits'
   * {@code maxKeys} at start, at most this. Beyond it records are counted as untracked (in
   * {@code /metrics}); bounds memory under a key flood.
   */
  static final int TELEMETRY_MAX_KEYS = 20_000_000;
  private static final Duration POLICY_TICK = Duration.ofSeconds(1);
  /**
   * Quiet intervals a key is written as zeros for before its telemetry cell is dropped. Three, not
   * more: a million one-shot keys would otherwise hold a million cells (about 430 MB) for a minute;
   * the limit's total goes on counting every request, and later quiet intervals read as missing.
   */
  static final int QUIET_INTERVALS_KEPT = 3;
  /**
   * Without InfluxDB, history lives in memory at the telemetry interval: 48 bytes per interval per
   * key, so two days at 10 s is about 830 KB a key, for each limit's total and at most 64 keys
   * (about 55 MB); a key quiet for 30 intervals gives its place to another. Enough to try the
   * predictive loop, where every key follows its share of its limit's total; InfluxDB holds the rest.
   */
  static final Duration MEMORY_HISTORY_RETENTION = Duration.ofDays(2);
  static final int MEMORY_HISTORY_KEYS = 64;

  private record State(HeadroomConfig config, Matcher matcher, Map<String, LimitRuntime> limits) {}

  private volatile State state;
  private final CoarseClock clock;
  private final TelemetryRecorder recorder;
  private final TelemetrySink sink;
  private final HistorySource history;
  private final TelemetryPipeline pipeline;
  private final PolicyLoop loop;
  private final ScheduledExecutorService policyThread;

  private Engine(HeadroomConfig config, CoarseClock clock) {
    this.clock = clock;
    this.state = build(config, Map.of());
    this.recorder = new TelemetryRecorder(telemetryKeys(config));
    Duration interval = config.telemetry().interval();
    if (config.influx().isPresent()) {
      var endpoint = config.influx().get().endpoint();
      this.sink = new SpoolingInfluxSink(endpoint, config.telemetry().spoolPath(),
          SpoolingInfluxSink.Settings.defaults().withSpoolMaxBytes(config.telemetry().spoolMaxBytes()));
      this.history = new InfluxHistory(endpoint);
    } else {
      long slots = MEMORY_HISTORY_RETENTION.toMillis() / interval.toMillis();
      // Limits' totals (bare limit names) always keep their place: every key's shared forecast needs them.
      InMemoryHistory memory = new InMemoryHistory(interval, interval.multipliedBy(Math.max(1, slots)),
          MEMORY_HISTORY_KEYS, key -> key.indexOf('|') < 0);
      this.sink = new InMemorySink(memory);
      this.history = memory;
    }
    this.loop = new PolicyLoop(() -> state.limits(), () -> state.config().capacities(),
        new KeyForecasts(history), clock);
    this.pipeline = new TelemetryPipeline(new IntervalAggregator(recorder, interval, QUIET_INTERVALS_KEPT), sink, clock,
        loop::onInterval);
    this.policyThread = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("headroom-policy").factory());
  }

  /** Keys the telemetry recorder holds per interval: every limit's maxKeys, within {@link #TELEMETRY_MAX_KEYS}. */
  static int telemetryKeys(HeadroomConfig config) {
    long sum = config.limits().stream().mapToLong(LimitConfig::maxKeys).sum();
    return (int) Math.max(1, Math.min(TELEMETRY_MAX_KEYS, sum));
  }

  /** Starts the engine's threads; close it to stop them and flush telemetry. */
  public static Engine start(HeadroomConfig config) {
    Engine engine = new Engine(config, CoarseClock.start());
    engine.pipeline.start();
    engine.policyThread.scheduleWithFixedDelay(engine::tickSafely, POLICY_TICK.toMillis(),
        POLICY_TICK.toMillis(), TimeUnit.MILLISECONDS);
    return engine;
  }

  private void tickSafely() {
    try {
      loop.tick();
      for (LimitRuntime limit : state.limits().values()) {
        limit.evictIdle();
      }
    } catch (RuntimeException e) {
      // The loop must outlive any one bad tick; the cause is visible in the admin API's reasons.
      System.err.println("headroom: policy tick failed: " + e);
    }
  }

  private State build(HeadroomConfig config, Map<String, LimitRuntime> keep) {
    Map<String, LimitRuntime> limits = new LinkedHashMap<>();
    for (LimitConfig l : config.limits()) {
      LimitRuntime existing = keep.get(l.name());
      limits.put(l.name(), existing != null ? existing : new LimitRuntime(l, clock));
    }
    return new State(config, config.matcher(), java.util.Collections.unmodifiableMap(limits)); // config order
  }

  /**
   * Checks one request of {@code cost} against the first limit it matches and records it for
   * telemetry under its bucket key. Unmatched requests are allowed and not counted.
   */
  public CheckResult check(RequestView request, long cost) {
    State s = state;
    Optional<Match> match = s.matcher().match(request);
    if (match.isEmpty()) {
      return CheckResult.unmatched();
    }
    Match m = match.get();
    CheckResult r = s.limits().get(m.limit().name()).check(m.key(), cost, m.priority());
    recorder.record(m.key(), r.allowed());
    return r;
  }

  /**
   * Ends a request admitted by {@link #check}: a concurrency limit gets its slot back. Call it once
   * per admitted request (the gateway does when the response ends); other limits ignore it.
   */
  public void release(CheckResult admitted, long cost) {
    // A dry run's admission of a request the limit refused holds nothing to give back.
    if (!admitted.matched() || !admitted.allowed() || admitted.dryRun()) {
      return;
    }
    LimitRuntime limit = state.limits().get(admitted.limitName());
    if (limit != null) {
      limit.release(admitted.key(), cost);
    }
  }

  /**
   * The decision API's release: matches {@code request} as {@link #check} would and gives back
   * {@code cost} to its limit if it counts requests in flight. Returns the limit's name, or null
   * when no concurrency limit matched.
   */
  public String releaseFor(RequestView request, long cost) {
    Optional<Match> match = state.matcher().match(request);
    if (match.isEmpty()) {
      return null;
    }
    LimitRuntime limit = state.limits().get(match.get().limit().name());
    if (!(limit.config().algorithm() instanceof dev.headroom.engine.config.AlgorithmConfig.ConcurrencyParams)) {
      return null;
    }
    limit.release(match.get().key(), cost);
    return limit.config().name();
  }

  /**
   * Records the upstream latency of a request the gateway forwarded (for the reactive policy); the
   * request itself was counted by {@link #check}.
   */
  public void recordLatency(String key, long nanos) {
    recorder.latency(key, nanos);
  }

  /**
   * Applies a new configuration without losing bucket state: limits whose algorithm keeps its
   * type are reconfigured in place with their inheritance rule, new limits start empty, removed
   * ones are dropped, and a changed algorithm type starts afresh (reported).
   */
  public synchronized ReloadReport reload(HeadroomConfig next) {
    State before = state;
    if (before.config().admin().generated() && next.admin().generated()) {
      next = next.withAdmin(before.config().admin()); // a generated token is new on every load: keep the printed one
    }
    ConfigDiff diff = ConfigDiff.between(before.config(), next);
    List<String> needRestart = RestartSettings.changed(before.config(), next);
    if (!needRestart.isEmpty()) {
      throw new ReloadRefused("not applied: restart headroom to change " + String.join(", ", needRestart)
          + " (the telemetry writer, spool and history client are built at start), or undo "
          + (needRestart.size() == 1 ? "that" : "those") + " to reload the rest");
    }
    Map<String, LimitRuntime> keep = new LinkedHashMap<>();
    List<String> kept = new ArrayList<>();
    List<String> reset = new ArrayList<>();
    for (String name : diff.unchanged()) {
      keep.put(name, before.limits().get(name));
    }
    for (ConfigDiff.LimitChange change : diff.changed()) {
      LimitRuntime runtime = before.limits().get(change.before().name());
      if (change.kind() == ConfigDiff.Kind.RESET) {
        reset.add(change.after().name());
        continue;
      }
      if (change.kind() == ConfigDiff.Kind.RECONFIGURE) {
        runtime.reconfigureAll(change.after().toLimit(), change::reconfigure, change.rule());
      }
      runtime.update(change.after());
      keep.put(change.after().name(), runtime);
      kept.add(change.after().name());
    }
    state = build(next, keep);
    return new ReloadReport(diff.added().stream().map(LimitConfig::name).toList(),
        diff.removed().stream().map(LimitConfig::name).toList(), kept, reset, diff.restartRequired());
  }

  /**
   * A reload that cannot be applied while running (a change of InfluxDB or telemetry settings):
   * nothing was changed, and the message names what needs a restart.
   */
  public static final class ReloadRefused extends RuntimeException {
    ReloadRefused(String message) {
      super(message, null, false, false);
    }
  }

  /** What a reload did, for the admin API and the log. */
  public record ReloadReport(List<String> added, List<String> removed, List<String> keptState,
      List<String> resetState, boolean restartRequired) {}

  public HeadroomConfig config() {
    return state.config();
  }

  /**
   * One limit as the admin API and {@code /metrics} list it.
   *
   * @param keys            keys resident in the enforcing buckets (O(1) to read)
   * @param shadowKeys      keys resident in the shadow policy's buckets (0 without shadow mode)
   * @param shadowRejected  shadow mode: admitted, but the policy would have refused
   * @param shadowAdmitted  shadow mode: refused, but the policy would have admitted
   * @param dryRunRejected  dry run: admitted although the limit would have refused
   * @param keyCapacity     new keys refused because {@code maxKeys} busy keys were resident
   */
  public record LimitStatus(String name, String algorithm, String policy, double staticRatePerSecond,
      long burst, int keys, int maxKeys, int shadowKeys, boolean shadow, boolean dryRun, long allowed,
      long rejected, long shed, long shadowRejected, long shadowAdmitted, long dryRunRejected, long keyCapacity,
      List<PolicyLoop.KeyStatus> keyRates, PolicyLoop.LimitSummary loop, String loopProblem) {}

  public List<LimitStatus> limits() {
    List<LimitStatus> out = new ArrayList<>();
    for (LimitRuntime r : state.limits().values()) {
      LimitConfig c = r.config();
      out.add(new LimitStatus(c.name(), c.algorithm().type(), r.policy().name(), r.staticRate(),
          c.toLimit().limit(), r.registry().size(), r.registry().maxKeys(),
          r.shadowRegistry().map(LimiterRegistry::size).orElse(0), r.shadow(), c.dryRun(), r.allowed.sum(),
          r.rejected.sum(), r.shed.sum(), r.shadowRejected.sum(), r.shadowAdmitted.sum(), r.dryRunRejected.sum(),
          r.keyCapacity.sum(), loop.status(c.name(), AdminApi.KEYS_SHOWN), loop.summary(c.name()),
          loop.problem(c.name())));
    }
    return out;
  }

  /** The run-time state of limit {@code name}, or null; for tests in this package. */
  LimitRuntime runtime(String name) {
    return state.limits().get(name);
  }

  /**
   * Sets {@code ratePerSecond} on one limit (every key, or {@code key} only) until {@code ttl} passes.
   * Everything is validated before anything is stored: an override the buckets cannot take is
   * refused with an IllegalArgumentException and leaves no trace. {@code key} is the bucket key as
   * {@code GET /admin/limits} lists it ({@code api|k1}); without the {@code limit|} prefix the
   * prefix is added ({@code k1} means {@code api|k1}). Returns the bucket key used (null: every key).
   */
  public String override(String limit, String key, double ratePerSecond, Duration ttl) {
    LimitRuntime runtime = state.limits().get(limit);
    if (runtime == null) {
      throw new IllegalArgumentException("no limit named '" + limit + "'; limits: "
          + String.join(", ", state.limits().keySet()));
    }
    runtime.checkedRate(ratePerSecond); // throws for a rate the buckets could not take
    if (ttl == null || ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_OVERRIDE_TTL) > 0) {
      throw new IllegalArgumentException("ttl must be positive and at most 7d, got " + ttl);
    }
    String bucketKey = key == null ? null : bucketKey(limit, key);
    long until = clock.nanos() / 1_000_000L + ttl.toMillis();
    loop.override(new PolicyLoop.Override(limit, bucketKey, ratePerSecond, until));
    if (bucketKey != null) {
      try {
        runtime.registry().setRate(bucketKey, Rate.perSecond(ratePerSecond)); // creates the key: it applies from its first request
      } catch (IllegalStateException full) {
        // No room for the key now; the policy loop applies the stored override once the key exists.
      }
    } else {
      for (String k : runtime.registry().keys()) {
        runtime.applyOverrideRate(k, ratePerSecond);
      }
    }
    return bucketKey;
  }

  /** Longest an override may last: an override never lasts for ever. */
  static final Duration MAX_OVERRIDE_TTL = Duration.ofDays(7);

  /** {@code key} as a bucket key of {@code limit}: {@code limit|...} as given, else with that prefix added. */
  static String bucketKey(String limit, String key) {
    if (key.isEmpty()) {
      throw new IllegalArgumentException("key must not be empty (leave it out to override every key of the limit)");
    }
    return key.equals(limit) || key.startsWith(limit + "|") ? key : limit + "|" + key;
  }

  /** One key's policy state, or null when the loop holds none for it (its rate is the static one). */
  public PolicyLoop.KeyStatus keyStatus(String limit, String key) {
    return loop.status(limit, key);
  }

  public List<PolicyLoop.Override> overrides() {
    return loop.overrides();
  }

  /** Pauses the policies: every key goes back to its static rate until resumed. */
  public void pausePolicies(boolean pause) {
    loop.pause(pause);
  }

  public boolean policiesPaused() {
    return loop.paused();
  }

  public SinkCounters telemetryCounters() {
    return sink.counters();
  }

  public long untrackedTelemetry() {
    return recorder.untrackedRecords();
  }

  public Clock clock() {
    return clock;
  }

  /** Runs the policy loop now, on the caller's thread; for tests that drive time themselves. */
  void tickNow() {
    loop.tick();
  }

  @Override
  public void close() {
    policyThread.shutdownNow();
    pipeline.close();
    try {
      sink.close();
    } catch (Exception e) {
      System.err.println("headroom: closing telemetry: " + e.getMessage());
    }
    if (history instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing a client that already failed
      }
    }
    clock.close();
  }
}
