package dev.headroom.simulator.scenario;

import dev.headroom.engine.limiter.CalendarQuota;
import dev.headroom.engine.limiter.Decision;
import dev.headroom.engine.limiter.PackedLimiter;
import dev.headroom.engine.limiter.Rate;
import dev.headroom.engine.limiter.TokenBucket;
import dev.headroom.engine.policy.ForecastView;
import dev.headroom.engine.policy.Interval;
import dev.headroom.engine.config.PolicyConfig;
import dev.headroom.engine.policy.KeyHierarchy;
import dev.headroom.engine.policy.KeyPolicyState;
import dev.headroom.engine.policy.LimitStep;
import dev.headroom.engine.policy.Quantile;
import dev.headroom.engine.policy.RateDecision;
import dev.headroom.simulator.event.Process;
import dev.headroom.simulator.event.RandomSource;
import dev.headroom.simulator.event.Simulation;
import dev.headroom.simulator.model.Backend;
import dev.headroom.simulator.model.BackendListener;
import dev.headroom.simulator.model.Client;
import dev.headroom.simulator.report.KeyRecorder;
import dev.headroom.simulator.report.PolicyMetrics;
import dev.headroom.simulator.report.PolicyResult;
import dev.headroom.simulator.workload.Arrivals;
import java.time.ZoneOffset;
import java.util.function.LongConsumer;

/**
 * One policy over one input: the trace's arrivals meet the engine's own token buckets (one per key,
 * on the simulation's virtual clock) whose rates the engine's own policy objects set at every tick
 * through {@link KeyPolicyState}, exactly as the service's policy loop does; admitted requests go to
 * the {@link Backend} model (or, in the quota scenario, to a pacer and a provider); rejected ones
 * come back as {@link Client} retries that honour Retry-After. Everything is counted in
 * {@link PolicyMetrics}.
 *
 * <p>Single-threaded and deterministic for a given input and setup. The hot path (one arrival)
 * allocates nothing but a rejected request's decision: request ids pack key and attempt, and
 * per-key counters are arrays.
 */
public final class Replay implements Process, BackendListener {

  /**
   * Sees each policy tick: what every key's interval was and the rate decided for it. For tests
   * that run the same traffic through the service's loop and compare decisions.
   */
  public interface TickListener {
    /** {@code intervals} and {@code rates} are indexed by key; the listener may keep them. */
    void onTick(long nowMillis, Interval[] intervals, double[] rates);
  }

  private static final int ARRIVE = 0;
  private static final int RETRY = 1;
  private static final int TICK = 2;
  private static final int SAMPLE = 3;
  private static final int BUCKET = 4;
  private static final int WAKE = 5;
  private static final int WINDOW = 6;
  private static final long NANOS_PER_MILLI = 1_000_000L;

  private final SimInput input;
  private final Setup setup;
  private final PolicyPlan plan;
  private final Simulation sim;
  private final int id;
  private final Arrivals arrivals;
  private final Backend backend;
  private final PackedLimiter[] buckets;
  private final KeyPolicyState[] states;
  private final LimitStep step;
  private final KeyHierarchy<Integer> hierarchy = new KeyHierarchy<>(PolicyConfig.DEFAULT_MODELS);
  private final double[] expected; // each key's expected demand at the last tick, NaN before
  private final double[] rates;
  private final long[] bursts;
  private final Client client;
  private final PolicyMetrics metrics;
  private final KeyRecorder keySeries; // the report's per-key picture, for a few keys
  private final long[][] tenants; // each key's counters in the metrics
  private final long endNanos;
  private final long sampleNanos;
  private final long bucketNanos;
  private final LongConsumer progress;
  private final TickListener listener; // null: nobody listens

  // Per-key counts of the current tick, for the policy's Interval.
  private final long[] offered;
  private final long[] admitted;
  private final long[] rejected;
  private final long[] errors;
  private final long[] pushBacks;
  private final TickLatency tickLatency = new TickLatency();
  private long tickStart;
  private int overloadSamples;
  private long lastBucketClose;

