package dev.headroom.simulator.scenario;

import dev.headroom.forecaster.series.RateSeries;
import dev.headroom.simulator.workload.Arrivals;
import dev.headroom.simulator.workload.FlashCrowd;
import dev.headroom.simulator.workload.Flood;
import dev.headroom.simulator.workload.FloodInjection;
import dev.headroom.simulator.workload.Spread;
import dev.headroom.simulator.workload.Workload;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * What one experiment replays: the arrivals of the simulated window, and each key's demand before
 * that window, which is all a forecasting policy may learn from (no peeking: the window's own
 * demand reaches a policy only step by step, as it happens).
 *
 * <p>Built from per-key count series (every trace format reads as one: per-second counts for
 * request traces) so that what-if transforms apply to history and window alike. Only the window is
 * expanded into arrivals; the history stays as counts, so weeks of history cost nothing to hold.
 *
 * @param name     what was replayed, for report titles
 * @param keys     key (tenant) names; arrival key ids index this list
 * @param history  per key, counts at {@code historyStep} before the window (may be empty)
 * @param arrivals the window's arrivals, in time order
 * @param startNanos window start, epoch nanoseconds
 * @param endNanos   window end (exclusive)
 * @param busyPerSecond the window's busy-minute demand as the trace recorded it: the 99th
 *                   percentile of per-minute demand (per step for steps over a minute), before
 *                   {@code --scale}, flash crowds and floods (after {@code --thin}). Systems are sized from
 *                   it, so a what-if changes the traffic, not the system it meets.
 * @param floods   the floods laid over the window (abusive arrivals), as laid; empty for none
 */
