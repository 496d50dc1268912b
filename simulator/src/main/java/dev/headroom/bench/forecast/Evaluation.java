package dev.headroom.bench.forecast;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The rolling-origin evaluation of {@code shared/FORECAST_PROTOCOL.md} ("Splits", "Metrics"): at
 * each origin of a row, every method fits on all data before it (expanding window), forecasts once
 * for the longest horizon, and each horizon is scored on the first h steps of that one forecast.
 * Methods written in Java run here, one call at a time on the calling thread; the statsmodels
 * baselines are scored by the same {@link #score} on forecasts made in Python.
 */
public final class Evaluation {

  private Evaluation() {}

  /** Every method on every row, rows outermost; a progress line per cell on {@code progress}. */
  public static List<CellResult> run(List<ProtocolSeries> rows, List<ForecastMethod> methods, PrintStream progress) {
    List<CellResult> out = new ArrayList<>();
    int total = rows.size() * methods.size();
    for (ProtocolSeries row : rows) {
      for (ForecastMethod method : methods) {
        CellResult cell = run(row, method);
        out.add(cell);
        progress.printf(Locale.ROOT, "[%d/%d] %s%n", out.size(), total, describe(cell));
      }
    }
    return out;
  }

  /** Untimed calls before a cell's timed fits, and the time after which they stop early. */
  static final int WARM_UP_CALLS = 3;
  static final long WARM_UP_NANOS = 2_000_000_000L;

  /**
   * One method on one row. Before the timed fits, up to {@link #WARM_UP_CALLS} untimed calls at the
   * first origin (fewer if they take over 2 s) let the JIT compile the method's code, so that fit
   * times compare steady-state work (the Python side's interpreter start and imports are not timed
   * either). A method that throws or returns a non-finite value at any origin is reported as
   * skipped, with the origin and the reason.
   */
  public static CellResult run(ProtocolSeries row, ForecastMethod method) {
    double[] y = checkedValues(row);
    int longest = longest(row);
    List<FoldResult> folds = new ArrayList<>();
    boolean warmedUp = false;
    for (int origin : row.origins()) {
      double[] train = Arrays.copyOf(y, origin);
      try {
        if (!warmedUp) {
          long warmUpStart = System.nanoTime();
          for (int i = 0; i < WARM_UP_CALLS && System.nanoTime() - warmUpStart < WARM_UP_NANOS; i++) {
            method.forecast(train.clone(), row.season(), longest, row.series().stepMillis());
          }
          warmedUp = true;
        }
        long start = System.nanoTime();
        MethodForecast f = method.forecast(train, row.season(), longest, row.series().stepMillis());
        double millis = (System.nanoTime() - start) / 1e6;
        folds.add(score(y, row, origin, f, millis));
      } catch (RuntimeException e) {
        return CellResult.skipped(row, method.name(), "failed at origin " + origin + ": " + e.getMessage());
      }
    }
    return new CellResult(row, method.name(), folds, null, null);
  }

  /**
   * Scores a forecast made at {@code origin}: MASE (scaled by the training data before the origin),
   * sMAPE and P90/P99 coverage for each of the row's horizons, each over the forecast's first h steps.
   *
   * @param y the row's whole series (as from {@link #checkedValues})
   * @throws IllegalArgumentException when the forecast is too short or not finite
   */
  public static FoldResult score(double[] y, ProtocolSeries row, int origin, MethodForecast f, double fitMillis) {
    int longest = longest(row);
    if (f.length() < longest) {
      throw new IllegalArgumentException("forecast has " + f.length() + " steps, the longest horizon is " + longest);
    }
    int bad = f.firstNonFinite();
    if (bad >= 0 && bad < longest) {
      throw new IllegalArgumentException("forecast is not finite at step " + bad);
    }
    double scale = Metrics.seasonalNaiveScale(Arrays.copyOf(y, origin), row.season());
    if (!(scale > 0)) {
      throw new IllegalArgumentException("the MASE scale is 0: the history before origin " + origin
          + " repeats exactly every " + row.season() + " steps");
    }
    double[] actual = Arrays.copyOfRange(y, origin, origin + longest);
    double[] mean = f.mean();
    double[] p90 = f.p90();
    double[] p99 = f.p99();
    List<HorizonScore> scores = new ArrayList<>();
    for (int i = 0; i < row.horizons().length; i++) {
      int h = row.horizons()[i];
      scores.add(new HorizonScore(row.horizonLabels()[i], h,
          Metrics.mase(actual, mean, h, scale),
          Metrics.smape(actual, mean, h),
          Metrics.coverage(actual, p90, h),
          Metrics.coverage(actual, p99, h)));
    }
    return new FoldResult(origin, scores, fitMillis);
  }

  /** The longest horizon in steps: the length every forecast must have. */
  public static int longest(ProtocolSeries row) {
    return Arrays.stream(row.horizons()).max().orElseThrow(
        () -> new IllegalArgumentException(row.name() + " has no horizons"));
  }

  /**
   * The row's values after checking that its splits make sense: horizons and labels paired,
   * origins increasing, each with more than a season of history and its longest horizon inside the
   * series, and no missing value in what is used.
   */
  public static double[] checkedValues(ProtocolSeries row) {
    String name = row.name();
    if (row.horizons().length == 0 || row.horizons().length != row.horizonLabels().length) {
      throw new IllegalArgumentException(name + ": " + row.horizons().length + " horizons but "
          + row.horizonLabels().length + " labels");
    }
    if (row.origins().length == 0) {
      throw new IllegalArgumentException(name + ": no origins");
    }
    double[] y = row.series().values();
    int longest = longest(row);
    int previous = -1;
    for (int origin : row.origins()) {
      if (origin <= previous) {
        throw new IllegalArgumentException(name + ": origins not increasing at " + origin);
      }
      if (origin <= row.season() || origin + longest > y.length) {
        throw new IllegalArgumentException(name + ": origin " + origin + " leaves no room for a season of "
            + row.season() + " before it or " + longest + " steps after it (series of " + y.length + ")");
      }
      previous = origin;
    }
    for (int i = 0; i < previous + longest; i++) {
      if (Double.isNaN(y[i])) {
        throw new IllegalArgumentException(name + ": value " + i + " is missing; the protocol's preparation "
            + "fills or drops missing steps before evaluation");
      }
    }
    return y;
  }

  /** A one-line summary of a cell for progress output. */
  public static String describe(CellResult cell) {
    StringBuilder s = new StringBuilder(cell.row().name()).append(' ').append(cell.method()).append(": ");
    if (!cell.ran()) {
      return s.append("skipped (").append(cell.skipped()).append(')').toString();
    }
    s.append(cell.folds().size()).append(" origins, MASE");
    for (HorizonScore h : cell.horizons()) {
      s.append(String.format(Locale.ROOT, " %s %.3f", h.label(), h.mase()));
    }
    return s.append(String.format(Locale.ROOT, ", fit %.3g ms", cell.fitMillis())).toString();
  }
}