  // Quota scenario: a shared provider quota, per-key wait queues, and the provider's per-second count.
  private final PackedLimiter quota;
  private final WaitQueue[] waiting;
  private final long[] wakeAt;
  private long windowUsed;
  private long windowDropped;
  private long providerSecond = Long.MIN_VALUE;
  private long providerCalls;
  private long pushBackSecond = Long.MIN_VALUE;
  private long pushBackSeconds;

  private Replay(SimInput input, Setup setup, PolicyPlan plan, int[] tracked, LongConsumer progress,
      TickListener listener) {
    this.listener = listener;
    this.input = input;
    this.setup = setup;
    this.plan = plan;
    this.progress = progress;
    this.arrivals = input.arrivals();
    this.sim = Simulation.startingAt(input.startNanos());
    this.id = sim.register(this);
    this.endNanos = input.endNanos();
    RandomSource random = new RandomSource(setup.seed());
    int keys = input.keys().size();
    this.client = new Client(setup.retry(), random.split());
    this.metrics = new PolicyMetrics(plan.name(), bucketSeconds(input), setup.objectiveNanos());
    this.bucketNanos = Math.round(bucketSeconds(input) * 1e9);
    this.keySeries = new KeyRecorder(input.keys(), tracked,
        (int) Math.min(1 << 20, Math.ceilDiv(input.endNanos() - input.startNanos(), bucketNanos)));
    this.tenants = new long[keys][];
    for (int k = 0; k < keys; k++) {
      tenants[k] = metrics.tenantCounters(input.keys().get(k));
    }
    this.sampleNanos = Math.clamp(setup.objectiveNanos(), 1_000_000_000L, 10_000_000_000L);
    this.offered = new long[keys];
    this.admitted = new long[keys];
    this.rejected = new long[keys];
    this.errors = new long[keys];
    this.pushBacks = new long[keys];
    this.rates = new double[keys];
    this.bursts = new long[keys];
    this.states = new KeyPolicyState[keys];
    this.expected = new double[keys];
    java.util.Arrays.fill(expected, Double.NaN);
    for (int k = 0; k < keys; k++) {
      rates[k] = plan.staticRate(k);
      states[k] = new KeyPolicyState(rates[k]);
    }
    // Tenants lend each other rate within the capacity, not the static limits' total: the tuned static
    // limits commit more than the capacity (they rarely bind at once), while rates moved to where
    // demand is do bind together. Elsewhere each key is capped on its own.
    this.step = new LimitStep(plan.stepSettings(setup.capacityPerSecond()));
    boolean quotaScenario = setup.scenario() == Scenario.QUOTA;
    if (plan.sharedBucket()) {
      // One global limit: every key's requests draw from the same bucket.
      double total = 0;
      for (double r : rates) {
        total += r;
      }
      PackedLimiter one = TokenBucket.of(Rate.perSecond(total), burstFor(total)).limiter(sim.clock());
      buckets = new PackedLimiter[keys];
      java.util.Arrays.fill(buckets, one);
    } else if (plan.limited() || quotaScenario) {
      buckets = new PackedLimiter[keys];
      for (int k = 0; k < keys; k++) {
        bursts[k] = burstFor(plan.limited() ? rates[k] : Double.MAX_VALUE / 4);
        double r = plan.limited() ? rates[k] : 1e8; // unpaced: far above any quota
        buckets[k] = TokenBucket.of(Rate.perSecond(r), bursts[k]).limiter(sim.clock());
      }
    } else {
      buckets = null;
    }
    if (quotaScenario) {
      backend = null;
      quota = CalendarQuota.of(setup.quota(), CalendarQuota.Window.MINUTE, ZoneOffset.UTC).limiter(sim.clock());
      waiting = new WaitQueue[keys];
      wakeAt = new long[keys];
      for (int k = 0; k < keys; k++) {
        waiting[k] = new WaitQueue();
        wakeAt[k] = Long.MAX_VALUE;
      }
    } else {
      quota = null;
      waiting = null;
      wakeAt = null;
      backend = Backend.builder(sim, random.split())
          .workers(setup.workers())
          .serviceTime(setup.serviceTime())
          .queueLimit(setup.queueLimit())
          .timeoutNanos(setup.timeoutNanos())
          .autoscaler(setup.autoscaler())
          .listener(this)
          .build();
    }
  }

