package dev.headroom.engine.policy;

import dev.headroom.forecaster.series.RateSeries;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps one series' forecast from learning a flood. A forecast that took in every observation would
 * follow a stolen key's flood up within a few steps and then call it normal: the limit that should
 * hold the flood would rise to meet it. So an observation above the band its model gave for that
 * step (the P99, and at least {@link #MARGIN} times the mean) reaches the model as the model's own
 * expectation for the step, the mean, as if the step had not been seen; and that value is
 * remembered, so that a refit on the stored history sees the same cleaned step and not the raw
 * flood.
 *
 * <p>Why the mean and not the band's top (robust smoothing's usual clip): a model with an
 * autoregressive part lifts its band a little with every step fed at the top, and after a dozen
 * steps of a twentyfold flood the band had followed it most of the way (measured in
 * {@code SurpriseSheddingIT}: a 2/s key's band reached 14/s in 16 one-second steps). Fed the mean,
 * the model keeps its level and its seasons; a regular series whose band is narrow loses nothing,
 * since its mean is where its observations are.
 *
 * <p>A lasting change of level still comes through: after {@link #PATIENCE} surprising steps in a
 * row the model is fed the band's top instead, and climbs with each step; so it catches up with a
 * real change within hours, where a flood of an hour is not learned at all.
 *
 * <p>The service's forecasts and the simulator's replay both feed models through this class, so a
 * flood is learned (or not) alike in both. Memory: one entry per cleaned step, within the history
 * window ({@link #forgetBefore}); nothing while traffic stays within its band.
 */
public final class FloodGuard {

  /** Observations up to this many times the step's mean are never surprising, however narrow the band. */
  public static final double MARGIN = 1.25;
  /** Surprising steps in a row after which the model learns the band's top: an hour of one-minute steps. */
  public static final int PATIENCE = 60;
  /** Cleaning never starts below this many requests a step: a key forecast at zero may still start. */
  static final double MIN_LIMIT = 1;
  /** Most cleaned steps remembered: a series flooded for longer keeps its latest ones. */
  static final int MAX_REMEMBERED = 20_000;

  private final TreeMap<Long, Double> cleaned = new TreeMap<>();
  private int run; // surprising steps in a row so far
  private long runStart;
  private double runValue; // what the run's latest step was fed
  private double runLimit; // and the limit it was over

  /**
   * The value the model should learn for the step starting at {@code stepStartMillis}.
   *
   * @param observed requests seen in the step (NaN: not seen, passed on as it is)
   * @param mean     the model's mean for that step, made before it was seen
   * @param p99      the model's P99 for that step; NaN: no basis, nothing is cleaned
   */
  public double feed(long stepStartMillis, double observed, double mean, double p99) {
    if (!Double.isFinite(p99) || !Double.isFinite(mean) || p99 < 0 || Double.isNaN(observed)) {
      return observed; // a missing step neither starts nor ends a run
    }
    double limit = limit(mean, p99);
    if (!(observed > limit)) {
      run = 0;
      return observed;
    }
    if (run++ == 0) {
      runStart = stepStartMillis;
    }
    double value = run <= PATIENCE ? Math.max(0, mean) : limit;
    runValue = value;
    runLimit = limit;
    cleaned.put(stepStartMillis, value);
    if (cleaned.size() > MAX_REMEMBERED) {
      cleaned.pollFirstEntry();
    }
    return value;
  }

  /** The highest observation that is not surprising for a step with this mean and P99. */
  public static double limit(double mean, double p99) {
    return Math.max(MIN_LIMIT, Math.max(p99, MARGIN * mean));
  }

  /**
   * {@code raw} with every remembered step replaced by what the model was fed for it; and, while a
   * run of surprising steps lasts, any other step since the run began that is over the run's limit
   * (one the model was fed as missing, its telemetry not stored yet when read) by the run's latest
   * value, so that no flood step reaches a refit raw.
   */
  public RateSeries clean(RateSeries raw) {
    if ((cleaned.isEmpty() && run == 0) || raw.size() == 0) {
      return raw;
    }
    Map<Long, Double> inside = cleaned.subMap(raw.startMillis(), true, raw.endMillis(), false);
    double[] v = raw.values();
    if (run > 0) {
      for (int i = 0; i < v.length; i++) {
        if (raw.timeMillis(i) >= runStart && v[i] > runLimit) {
          v[i] = runValue;
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

  /** Forgets cleaned steps before {@code millis} (older than any history a refit reads). */
  public void forgetBefore(long millis) {
    cleaned.headMap(millis).clear();
  }

  /** Steps remembered as cleaned. */
  public int remembered() {
    return cleaned.size();
  }
}
