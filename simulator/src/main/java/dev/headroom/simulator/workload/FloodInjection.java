package dev.headroom.simulator.workload;

import dev.headroom.forecaster.series.RateSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Lays floods ({@link Flood}) over a window's legitimate arrivals: per flood, a Poisson number of
 * extra arrivals in each block of the key's demand it overlaps, at {@code multiplier} times the
 * key's legitimate rate in that block, placed uniformly within the overlap. Seeded: the same
 * arrivals, floods and seed give the same result.
 *
 * <p>A key's normal rate is its legitimate demand averaged over blocks of at least five minutes
 * (the forecast step), so a flood on a per-second trace is not shaped by one second's noise.
 *
 * <p>With no floods given, {@link #schedule} draws a seeded schedule: keys at random, half of the
 * floods in a key's busiest quarter of blocks (at a peak) and half in its quietest quarter (in a
 * trough), 15 to 60 minutes long, at 4 to 10 times the key's normal rate.
 */
public final class FloodInjection {

  /** Shortest block the normal rate is averaged over. */
  static final long BLOCK_MILLIS = 300_000L;

  /**
   * The result: arrivals with floods labelled abusive, and each flood as it was laid (a random key
   * resolved to a name) with the arrivals it added.
   */
  public record Injected(Arrivals arrivals, List<Laid> floods) {}

  /**
   * One flood as laid: where, when, how strong, how many arrivals it added, and whether it hit the
   * key at a peak (its normal rate during the flood rose above the median of its blocks) or in a trough.
   */
  public record Laid(Flood flood, int keyId, long added, boolean atPeak) {}

  private final List<String> keys;
  private final long startMillis;
  private final long endMillis;
  private final long blockMillis;
  private final double[][] rates; // [key][block] legitimate requests per second

  /**
   * @param keys        key names, indexed by key id
   * @param window      per key, its legitimate demand counts over the window, all on one step
   * @param startMillis window start
   * @param endMillis   window end
   */
  public FloodInjection(List<String> keys, List<RateSeries> window, long startMillis, long endMillis) {
    if (keys.size() != window.size()) {
      throw new IllegalArgumentException(keys.size() + " keys but " + window.size() + " demand series");
    }
    if (endMillis <= startMillis) {
      throw new IllegalArgumentException("flood injection: empty window");
    }
    this.keys = List.copyOf(keys);
    this.startMillis = startMillis;
    this.endMillis = endMillis;
    long step = window.isEmpty() ? BLOCK_MILLIS : window.getFirst().stepMillis();
    this.blockMillis = step >= BLOCK_MILLIS ? step : Math.ceilDiv(BLOCK_MILLIS, step) * step;
    int blocks = (int) Math.ceilDiv(endMillis - startMillis, blockMillis);
    this.rates = new double[keys.size()][blocks];
    for (int k = 0; k < keys.size(); k++) {
      RateSeries s = window.get(k);
      double[] sum = new double[blocks];
      for (int i = 0; i < s.size(); i++) {
        long t = s.timeMillis(i);
        if (s.isMissing(i) || t < startMillis || t >= endMillis) {
          continue;
        }
        sum[(int) ((t - startMillis) / blockMillis)] += s.value(i);
      }
      for (int b = 0; b < blocks; b++) {
        long from = startMillis + b * blockMillis;
        long to = Math.min(endMillis, from + blockMillis);
        rates[k][b] = sum[b] * 1000.0 / (to - from);
      }
    }
  }

  /** The key's legitimate rate, requests per second, in the block holding {@code millis}. */
  public double normalRate(int key, long millis) {
    int b = (int) Math.max(0, Math.min(rates[key].length - 1, (millis - startMillis) / blockMillis));
    return rates[key][b];
  }

