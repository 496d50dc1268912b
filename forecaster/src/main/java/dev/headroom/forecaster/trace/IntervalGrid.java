package dev.headroom.forecaster.trace;

import dev.headroom.forecaster.series.RateSeries;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Places rows of (timestamp, count), in any order, on a regular grid: the step is the most common
 * gap between consecutive timestamps and the grid starts at the earliest one, so a step with no
 * row becomes a missing interval (NaN) rather than vanishing or reading as zero.
 */
final class IntervalGrid {

  /** A guard against a stray timestamp in another century making a grid of billions of steps. */
  static final int MAX_INTERVALS = 100_000_000;

  private long[] micros = new long[1024];
  private double[] values = new double[1024];
  private long[] lines = new long[1024];
  private int size;

  void add(long timeMicros, double value, long line) {
    if (size == micros.length) {
      int n = size * 2;
      micros = Arrays.copyOf(micros, n);
      values = Arrays.copyOf(values, n);
      lines = Arrays.copyOf(lines, n);
    }
    micros[size] = timeMicros;
    values[size] = value;
    lines[size] = line;
    size++;
  }

  int size() {
    return size;
  }

  /**
   * The rows on their grid. Duplicate timestamps and rows off the grid are bad lines.
   *
   * @param stepHint the step to use when there is a single row to infer it from, or null
   */
  Grid build(Path file, BadLines bad, Duration stepHint) throws TraceException {
    if (size == 0) {
      throw new TraceException(file, 0, "no data rows");
    }
    int[] order = new int[size];
    long[] t = Arrays.copyOf(micros, size);
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    ParallelSort.sort(t, order);

    long stepMicros = inferStep(t, file, stepHint);
    long t0 = t[0];
    long span = (t[size - 1] - t0) / stepMicros + 1;
    if (span > MAX_INTERVALS) {
      throw new TraceException(file, 0, "rows from " + instant(t0) + " to " + instant(t[size - 1])
          + " at a " + Duration.ofNanos(stepMicros * 1000) + " step make more than "
          + MAX_INTERVALS + " intervals");
    }
    double[] grid = new double[(int) span];
    Arrays.fill(grid, Double.NaN);
    long[] firstLine = new long[(int) span];
    for (int k = 0; k < size; k++) {
      int row = order[k];
      long off = t[k] - t0;
      if (off % stepMicros != 0) {
        bad.add(lines[row], "timestamp " + instant(t[k]) + " is off the "
            + Duration.ofNanos(stepMicros * 1000) + " grid that starts at the earliest row ("
            + instant(t0) + ")");
        continue;
      }
      int idx = (int) (off / stepMicros);
      if (firstLine[idx] != 0) {
        bad.add(lines[row], "duplicate timestamp " + instant(t[k]) + " (first on line "
            + firstLine[idx] + ")");
        continue;
      }
      firstLine[idx] = lines[row];
      grid[idx] = values[row];
    }
    long stepMillis = stepMicros / 1000;
    return new Grid(RateSeries.ofMillis(Math.floorDiv(t0, 1000), stepMillis, grid),
        Duration.ofMillis(stepMillis));
  }

  /** The most common positive gap between sorted times (the smallest on a tie), in micros. */
  private long inferStep(long[] t, Path file, Duration stepHint) throws TraceException {
    Map<Long, Integer> counts = new HashMap<>();
    for (int i = 1; i < t.length; i++) {
      long d = t[i] - t[i - 1];
      if (d > 0) {
        counts.merge(d, 1, Integer::sum);
      }
    }
    if (counts.isEmpty()) {
      if (stepHint == null) {
        throw new TraceException(file, 0, "cannot infer the step from a single timestamp;"
            + " give the step");
      }
      return stepHint.toMillis() * 1000;
    }
    long best = 0;
    int bestCount = 0;
    for (Map.Entry<Long, Integer> e : counts.entrySet()) {
      if (e.getValue() > bestCount || (e.getValue() == bestCount && e.getKey() < best)) {
        best = e.getKey();
        bestCount = e.getValue();
      }
    }
    if (best % 1000 != 0 || t[0] % 1000 != 0) {
      throw new TraceException(file, 0, "the rows' step (" + best + " µs) or start is not a whole"
          + " number of milliseconds");
    }
    return best;
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
        Math.floorMod(micros, 1_000_000L) * 1000);
  }

  /** A series at its native step. */
  record Grid(RateSeries series, Duration step) {}
}
