package dev.headroom.bench.policy;

import dev.headroom.forecaster.history.HistorySource;
import dev.headroom.forecaster.history.StepRange;
import dev.headroom.forecaster.series.RateSeries;
import java.time.Duration;
import java.time.Instant;

/**
 * Traffic of many keys of one limit, made up on demand so that a hundred thousand keys with a week
 * of history each cost no memory: a key's requests in a step are a pure function of its rank and
 * the step. Key volumes are heavy-tailed (Zipf, exponent 1: the busiest key sends about 8% of all
 * traffic and a few hundred keys send half of it), every key follows a daily cycle (shifted by up
 * to two hours per key, so keys do not peak in lockstep) with Poisson-like noise.
 *
 * <p>It is also the {@link HistorySource} the bench's loop reads: the same function for past steps,
 * and for the limit's total (stored under the limit's bare name) the sum of the expected rates with
 * noise of its own, since summing a hundred thousand keys per step on every read would cost more
 * than the fits it feeds.
 */
final class SyntheticTraffic implements HistorySource {

  private static final long DAY = 86_400_000L;

  private final String limit;
  private final int keys;
  private final double totalPerSecond;
  private final double harmonic;

  /**
   * @param limit          the limit's name: keys are {@code limit|key-RANK}
   * @param keys           how many keys, ranked 1 (busiest) to {@code keys}
   * @param totalPerSecond all keys' mean demand together, per second
   */
  SyntheticTraffic(String limit, int keys, double totalPerSecond) {
    this.limit = limit;
    this.keys = keys;
    this.totalPerSecond = totalPerSecond;
    double h = 0;
    for (int r = 1; r <= keys; r++) {
      h += 1.0 / r;
    }
    this.harmonic = h;
  }

  /** The bucket key of rank {@code rank} (1-based). */
  String key(int rank) {
    return limit + "|key-" + rank;
  }

  /** Mean demand of the key of {@code rank}, per second (the daily cycle averages to 1). */
  double meanPerSecond(int rank) {
    return totalPerSecond / harmonic / rank;
  }

  /** Requests the key of {@code rank} sends in the step [{@code startMillis}, + {@code stepMillis}). */
  long requests(int rank, long startMillis, long stepMillis) {
    double mean = meanPerSecond(rank) * daily(rank, startMillis) * stepMillis / 1000.0;
    return noisy(mean, mix(rank, startMillis));
  }

  /** A daily cycle between 0.4 and 1.6 of the mean, peaking mid-afternoon, shifted per key. */
  private static double daily(int rank, long millis) {
    long shift = rank == 0 ? 0 : Math.floorMod(mix(rank, 0), 4 * 3_600_000L) - 2 * 3_600_000L;
    double phase = (double) Math.floorMod(millis + shift, DAY) / DAY;
    return 1 + 0.6 * Math.sin(2 * Math.PI * (phase - 0.375));
  }

  /** Poisson noise around {@code mean}: exact below 30, the normal approximation above. */
  private static long noisy(double mean, long seed) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    if (mean < 30) {
      double limit = Math.exp(-mean);
      double product = random.nextDouble();
      long n = 0;
      while (product > limit) {
        product *= random.nextDouble();
        n++;
      }
      return n;
    }
    double z = gaussian(random);
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
  }

  private static double gaussian(java.util.SplittableRandom random) {
    double u = Math.max(Double.MIN_NORMAL, random.nextDouble());
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  private static long mix(long a, long b) {
    long x = a * 0x9E3779B97F4A7C15L + b;
    x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
    x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
    return x ^ (x >>> 31);
  }

  /** The limit's total in a step: every key's expected demand together, with noise of its own. */
  private long total(long startMillis, long stepMillis) {
    // The daily shifts spread within +-2 h; the total follows the unshifted cycle closely enough.
    double mean = totalPerSecond * daily(0, startMillis) * stepMillis / 1000.0;
    return noisy(mean, mix(-1, startMillis));
  }

  @Override
  public RateSeries requests(String key, Instant from, Instant to, Duration step) {
    StepRange range = StepRange.of(from, to, step);
    long stepMillis = range.stepMillis();
    long start = range.startMillis();
    double[] v = new double[range.count()];
    int rank = rankOf(key);
    for (int i = 0; i < v.length; i++) {
      long t = start + i * stepMillis;
      v[i] = rank == 0 ? total(t, stepMillis) : requests(rank, t, stepMillis);
    }
    return RateSeries.ofMillis(start, stepMillis, v);
  }

  /** The rank in a key {@code limit|key-RANK}; 0 for the limit's total. */
  private int rankOf(String key) {
    if (key.equals(limit)) {
      return 0;
    }
    String prefix = limit + "|key-";
    if (!key.startsWith(prefix)) {
      throw new HistoryException("no synthetic history for key '" + key + "'");
    }
    int rank = Integer.parseInt(key, prefix.length(), key.length(), 10);
    if (rank < 1 || rank > keys) {
      throw new HistoryException("no synthetic history for key '" + key + "'");
    }
    return rank;
  }
}