  /** Runs {@code plan} over {@code input} in {@code setup}'s system. */
  public static PolicyResult run(SimInput input, Setup setup, PolicyPlan plan) {
    return run(input, setup, plan, n -> { });
  }

  /**
   * As {@link #run(SimInput, Setup, PolicyPlan)}, telling {@code progress} every so often how many
   * fresh arrivals have been handled since it last heard.
   */
  public static PolicyResult run(SimInput input, Setup setup, PolicyPlan plan, LongConsumer progress) {
    return run(input, setup, plan, ReportKeys.choose(input, null), progress);
  }

  /** As {@link #run(SimInput, Setup, PolicyPlan)}, telling {@code listener} about every policy tick. */
  public static PolicyResult run(SimInput input, Setup setup, PolicyPlan plan, TickListener listener) {
    return new Replay(input, setup, plan, ReportKeys.choose(input, null), n -> { }, listener).simulate();
  }

  /** As {@link #run(SimInput, Setup, PolicyPlan, LongConsumer)}, recording the {@code tracked} keys for the report. */
  public static PolicyResult run(SimInput input, Setup setup, PolicyPlan plan, int[] tracked, LongConsumer progress) {
    return new Replay(input, setup, plan, tracked, progress, null).simulate();
  }

  /** Series buckets: a minute, or longer so that a long window has at most about 2,000. */
  static double bucketSeconds(SimInput input) {
    double seconds = input.window().toSeconds();
    return 60 * Math.max(1, Math.ceil(seconds / 2000 / 60));
  }

  private PolicyResult simulate() {
    long start = input.startNanos();
    tickStart = start;
    lastBucketClose = start;
    if (arrivals.size() > 0) {
      sim.schedule(arrivals.time(0), id, ARRIVE, 0);
    }
    if (plan.adaptive()) {
      sim.schedule(start + setup.refreshNanos(), id, TICK, 0);
      if (setup.autoscaler() != null && plan.forecasts() != null) {
        reserveAhead(start / NANOS_PER_MILLI);
      }
    }
    if (backend != null) {
      sim.schedule(start + sampleNanos, id, SAMPLE, 0);
    } else {
      long window = setup.quotaWindow().toNanos();
      sim.schedule((Math.floorDiv(start, window) + 1) * window, id, WINDOW, 0);
    }
    sim.schedule(start + bucketNanos, id, BUCKET, 0);
    sim.runUntil(endNanos);
    progress.accept(arrivals.size() & 0xFFFF); // what the every-65,536 reports left over
    if (sim.now() > lastBucketClose) {
      closeBucket();
    }
    metrics.keySeries(keySeries.result());
    return metrics.result();
  }

  @Override
  public void onEvent(int type, long payload) {
    switch (type) {
      case ARRIVE -> {
        int i = (int) payload;
        arrive(arrivals.keyId(i), 1, arrivals.abusive(i));
        if (i + 1 < arrivals.size()) {
          sim.schedule(arrivals.time(i + 1), id, ARRIVE, i + 1);
        }
        if ((i & 0xFFFF) == 0xFFFF) {
          progress.accept(0x10000);
          if (Thread.currentThread().isInterrupted()) { // the comparison failed elsewhere, or was cancelled
            throw new IllegalStateException(plan.name() + ": replay interrupted");
          }
        }
      }
      case RETRY -> {
        metrics.retried();
        arrive(keyOf(payload), attemptOf(payload), abusiveOf(payload));
      }
      case TICK -> {
        tick();
        if (sim.now() + setup.refreshNanos() < endNanos) { // a decision at the window's end would govern nothing
          sim.scheduleIn(setup.refreshNanos(), id, TICK, 0);
        }
      }
      case SAMPLE -> {
        if (overloaded()) {
          overloadSamples++;
        }
        sim.scheduleIn(sampleNanos, id, SAMPLE, 0);
      }
      case BUCKET -> {
        closeBucket();
        sim.scheduleIn(bucketNanos, id, BUCKET, 0);
      }
      case WAKE -> {
        int key = (int) payload;
        wakeAt[key] = Long.MAX_VALUE;
        drain(key);
      }
      case WINDOW -> {
        endQuotaWindow();
        sim.scheduleIn(setup.quotaWindow().toNanos(), id, WINDOW, 0);
      }
      default -> throw new IllegalArgumentException("replay: unknown event type " + type);
    }
  }

