package dev.headroom.bench.forecast;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The protocol's averages and the comparisons, from the cells of one run.
 *
 * <p>An average is the plain mean over the rows of a group (the nine day-scale rows, or the Azure
 * rows), per horizon, of each row's mean over origins; it is only given when the method ran on
 * every row of the group, so that two methods' averages always cover the same rows.
 */
public final class ForecastSummary {

  /** The group of day-scale rows (horizons 1 h and 24 h) and that of the sub-minute Azure rows. */
  public static final String DAY_SCALE = "day-scale";
  public static final String AZURE = "azure";

  /**
   * Mean MASE over the nine day-scale rows at 1 h and 24 h, as shared/FORECAST_PROTOCOL.md lists
   * them under "Baselines measured under this protocol" (statsmodels 0.13.5, Debian).
   */
  public static final Map<String, double[]> PROTOCOL_MASE = Map.of(
      SeasonalNaive.NAME, new double[] {0.827, 1.225},
      StatsmodelsBaseline.HOLT_WINTERS, new double[] {0.901, 3.091},
      StatsmodelsBaseline.STL_ARIMA, new double[] {0.988, 1.502});
  public static final List<String> PROTOCOL_HORIZONS = List.of("1h", "24h");
  /** The day-scale rows the protocol averages over. */
  public static final int PROTOCOL_ROWS = 9;

  /**
   * One method's average over one group at one horizon; NaN figures (and {@code missing} saying
   * why) when it did not run on every row of the group.
   *
   * @param fitMillis mean over the group's rows of each row's median fit time
   */
  public record Average(String method, String group, String horizon, int rows, double mase, double smape,
      double p90Coverage, double p99Coverage, double fitMillis, String missing) {

    public boolean complete() {
      return missing == null;
    }
  }

  /** One trace, one method against a rival: mean MASE over the trace's rows and horizons. */
  public record TraceComparison(String trace, double mase, double rivalMase) {

    public boolean wins() {
      return mase < rivalMase;
    }
  }

  private final List<CellResult> cells;

  public ForecastSummary(List<CellResult> cells) {
    this.cells = List.copyOf(cells);
  }

  public List<CellResult> cells() {
    return cells;
  }

  public static String group(ProtocolSeries row) {
    return row.dayScale() ? DAY_SCALE : AZURE;
  }

  /** Methods in the order they first appear among the cells. */
  public List<String> methods() {
    Set<String> names = new LinkedHashSet<>();
    cells.forEach(c -> names.add(c.method()));
    return List.copyOf(names);
  }

  /** Groups present, day-scale first. */
  public List<String> groups() {
    Set<String> names = new LinkedHashSet<>();
    cells.stream().filter(c -> c.row().dayScale()).forEach(c -> names.add(DAY_SCALE));
    cells.stream().filter(c -> !c.row().dayScale()).forEach(c -> names.add(AZURE));
    return List.copyOf(names);
  }

  /** The cell of {@code method} on the row named {@code row}, or null. */
  public CellResult cell(String row, String method) {
    return cells.stream().filter(c -> c.row().name().equals(row) && c.method().equals(method))
        .findFirst().orElse(null);
  }

  /** Horizon labels of a group, in the order of its first row. */
  public List<String> horizons(String group) {
    return cells.stream().filter(c -> group(c.row()).equals(group)).findFirst()
        .map(c -> List.of(c.row().horizonLabels())).orElse(List.of());
  }

  /** Averages of every method over every group and horizon. */
  public List<Average> averages() {
    List<Average> out = new ArrayList<>();
    for (String group : groups()) {
      for (String method : methods()) {
        for (String horizon : horizons(group)) {
          out.add(average(method, group, horizon));
        }
      }
    }
    return out;
  }

  public Average average(String method, String group, String horizon) {
    List<CellResult> mine = cells.stream()
        .filter(c -> c.method().equals(method) && group(c.row()).equals(group)).toList();
    List<String> skipped = mine.stream().filter(c -> !c.ran()).map(c -> c.row().name()).toList();
    if (mine.isEmpty() || !skipped.isEmpty()) {
      String why = mine.isEmpty() ? "no rows" : "did not run on " + String.join(", ", skipped);
      return new Average(method, group, horizon, mine.size() - skipped.size(),
          Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, why);
    }
    double mase = 0;
    double smape = 0;
    double p90 = 0;
    double p99 = 0;
    double fit = 0;
    for (CellResult c : mine) {
      int i = List.of(c.row().horizonLabels()).indexOf(horizon);
      if (i < 0) {
        throw new IllegalStateException(c.row().name() + " has no horizon " + horizon);
      }
      HorizonScore s = c.horizon(i);
      mase += s.mase();
      smape += s.smape();
      p90 += s.p90Coverage();
      p99 += s.p99Coverage();
      fit += c.fitMillis();
    }
    int n = mine.size();
    return new Average(method, group, horizon, n, mase / n, smape / n, p90 / n, p99 / n, fit / n, null);
  }

  /**
   * {@code method} against {@code rival} trace by trace ({@link TraceFamily}); traces where either
   * did not run on every row are left out (and so count as not won).
   */
  public List<TraceComparison> traceComparison(String method, String rival) {
    Map<String, Double> mine = traceMase(method);
    Map<String, Double> theirs = traceMase(rival);
    List<TraceComparison> out = new ArrayList<>();
    mine.forEach((trace, mase) -> {
      Double other = theirs.get(trace);
      if (other != null) {
        out.add(new TraceComparison(trace, mase, other));
      }
    });
    return out;
  }

  /**
   * Per trace, the mean MASE of {@code method} over every row and horizon of the trace; traces
   * where it did not run on every row are left out.
   */
  public Map<String, Double> traceMase(String method) {
    Map<String, List<CellResult>> byTrace = new LinkedHashMap<>();
    for (CellResult c : cells) {
      if (c.method().equals(method)) {
        byTrace.computeIfAbsent(TraceFamily.of(c.row().trace()), k -> new ArrayList<>()).add(c);
      }
    }
    Map<String, Double> out = new LinkedHashMap<>();
    byTrace.forEach((trace, list) -> {
      if (list.stream().allMatch(CellResult::ran)) {
        out.put(trace, list.stream().flatMap(c -> c.horizons().stream())
            .mapToDouble(HorizonScore::mase).average().orElseThrow());
      }
    });
    return out;
  }

  /** Traces in the run, in order of appearance. */
  public List<String> traces() {
    Set<String> names = new LinkedHashSet<>();
    cells.forEach(c -> names.add(TraceFamily.of(c.row().trace())));
    return List.copyOf(names);
  }
}
