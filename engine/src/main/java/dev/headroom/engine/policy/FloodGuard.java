package dev.headroom.engine.policy;

import dev.headroom.forecaster.series.RateSeries;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps one series' forecast from learning a flood. A forecast that took in every observation would
 * follow a stolen key's flood up within a few steps and then call it normal: the limit that should
 * hold the flood would rise to meet it. So an observation above {@link #CLIP} times the band's top
 * (the P99 the model gave for that step) reaches the model clipped to that level (robust filtering,
 * as in robust exponential smoothing), and the clipped value is remembered so that a refit on the
 * stored history sees the same cleaned step rather than the raw flood.
 *
 * <p>Clipping each step at the band alone is not enough: a model with an autoregressive part lifts
 * its band a little with every clipped step, and after a dozen steps of a twentyfold flood the band
 * has followed it most of the way (measured in {@code SurpriseSheddingIT}: a 2/s key's band reached
 * 14/s in 16 steps). So within a run of clipped steps the clip stays at the level where the run
 * began. A lasting change of level still comes through: after {@link #PATIENCE} clipped steps in a
 * row the clip rises by {@link #GROWTH} a step, so the model catches up with a real change within
 * hours, not within minutes as with a flood.
 *
 * <p>The service's forecasts and the simulator's replay both feed models through this class, so a
 * flood is learned (or not) alike in both. Memory: one entry per clipped step, within the history
 * window ({@link #forgetBefore}); nothing while traffic stays within its band.
 */
public final class FloodGuard {

  /**
   * How far above the P99 of its step an observation may be before it is clipped: at the P99
   * itself, about 2.3 standard deviations above the mean, where robust smoothing's Huber weights
   * usually start. Clipping at 1.5x the P99 was tried: the band then climbed after a twentyfold
   * flood by half again each step, and held nothing after a dozen steps.
   */
  public static final double CLIP = 1.0;
  /** Clipping never goes below this many requests a step: a key forecast at zero may still start. */
  static final double MIN_CLIP = 1;
  /** Clipped steps in a row after which the clip starts to rise: an hour of one-minute steps. */
  public static final int PATIENCE = 60;
  /** How much the clip rises per step after {@link #PATIENCE}. */
  public static final double GROWTH = 1.05;
  /** Most clipped steps remembered: a series flooded for longer keeps its latest ones. */
  static final int MAX_REMEMBERED = 20_000;

  private final TreeMap<Long, Double> clipped = new TreeMap<>();
  private int run;          // clipped steps in a row so far
  private double runLevel;  // the clip while the run lasts
  private long runStart;    // the run's first step

  /**
   * The value the model should learn for the step starting at {@code stepStartMillis}.
   *
   * @param observed requests seen in the step
   * @param p99      the model's P99 for that step (made before it was seen); NaN: no basis, no clip
   */
  public double feed(long stepStartMillis, double observed, double p99) {
    if (!Double.isFinite(p99) || p99 < 0 || Double.isNaN(observed)) {
      return observed; // a missing step neither starts nor ends a run
    }
    double limit = run == 0 ? limit(p99) : run < PATIENCE ? runLevel : runLevel * GROWTH;
    if (!(observed > limit)) {
      run = 0;
      return observed;
    }
    if (run == 0) {
      runStart = stepStartMillis;
    }
    run++;
    runLevel = limit;
    double value = limit;
    clipped.put(stepStartMillis, value);
    if (clipped.size() > MAX_REMEMBERED) {
      clipped.pollFirstEntry();
    }
    return value;
  }

  private static double limit(double p99) {
    return Math.max(MIN_CLIP, CLIP * p99);
  }

  /**
   * {@code raw} with every remembered step replaced by its clipped value, and, while a run of
   * clipped steps lasts, every step since the run began clipped at its level: a step the model was
   * fed as missing (telemetry not yet stored when it was read) must not reach a refit raw.
   */
  public RateSeries clean(RateSeries raw) {
    if ((clipped.isEmpty() && run == 0) || raw.size() == 0) {
      return raw;
    }
    Map<Long, Double> inside = clipped.subMap(raw.startMillis(), true, raw.endMillis(), false);
    double[] v = raw.values();
    if (run > 0) {
      for (int i = 0; i < v.length; i++) {
        if (raw.timeMillis(i) >= runStart && v[i] > runLevel) {
          v[i] = runLevel;
        }
      }
    }
    for (Map.Entry<Long, Double> e : inside.entrySet()) {
      long offset = e.getKey() - raw.startMillis();
      if (offset % raw.stepMillis() == 0) {
        int i = (int) (offset / raw.stepMillis());
        if (!raw.isMissing(i)) {
          v[i] = Math.min(v[i], e.getValue());
        }
      }
    }
    return RateSeries.ofMillis(raw.startMillis(), raw.stepMillis(), v);
  }

  /** Forgets clipped steps before {@code millis} (older than any history a refit reads). */
  public void forgetBefore(long millis) {
    clipped.headMap(millis).clear();
  }

  /** Steps remembered as clipped. */
  public int remembered() {
    return clipped.size();
  }
}