  // ---- requests ----

  /** A request (attempt {@code attempt}, labelled {@code abusive} or legitimate) reaches key's limiter. */
  private void arrive(int key, int attempt, boolean abusive) {
    offered[key]++;
    keySeries.offered(key, abusive);
    if (waiting != null) {
      waiting[key].add(attempt, sim.now()); // the quota scenario carries no labels
      drain(key);
      return;
    }
    if (buckets == null || buckets[key].tryAcquire(1)) {
      admitted[key]++;
      metrics.admittedFor(tenants[key], abusive);
      backend.submit(pack(key, attempt, abusive));
    } else {
      rejected[key]++;
      metrics.rejectedFor(tenants[key], backend.idleWorkers() > 0, abusive);
      Decision d = buckets[key].peek(1);
      retryLater(key, attempt, abusive, d.retryAfterNanos());
    }
  }

  private void retryLater(int key, int attempt, long retryAfterNanos) {
    retryLater(key, attempt, false, retryAfterNanos);
  }

  /** The client retries, if it will, as the same request: the retry keeps its label. */
  private void retryLater(int key, int attempt, boolean abusive, long retryAfterNanos) {
    long at = client.rejected(attempt, sim.now(), retryAfterNanos > 0 ? retryAfterNanos : Client.NO_RETRY_AFTER);
    if (at != Client.GIVE_UP && at < endNanos) {
      sim.schedule(at, id, RETRY, pack(key, attempt + 1, abusive));
    }
  }

  @Override
  public void completed(long requestId, long latencyNanos) {
    metrics.completedFor(tenants[keyOf(requestId)], latencyNanos, abusiveOf(requestId));
    tickLatency.record(latencyNanos);
  }

  @Override
  public void rejected(long requestId) {
    failed(requestId);
  }

  @Override
  public void timedOut(long requestId, long waitedNanos) {
    tickLatency.record(waitedNanos);
    failed(requestId);
  }

  private void failed(long requestId) {
    int key = keyOf(requestId);
    errors[key]++;
    retryLater(key, attemptOf(requestId), abusiveOf(requestId), 0);
  }

  /** A request id: key, label (bit 8) and attempt (bits 0-7) packed into one long. */
  private static long pack(int key, int attempt, boolean abusive) {
    return ((long) key << 9) | (abusive ? 0x100 : 0) | attempt;
  }

  private static int keyOf(long payload) {
    return (int) (payload >>> 9);
  }

  private static boolean abusiveOf(long payload) {
    return (payload & 0x100) != 0;
  }

  private static int attemptOf(long payload) {
    return (int) (payload & 0xFF);
  }

  // ---- quota scenario: pacer and provider ----

  /**
   * Sends key's waiting calls while its pacing bucket and the shared quota both allow, oldest
   * first; drops those that waited past the maximum; sleeps until the earlier of the next token
   * and the head's deadline.
   */
  private void drain(int key) {
    WaitQueue q = waiting[key];
    long now = sim.now();
    while (!q.isEmpty()) {
      if (now - q.headArrivedAt() >= setup.maxWaitNanos()) {
        int attempt = q.headAttempt();
        q.remove();
        rejected[key]++;
        windowDropped++;
        metrics.rejectedFor(tenants[key], false);
        retryLater(key, attempt, 0);
        continue;
      }
      long wait = untilAllowed(key);
      if (wait > 0) {
        long at = Math.min(now + wait, q.headArrivedAt() + setup.maxWaitNanos());
        if (at < wakeAt[key]) {
          wakeAt[key] = at;
          sim.schedule(at, id, WAKE, key);
        }
        return;
      }
      int attempt = q.headAttempt();
      long waited = now - q.headArrivedAt();
      q.remove();
      send(key, attempt, waited);
    }
  }