public record SimInput(String name, List<String> keys, List<RateSeries> history, Arrivals arrivals,
    long startNanos, long endNanos, double busyPerSecond, List<FloodInjection.Laid> floods) {

  public SimInput(String name, List<String> keys, List<RateSeries> history, Arrivals arrivals, long startNanos,
      long endNanos, double busyPerSecond) {
    this(name, keys, history, arrivals, startNanos, endNanos, busyPerSecond, List.of());
  }

  public SimInput {
    floods = List.copyOf(floods);
    keys = List.copyOf(keys);
    history = List.copyOf(history);
    if (keys.isEmpty() || keys.size() != history.size()) {
      throw new IllegalArgumentException("simulation input: need one history per key, got " + keys.size()
          + " keys and " + history.size() + " histories");
    }
    if (!(busyPerSecond > 0) || Double.isInfinite(busyPerSecond)) {
      throw new IllegalArgumentException("simulation input: busy-minute demand must be positive, got " + busyPerSecond);
    }
    if (endNanos <= startNanos) {
      throw new IllegalArgumentException("simulation input: the window is empty (" + startNanos + " to "
          + endNanos + " ns)");
    }
  }

  public Duration window() {
    return Duration.ofNanos(endNanos - startNanos);
  }

  public Instant start() {
    return Instant.ofEpochSecond(0, startNanos);
  }

  /**
   * How a set of per-key count series becomes an input: which part is simulated, how counts become
   * arrivals, and what-if changes.
   *
   * @param window     how much of the end of the series to simulate; null for all of it
   * @param maxHistory most history kept before the window (older is dropped); null for all
   * @param spread     how an interval's count is placed within it
   * @param scale      traffic multiplier, applied to history and arrivals alike (what-if: the system
   *                   is still sized from the traffic as recorded)
   * @param thin       traffic multiplier that the system is sized after too: the same situation in
   *                   miniature, for traces too big to replay whole
   * @param crowds     flash crowds laid over the window's arrivals only: unforeseeable by design,
   *                   and legitimate
   * @param floods     abusive floods laid over the window's arrivals ({@link FloodInjection})
   * @param scheduleFloods with no {@code floods} given, lay a seeded schedule of them
   *                   ({@link FloodInjection#schedule}): about one per key per day of window
   * @param seed       seed of the expansion
   */
  public record Plan(Duration window, Duration maxHistory, Spread spread, double scale, double thin,
      List<FlashCrowd> crowds, List<Flood> floods, boolean scheduleFloods, long seed) {

    public Plan(Duration window, Duration maxHistory, Spread spread, double scale, double thin,
        List<FlashCrowd> crowds, long seed) {
      this(window, maxHistory, spread, scale, thin, crowds, List.of(), false, seed);
    }

    public Plan {
      if (!(scale > 0) || Double.isInfinite(scale)) {
        throw new IllegalArgumentException("scale must be positive and finite, got " + scale);
      }
      if (!(thin > 0) || Double.isInfinite(thin)) {
        throw new IllegalArgumentException("thinning must be positive and finite, got " + thin);
      }
      if (window != null && (window.isNegative() || window.isZero())) {
        throw new IllegalArgumentException("window must be positive, got " + window);
      }
      crowds = List.copyOf(crowds);
      floods = List.copyOf(floods);
    }

    public static Plan whole() {
      return new Plan(null, Duration.ofDays(28), Spread.POISSON, 1, 1, List.of(), 1);
    }

    public Plan withWindow(Duration w) {
      return new Plan(w, maxHistory, spread, scale, thin, crowds, floods, scheduleFloods, seed);
    }

    public Plan withScale(double s) {
      return new Plan(window, maxHistory, spread, s, thin, crowds, floods, scheduleFloods, seed);
    }

    public Plan withThin(double t) {
      return new Plan(window, maxHistory, spread, scale, t, crowds, floods, scheduleFloods, seed);
    }

    /** Traffic as replayed, relative to the trace: the what-if scale times the thinning. */
    public double trafficFactor() {
      return scale * thin;
    }

    public Plan withCrowds(List<FlashCrowd> c) {
      return new Plan(window, maxHistory, spread, scale, thin, c, floods, scheduleFloods, seed);
    }

    /** Floods laid as given; with none, a seeded schedule when {@code schedule}. */
    public Plan withFloods(List<Flood> f, boolean schedule) {
      return new Plan(window, maxHistory, spread, scale, thin, crowds, f, schedule, seed);
    }

    public Plan withSpread(Spread s) {
      return new Plan(window, maxHistory, s, scale, thin, crowds, floods, scheduleFloods, seed);
    }

    public Plan withSeed(long s) {
      return new Plan(window, maxHistory, spread, scale, thin, crowds, floods, scheduleFloods, s);
    }
  }

  /**
   * The input for {@code series} (key name to counts, all on one step) under {@code plan}. The
   * window is the last {@code plan.window()} of the longest series, aligned to its step.
   */
  public static SimInput of(String name, SequencedMap<String, RateSeries> series, Plan plan) {
    if (series.isEmpty()) {
      throw new IllegalArgumentException(name + ": no series to simulate");
    }
    long step = series.firstEntry().getValue().stepMillis();
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (var e : series.entrySet()) {
      RateSeries s = e.getValue();
      if (s.stepMillis() != step) {
        throw new IllegalArgumentException(name + ": key " + e.getKey() + " has a step of " + s.stepMillis()
            + " ms, the others " + step + " ms");
      }
      if (s.size() > 0) {
        first = Math.min(first, s.startMillis());
        last = Math.max(last, s.endMillis());
      }
    }
    if (first == Long.MAX_VALUE) {
      throw new IllegalArgumentException(name + ": every series is empty");
    }
    long windowStart = first;
    if (plan.window() != null) {
      long w = Math.ceilDiv(plan.window().toMillis(), step) * step;
      if (w < last - first) {
        windowStart = last - w;
      }
    }
    long historyStart = plan.maxHistory() == null ? first : Math.max(first, windowStart
        - Math.ceilDiv(plan.maxHistory().toMillis(), step) * step);

    List<String> keys = new ArrayList<>(series.sequencedKeySet());
    List<RateSeries> history = new ArrayList<>();
    List<RateSeries> windows = new ArrayList<>();
    SequencedMap<String, Workload> parts = new LinkedHashMap<>();
    for (var e : series.entrySet()) {
      RateSeries s = scaled(e.getValue(), plan.trafficFactor());
      history.add(between(s, historyStart, windowStart));
      windows.add(between(s, windowStart, last));
      parts.put(e.getKey(), Workload.of(windows.getLast(), plan.spread()));
    }
    requireFits(name, series, windowStart, last, plan);
    Workload w = parts.size() == 1 ? parts.firstEntry().getValue() : Workload.mix(parts);
    for (FlashCrowd crowd : plan.crowds()) {
      w = w.flashCrowd(crowd);
    }
    Arrivals arrivals = w.collect(plan.seed());
    List<FloodInjection.Laid> laid = List.of();
    if (!plan.floods().isEmpty() || plan.scheduleFloods()) {
      FloodInjection floods = new FloodInjection(keys, windows, windowStart, last);
      List<Flood> asked = plan.floods();
      if (asked.isEmpty()) {
        asked = floods.schedule(scheduledFloods(keys.size(), last - windowStart), plan.seed());
      }
      FloodInjection.Injected injected = floods.inject(arrivals, asked, plan.seed());
      arrivals = injected.arrivals();
      laid = injected.floods();
    }
    return new SimInput(name, keys, history, arrivals, windowStart * 1_000_000L, last * 1_000_000L,
        busyPerSecond(series, windowStart, last) * plan.thin(), laid);
  }

  /** Floods a seeded schedule lays: about one per key per day of window, at least two (a peak and a trough). */
  static int scheduledFloods(int keys, long windowMillis) {
    return (int) Math.max(2, Math.round(keys * windowMillis / 86_400_000.0));
  }

  /**
   * Arrivals are held in memory (12 bytes each, plus room to grow): a window too large for the heap
   * is refused up front with what to do, rather than failing minutes later out of memory.
   */
  private static void requireFits(String name, SequencedMap<String, RateSeries> series, long from, long to,
      Plan plan) {
    double expected = 0;
    for (RateSeries s : series.values()) {
      RateSeries w = between(s, from, to);
      for (int i = 0; i < w.size(); i++) {
        if (!w.isMissing(i)) {
          expected += w.value(i);
        }
      }
    }
    double crowd = plan.crowds().stream().mapToDouble(FlashCrowd::maxFactor).max().orElse(1);
    expected *= plan.trafficFactor() * Math.max(1, crowd);
    long fits = Runtime.getRuntime().maxMemory() / 32;
    if (expected > fits) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "%s: the window holds about %,.0f requests, more than the %,d this heap can hold; simulate a shorter "
              + "--window, thin the traffic and the system alike with --thin, or give the JVM more memory "
              + "(HEADROOM_JAVA_OPTS=-Xmx...)", name, expected, fits));
    }
  }

  /**
   * The 99th percentile over the window of all keys' demand per minute (per step when steps are
   * longer), in requests per second; at least one request a minute, so an idle trace still sizes a
   * system.
   */
  static double busyPerSecond(SequencedMap<String, RateSeries> series, long fromMillis, long toMillis) {
    long bin = Math.max(60_000L, series.firstEntry().getValue().stepMillis());
    java.util.Map<Long, Double> totals = new java.util.HashMap<>();
    for (RateSeries s : series.values()) {
      RateSeries w = between(s, fromMillis, toMillis);
      for (int i = 0; i < w.size(); i++) {
        if (!w.isMissing(i)) {
          totals.merge(Math.floorDiv(w.timeMillis(i), bin), w.value(i), Double::sum);
        }
      }
    }
    double[] perBin = totals.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double p99 = perBin.length == 0 ? 0 : perBin[(int) Math.min(perBin.length - 1, Math.floor(0.99 * perBin.length))];
    return Math.max(p99 * 1000.0 / bin, 1.0 / 60);
  }

  /** One key's input. */
  public static SimInput of(String name, String key, RateSeries series, Plan plan) {
    SequencedMap<String, RateSeries> one = new LinkedHashMap<>();
    one.put(key, series);
    return of(name, one, plan);
  }

  /** The part of {@code s} in [fromMillis, toMillis), as whole steps; missing steps outside it. */
  static RateSeries between(RateSeries s, long fromMillis, long toMillis) {
    long step = s.stepMillis();
    int from = (int) Math.max(0, Math.min(s.size(), Math.floorDiv(fromMillis - s.startMillis(), step)));
    int to = (int) Math.max(from, Math.min(s.size(), Math.floorDiv(toMillis - s.startMillis(), step)));
    if (from == to) {
      return RateSeries.ofMillis(fromMillis, step, new double[0]);
    }
    return s.slice(from, to);
  }

  private static RateSeries scaled(RateSeries s, double factor) {
    if (factor == 1) {
      return s;
    }
    double[] v = s.values();
    for (int i = 0; i < v.length; i++) {
      v[i] *= factor;
    }
    return RateSeries.ofMillis(s.startMillis(), s.stepMillis(), v);
  }
}