  /**
   * A seeded schedule of {@code count} floods: key at random, even-numbered floods at a peak (a
   * block in the key's busiest quarter), odd ones in a trough (its quietest quarter), 15 to 60
   * minutes, multiplier 4 to 10. Starts fall within the window; a flood may run past its end.
   */
  public List<Flood> schedule(int count, long seed) {
    Rng rng = new Rng(Rng.derive(seed, 0x5C4ED));
    List<Flood> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int key = (int) Math.min(keys.size() - 1, Math.floor(rng.nextDouble() * keys.size()));
      boolean peak = i % 2 == 0;
      Integer[] order = new Integer[rates[key].length];
      for (int b = 0; b < order.length; b++) {
        order[b] = b;
      }
      double[] r = rates[key];
      Arrays.sort(order, (a, b) -> peak ? Double.compare(r[b], r[a]) : Double.compare(r[a], r[b]));
      int quarter = Math.max(1, order.length / 4);
      int block = order[(int) Math.min(quarter - 1, Math.floor(rng.nextDouble() * quarter))];
      long minutes = 15 + (long) Math.floor(rng.nextDouble() * 46);
      long blockStart = startMillis + block * blockMillis;
      long start = blockStart + (long) Math.floor(rng.nextDouble() * Math.min(blockMillis, endMillis - blockStart));
      start -= start % 60_000L; // whole minutes read better in the report
      double multiplier = Math.round((4 + 6 * rng.nextDouble()) * 10) / 10.0;
      out.add(new Flood(keys.get(key), Instant.ofEpochMilli(Math.max(startMillis, start)),
          Duration.ofMinutes(minutes), multiplier));
    }
    return out;
  }

  /**
   * {@code legit} with {@code floods} laid over it; a flood naming no key gets one at random.
   *
   * @throws IllegalArgumentException for a flood on an unknown key or wholly outside the window
   */
  public Injected inject(Arrivals legit, List<Flood> floods, long seed) {
    Rng rng = new Rng(Rng.derive(seed, 0xF100D));
    long[] times = new long[1024];
    int[] keyIds = new int[1024];
    int n = 0;
    List<Laid> laid = new ArrayList<>();
    for (Flood f : floods) {
      int key;
      if (f.key() == null) {
        key = (int) Math.min(keys.size() - 1, Math.floor(rng.nextDouble() * keys.size()));
      } else {
        key = keys.indexOf(f.key());
        if (key < 0) {
          throw new IllegalArgumentException("flood on unknown key \"" + f.key() + "\"; the keys are " + keys);
        }
      }
      long from = Math.max(f.startNanos(), startMillis * 1_000_000L);
      long to = Math.min(f.endNanos(), endMillis * 1_000_000L);
      if (to <= from) {
        throw new IllegalArgumentException("flood at " + f.start() + " for " + f.duration() + " falls outside the "
            + "simulated window, " + Instant.ofEpochMilli(startMillis) + " to " + Instant.ofEpochMilli(endMillis));
      }
      long added = 0;
      double peakShare = 0;
      long blockNanos = blockMillis * 1_000_000L;
      long origin = startMillis * 1_000_000L;
      for (long t = from; t < to; ) {
        long blockEnd = origin + ((t - origin) / blockNanos + 1) * blockNanos;
        long until = Math.min(to, blockEnd);
        double rate = f.multiplier() * normalRate(key, t / 1_000_000L);
        long count = rng.poisson(rate * (until - t) / 1e9);
        for (long c = 0; c < count; c++) {
          if (n == times.length) {
            times = Arrays.copyOf(times, n * 2);
            keyIds = Arrays.copyOf(keyIds, n * 2);
          }
          times[n] = t + (long) Math.floor(rng.nextDouble() * (until - t));
          keyIds[n] = key;
          n++;
        }
        added += count;
        peakShare = Math.max(peakShare, normalRate(key, t / 1_000_000L));
        t = until;
      }
      laid.add(new Laid(f.key() == null ? new Flood(keys.get(key), f.start(), f.duration(), f.multiplier()) : f,
          key, added, peakShare > median(rates[key])));
    }
    long[] t = Arrays.copyOf(times, n);
    int[] k = Arrays.copyOf(keyIds, n);
    sortTogether(t, k);
    return new Injected(legit.withAbusive(t, k), laid);
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length == 0 ? 0 : s[s.length / 2];
  }

  /** Sorts times ascending, keys along (stable by the original order for equal times). */
  private static void sortTogether(long[] t, int[] k) {
    Integer[] idx = new Integer[t.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> t[a] != t[b] ? Long.compare(t[a], t[b]) : Integer.compare(a, b));
    long[] t2 = new long[t.length];
    int[] k2 = new int[t.length];
    for (int i = 0; i < idx.length; i++) {
      t2[i] = t[idx[i]];
      k2[i] = k[idx[i]];
    }
    System.arraycopy(t2, 0, t, 0, t.length);
    System.arraycopy(k2, 0, k, 0, k.length);
  }
}