  /** 0 when both the key's pacing bucket and the quota admit a call now (and it is taken); else how long to wait. */
  private long untilAllowed(int key) {
    Decision quotaNow = quota.peek(1);
    if (!quotaNow.allowed()) {
      return Math.max(1, quotaNow.retryAfterNanos());
    }
    if (!buckets[key].tryAcquire(1)) {
      return Math.max(1, buckets[key].peek(1).retryAfterNanos());
    }
    quota.tryAcquire(1);
    windowUsed++;
    return 0;
  }

  /** The provider answers 429 (Retry-After: 1 s) to calls beyond its ceiling in a calendar second. */
  private void send(int key, int attempt, long waitedNanos) {
    admitted[key]++;
    metrics.admittedFor(tenants[key]);
    long second = Math.floorDiv(sim.now(), 1_000_000_000L);
    if (second != providerSecond) {
      providerSecond = second;
      providerCalls = 0;
    }
    if (++providerCalls > setup.providerCeiling()) {
      pushBacks[key]++;
      if (second != pushBackSecond) {
        pushBackSecond = second;
        pushBackSeconds++;
      }
      retryLater(key, attempt, 1_000_000_000L);
      return;
    }
    long latency = waitedNanos + setup.providerLatencyNanos();
    metrics.completed(latency);
    tickLatency.record(latency);
  }

  /** A quota window ended: unused quota makes the window's drops avoidable, up to the amount unused. */
  private void endQuotaWindow() {
    long unused = Math.max(0, setup.quota() - windowUsed);
    metrics.quotaWindowEnded(unused, windowUsed >= setup.quota());
    metrics.avoidable(Math.min(unused, windowDropped));
    windowUsed = 0;
    windowDropped = 0;
  }

  // ---- policy ----

  /**
   * One policy tick for every key: the engine's {@link LimitStep}, exactly as the service's policy
   * loop runs it (each key's policy, then lending between tenants, then surprise shedding).
   */
  private void tick() {
    long now = sim.now();
    long nowMillis = now / NANOS_PER_MILLI;
    long length = (now - tickStart) / NANOS_PER_MILLI;
    double p50 = tickLatency.quantileMillis(0.5);
    double p99 = tickLatency.quantileMillis(0.99);
    long lookAhead = setup.refreshNanos() / NANOS_PER_MILLI + setup.lead().toMillis();
    LimitStep.KeyTick[] keys = new LimitStep.KeyTick[states.length];
    Interval[] intervals = new Interval[states.length];
    for (int k = 0; k < states.length; k++) {
      intervals[k] = new Interval(tickStart / NANOS_PER_MILLI, length, offered[k], admitted[k], rejected[k],
          p50, p99, errors[k], pushBacks[k]);
      hierarchy.seen(k, intervals[k].requestsPerSecond(), expected[k]);
    }
    hierarchy.endTick();
    DemandForecasts f = plan.forecasts();
    ForecastView total = f == null ? null : f.total(nowMillis);
    keySeries.sawTotal(total);
    long until = nowMillis + lookAhead + setup.refreshNanos() / NANOS_PER_MILLI;
    for (int k = 0; k < states.length; k++) {
      // The key's own model once it has earned one, else its share of the total: as the service.
      ForecastView view = f == null ? null
          : hierarchy.view(k, hierarchy.modelled(k) ? f.at(k, nowMillis) : null, total, nowMillis, until);
      keySeries.saw(k, view);
      keys[k] = new LimitStep.KeyTick(states[k], plan.policy(k), plan.staticRate(k), intervals[k], view);
    }
    LimitStep.Outcome outcome = step.tick(nowMillis, lookAhead, keys);
    System.arraycopy(outcome.expectedPerSecond(), 0, expected, 0, expected.length);
    for (int k = 0; k < states.length; k++) {
      RateDecision d = outcome.decisions()[k];
      metrics.decided(d.fallback(), d.reason());
      if (outcome.shed()[k]) {
        metrics.shed();
      }
      rates[k] = outcome.rates()[k];
      applyRate(k, rates[k]);
    }
    if (listener != null) {
      listener.onTick(nowMillis, intervals, outcome.rates().clone());
    }
    if (setup.autoscaler() != null && plan.forecasts() != null) {
      reserveAhead(nowMillis);
    }
    java.util.Arrays.fill(offered, 0);
    java.util.Arrays.fill(admitted, 0);
    java.util.Arrays.fill(rejected, 0);
    java.util.Arrays.fill(errors, 0);
    java.util.Arrays.fill(pushBacks, 0);
    tickLatency.clear();
    tickStart = now;
  }

