package dev.headroom.simulator.scenario;

import dev.headroom.forecaster.series.RateSeries;
import dev.headroom.simulator.workload.Arrivals;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Each key's demand on the forecast step: the history before the window (aggregated so that its
 * last step ends exactly where the window starts) and the window's fresh arrivals (first attempts,
 * not retries) counted per step from the window's start. Shared by every policy of a comparison:
 * what a forecasting policy learns from must not depend on which policy is running.
 *
 * @param stepMillis   the forecast step
 * @param startMillis  window start: step {@code i} of the window covers
 *                     [{@code start + i * step}, {@code start + (i + 1) * step})
 * @param history      per key, ending at {@code startMillis}
 * @param window       per key, counts per step of the window
 */
public record Demand(long stepMillis, long startMillis, List<RateSeries> history, List<double[]> window) {

  /** Bins {@code input}'s arrivals and aggregates its history to {@code stepMillis}. */
  public static Demand of(SimInput input, long stepMillis) {
    long start = Math.floorDiv(input.startNanos(), 1_000_000L);
    long end = Math.ceilDiv(input.endNanos(), 1_000_000L);
    int steps = (int) Math.ceilDiv(end - start, stepMillis);
    List<double[]> window = new ArrayList<>();
    for (int k = 0; k < input.keys().size(); k++) {
      window.add(new double[steps]);
    }
    Arrivals a = input.arrivals();
    long stepNanos = stepMillis * 1_000_000L;
    for (int i = 0; i < a.size(); i++) {
      int s = (int) Math.min(steps - 1, (a.time(i) - input.startNanos()) / stepNanos);
      window.get(a.keyId(i))[s]++;
    }
    List<RateSeries> history = new ArrayList<>();
    for (RateSeries h : input.history()) {
      history.add(alignedEndingAt(h, start, stepMillis));
    }
    return new Demand(stepMillis, start, history, window);
  }

  /**
   * This demand with one more key at the end, the sum of all keys (the limit's total the service
   * stores under the limit's name): history summed step by step where every key has it, missing
   * elsewhere.
   */
  public Demand withTotal() {
    double[] sum = new double[steps()];
    for (double[] w : window) {
      for (int i = 0; i < sum.length; i++) {
        sum[i] += w[i];
      }
    }
    RateSeries first = history.getFirst();
    double[] h = new double[first.size()];
    for (RateSeries r : history) {
      for (int i = 0; i < h.length; i++) {
        h[i] += r.size() == h.length && r.startMillis() == first.startMillis() ? r.value(i) : Double.NaN;
      }
    }
    List<RateSeries> histories = new ArrayList<>(history);
    histories.add(RateSeries.ofMillis(first.startMillis(), stepMillis, h));
    List<double[]> windows = new ArrayList<>(window);
    windows.add(sum);
    return new Demand(stepMillis, startMillis, histories, windows);
  }

  public int keys() {
    return window.size();
  }

  public int steps() {
    return window.getFirst().length;
  }

  /** The step of the window that holds {@code nowMillis}, within [0, steps). */
  public int stepAt(long nowMillis) {
    return (int) Math.max(0, Math.min(steps() - 1, Math.floorDiv(nowMillis - startMillis, stepMillis)));
  }

  /**
   * {@code h} at {@code stepMillis}, dropping leading values so that whole steps end at
   * {@code endMillis}; empty (starting at {@code endMillis}) when there is nothing to keep.
   */
  static RateSeries alignedEndingAt(RateSeries h, long endMillis, long stepMillis) {
    if (h.size() == 0 || stepMillis % h.stepMillis() != 0 || h.endMillis() != endMillis) {
      return RateSeries.ofMillis(endMillis, stepMillis, new double[0]);
    }
    int k = (int) (stepMillis / h.stepMillis());
    return h.slice(h.size() % k, h.size()).aggregate(Duration.ofMillis(stepMillis));
  }
}
