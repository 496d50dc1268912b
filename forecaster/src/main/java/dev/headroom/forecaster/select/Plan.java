package dev.headroom.forecaster.select;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Which model (or average of models) forecasts which part of the horizon. A model that tracks the
 * current level wins the first hour; a smooth seasonal profile wins the next day. Choosing per
 * horizon bucket, by backtest error, gets both. Buckets end at 1/24, 1/6 and all of the horizon
 * (the first hour, the first four hours and the rest of a day), merged when they coincide.
 *
 * <p>Each bucket averages its five best models rather than picking the single best: a week of
 * backtest ranks close models by chance, and on the protocol's traces the average of the five best
 * was more accurate a day ahead than the single winner, because the errors
 * of different kinds of model partly cancel.
 */
public final class Plan {

  private final int[] ends;      // exclusive end of each bucket, in steps
  private final int[][] members; // indices into the backtest's runs, averaged with equal weights

  Plan(int[] ends, int[][] members) {
    this.ends = ends;
    this.members = members;
  }

  /** How many of a bucket's best models are averaged. */
  static final int TOP = 5;

  /** Averages, for each bucket, the {@link #TOP} candidates with the lowest mean absolute error. */
  public static Plan choose(Backtest backtest) {
    int horizon = backtest.horizon();
    int[] ends = bucketEnds(horizon);
    int runs = backtest.runs().size();
    int[][] members = new int[ends.length][];
    int from = 0;
    for (int b = 0; b < ends.length; b++) {
      double[] single = new double[runs];
      for (int r = 0; r < runs; r++) {
        single[r] = mae(backtest, new int[] {r}, from, ends[b]);
      }
      Integer[] order = new Integer[runs];
      for (int r = 0; r < runs; r++) {
        order[r] = r;
      }
      java.util.Arrays.sort(order, (a, c) -> Double.compare(single[a], single[c]));
      members[b] = java.util.Arrays.stream(order).limit(TOP).mapToInt(Integer::intValue).toArray();
      from = ends[b];
    }
    return new Plan(ends, members);
  }

  /** One model (run 0) over the whole horizon: for fallbacks that have no backtest. */
  public static Plan single(int horizon) {
    return new Plan(new int[] {horizon}, new int[][] {{0}});
  }

  static int[] bucketEnds(int horizon) {
    List<Integer> ends = new ArrayList<>();
    for (int end : new int[] {(horizon + 23) / 24, (horizon + 5) / 6, horizon}) {
      if (end >= 1 && (ends.isEmpty() || end > ends.getLast())) {
        ends.add(end);
      }
    }
    return ends.stream().mapToInt(Integer::intValue).toArray();
  }

  private static double mae(Backtest backtest, int[] combo, int from, int to) {
    double sum = 0;
    int count = 0;
    int origins = backtest.origins().length;
    for (int o = 0; o < origins; o++) {
      for (int h = from; h < to; h++) {
        if (!backtest.observed(o, h)) {
          continue;
        }
        double f = 0;
        for (int r : combo) {
          f += backtest.runs().get(r).forecasts()[o][h];
        }
        sum += Math.abs(backtest.actual(o, h) - f / combo.length);
        count++;
      }
    }
    return count == 0 ? Double.POSITIVE_INFINITY : sum / count;
  }

  /** Run indices that any bucket uses. */
  public int[] usedRuns() {
    return java.util.Arrays.stream(members).flatMapToInt(java.util.Arrays::stream).distinct().sorted().toArray();
  }

  /**
   * The plan's forecast from each run's forecast ({@code perRun[r]}, null for unused runs), over
   * {@code horizon} steps (at most the planned horizon).
   */
  public double[] combine(double[][] perRun, int horizon) {
    double[] out = new double[horizon];
    int from = 0;
    for (int b = 0; b < ends.length && from < horizon; b++) {
      int to = Math.min(ends[b], horizon);
      for (int h = from; h < to; h++) {
        double f = 0;
        for (int r : members[b]) {
          f += perRun[r][h];
        }
        out[h] = f / members[b].length;
      }
      from = to;
    }
    return out;
  }

  /** The plan's forecasts at every backtest origin. */
  public double[][] backtestForecasts(Backtest backtest) {
    int origins = backtest.origins().length;
    int runs = backtest.runs().size();
    double[][] out = new double[origins][];
    for (int o = 0; o < origins; o++) {
      double[][] perRun = new double[runs][];
      for (int r = 0; r < runs; r++) {
        perRun[r] = backtest.runs().get(r).forecasts()[o];
      }
      out[o] = combine(perRun, backtest.horizon());
    }
    return out;
  }

  /** {@code harmonic-log-ar2} or {@code 1-12: seasonal-ar3 | 13-288: mean(harmonic-log-ar2, holt-winters)}. */
  public String describe(Backtest backtest) {
    List<String> parts = new ArrayList<>();
    boolean allSame = true;
    for (int b = 1; b < members.length; b++) {
      allSame &= java.util.Arrays.equals(members[b], members[0]);
    }
    int from = 0;
    for (int b = 0; b < ends.length; b++) {
      String name = name(backtest, members[b]);
      if (allSame) {
        return name;
      }
      parts.add((from + 1) + "-" + ends[b] + ": " + name);
      from = ends[b];
    }
    return String.join(" | ", parts);
  }

  private static String name(Backtest backtest, int[] combo) {
    if (combo.length == 1) {
      return backtest.runs().get(combo[0]).model().name();
    }
    StringJoiner j = new StringJoiner(", ", "mean(", ")");
    for (int r : combo) {
      j.add(backtest.runs().get(r).model().name());
    }
    return j.toString();
  }
}