  /**
   * Puts {@code rate} in force for {@code key}. A tenant that lends rate keeps its static depth:
   * what it lends is sustained capacity, and a short burst of its own costs the borrower little.
   */
  private void applyRate(int key, double rate) {
    double r = Math.max(rate, 1e-3);
    buckets[key].setRate(Rate.perSecond(r));
    long burst = burstFor(plan.lending() ? Math.max(r, plan.staticRate(key)) : r);
    if (burst != bursts[key]) {
      buckets[key].setBurst(burst);
      bursts[key] = burst;
    }
  }

  private long burstFor(double rate) {
    return Math.max(1, Math.min(CalendarQuota.MAX_QUOTA, Math.round(rate * setup.burstSeconds())));
  }

  /**
   * Predictive scaling for the elastic backend: workers for the forecast peak over the provisioning
   * delay plus a tick, at the autoscaler's target utilisation, asked for now so they arrive in time.
   */
  private void reserveAhead(long nowMillis) {
    long horizon = setup.autoscaler().provisioningDelayNanos() / NANOS_PER_MILLI + setup.refreshNanos() / NANOS_PER_MILLI;
    double demand = 0;
    for (int k = 0; k < states.length; k++) {
      ForecastView f = plan.forecasts().at(k, nowMillis);
      double peak = f == null || f.fallback() ? Double.NaN : f.peakPerSecond(Quantile.P90, nowMillis, nowMillis + horizon);
      if (!Double.isFinite(peak)) {
        backend.reserve(0); // no usable forecast: drop any floor, leave scaling to the autoscaler
        return;
      }
      demand += peak;
    }
    double perWorker = setup.ratePerWorker() * setup.autoscaler().targetUtilisation();
    backend.reserve((int) Math.ceil(demand / perWorker));
  }

  // ---- measurements ----

  /** The backend's queue would take longer than the objective to clear at its current capacity. */
  private boolean overloaded() {
    int queued = backend.queued();
    if (queued == 0) {
      return false;
    }
    double capacity = backend.workers() * setup.ratePerWorker();
    return capacity == 0 || queued / capacity > setup.objectiveNanos() / 1e9;
  }

  private void closeBucket() {
    long now = sim.now();
    double seconds = (now - lastBucketClose) / 1e9;
    double overloadSeconds;
    double queue;
    if (backend != null) {
      overloadSeconds = Math.min(seconds, overloadSamples * (sampleNanos / 1e9));
      queue = backend.queued();
    } else {
      overloadSeconds = Math.min(seconds, pushBackSeconds);
      queue = 0;
      for (WaitQueue q : waiting) {
        queue += q.size();
      }
    }
    double limit = Double.NaN;
    if (plan.limited()) {
      limit = 0;
      for (double r : rates) {
        limit += r;
      }
    }
    metrics.closeBucket(limit, queue, Math.min(overloadSeconds, metrics.bucketSeconds()));
    // One global bucket has no per-key limit: its keys show none, the total shows the global rate.
    keySeries.closeBucket(lastBucketClose / NANOS_PER_MILLI, now / NANOS_PER_MILLI,
        plan.limited() && !plan.sharedBucket() ? rates : null, limit);
    overloadSamples = 0;
    pushBackSeconds = 0;
    lastBucketClose = now;
  }
}
