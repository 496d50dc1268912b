package dev.headroom.engine.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which forecast each key of a limit follows: the busiest keys get models of their own, and every
 * other key follows its share of the limit's total forecast (a hierarchical forecast). A limit with
 * a hundred thousand keys then needs a few hundred models, and a new key costs no history read and
 * no model fit: it starts on its share and earns a model only by being among the busiest for a few
 * ticks, which a one-shot key never is.
 *
 * <p>A key's volume is its demand smoothed over about five ticks; a quiet tick counts as zero. A
 * flood does not buy a key a bigger share: demand counts up to what the key was expected to send
 * (its band times the headroom), as {@link FloodGuard} keeps floods from models.
 *
 * <p>The service's policy loop and the simulator's replay both choose views through this class, so
 * a key follows the same forecast in both. Pure; not thread-safe (one owner per limit).
 *
 * @param <K> the key type: bucket keys in the service, key indexes in the simulator
 */
public final class KeyHierarchy<K> {

  /** Smoothing of a key's volume per tick: about the last five ticks count. */
  static final double VOLUME_ALPHA = 0.3;
  /** Ticks with traffic before a key may get a model of its own: one-shot keys never do. */
  public static final int TICKS_BEFORE_MODEL = 3;

  private static final class Stats {
    double volume;
    int ticksSeen;
    boolean seenNow;
    boolean modelled;
  }

  private final int models;
  private final Map<K, Stats> stats = new HashMap<>();
  private double total;
  private int modelled;

  /** @param models most keys with a model of their own */
  public KeyHierarchy(int models) {
    if (models < 0) {
      throw new IllegalArgumentException("key hierarchy: models must not be negative, got " + models);
    }
    this.models = models;
  }

  /**
   * Records that {@code key} sent {@code perSecond} in this tick; {@code expectedPerSecond} is what
   * it was expected to send (NaN: no expectation, counted as it is).
   */
  public void seen(K key, double perSecond, double expectedPerSecond) {
    Stats s = stats.computeIfAbsent(key, k -> new Stats());
    double rate = Math.max(0, perSecond);
    // Only a positive expectation caps: a key whose share is still zero (quiet on its first ticks)
    // would otherwise be capped at zero for good, and never earn a share or a model.
    if (Double.isFinite(expectedPerSecond) && expectedPerSecond > 0) {
      rate = Math.min(rate, expectedPerSecond);
    }
    s.volume = VOLUME_ALPHA * rate + (1 - VOLUME_ALPHA) * s.volume;
    s.ticksSeen++;
    s.seenNow = true;
  }

  /**
   * Ends the tick: keys not seen decay, and the busiest keys seen on enough ticks take the models.
   * Returns the keys that lost their model, whose forecasts the caller may now drop.
   */
  public List<K> endTick() {
    total = 0;
    List<Stats> candidates = new ArrayList<>();
    for (Stats s : stats.values()) {
      if (!s.seenNow) {
        s.volume *= 1 - VOLUME_ALPHA;
      }
      s.seenNow = false;
      total += s.volume;
      if (eligible(s)) {
        candidates.add(s);
      }
    }
    double threshold = 0;
    if (candidates.size() > models) {
      double[] v = candidates.stream().mapToDouble(s -> s.volume).sorted().toArray();
      threshold = models == 0 ? Double.POSITIVE_INFINITY : v[v.length - models];
    }
    List<K> lost = new ArrayList<>();
    modelled = 0;
    for (Map.Entry<K, Stats> e : stats.entrySet()) {
      Stats s = e.getValue();
      boolean model = eligible(s) && s.volume >= threshold && modelled < models;
      if (s.modelled && !model) {
        lost.add(e.getKey());
      }
      s.modelled = model;
      modelled += model ? 1 : 0;
    }
    return lost;
  }

  private static boolean eligible(Stats s) {
    return s.ticksSeen >= TICKS_BEFORE_MODEL && s.volume > 0;
  }

  /** Whether {@code key} follows a model of its own (as of the last {@link #endTick}). */
  public boolean modelled(K key) {
    Stats s = stats.get(key);
    return s != null && s.modelled;
  }

  /** The key's share of the limit's volume, in [0, 1]; 0 for an unknown key or a limit with none. */
  public double share(K key) {
    Stats s = stats.get(key);
    return s == null || total <= 0 ? 0 : Math.min(1, s.volume / total);
  }

  /**
   * The forecast {@code key} follows: {@code own} when it has a model of its own (and it could be
   * made), else its share of {@code total} cut to [{@code fromMillis}, {@code untilMillis}); null
   * when neither is there.
   */
  public ForecastView view(K key, ForecastView own, ForecastView totalView, long fromMillis, long untilMillis) {
    if (own != null && modelled(key)) {
      return own;
    }
    if (totalView == null || total <= 0) {
      return null;
    }
    return totalView.share(share(key), fromMillis, untilMillis);
  }

  /** Forgets {@code key} (its state went idle). */
  public void forget(K key) {
    Stats s = stats.remove(key);
    if (s != null) {
      total = Math.max(0, total - s.volume);
      modelled -= s.modelled ? 1 : 0;
    }
  }

  /** Keys with a model of their own. */
  public int modelledKeys() {
    return modelled;
  }
}
