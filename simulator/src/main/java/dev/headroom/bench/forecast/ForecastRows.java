package dev.headroom.bench.forecast;

import dev.headroom.bench.BenchRow;
import dev.headroom.bench.Better;
import dev.headroom.bench.Ratios;
import dev.headroom.bench.Table;
import dev.headroom.bench.Table.Align;
import dev.headroom.bench.forecast.ForecastSummary.Average;
import dev.headroom.bench.forecast.ForecastSummary.TraceComparison;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The forecast benchmark's report rows (BENCHMARKS.md format) and console tables, with the issue's
 * targets for the automatic choice:
 * mean MASE at most 0.85x seasonal naive's at 1 h and 24 h, and at most 0.70 and 1.04; lower mean
 * MASE than statsmodels Holt-Winters on at least 5 of the 6 traces; P90 and P99 coverage within 3
 * points of nominal; fits at least 20x faster than statsmodels (ratio of fit times at most 0.05).
 * The MASE and coverage targets apply to the day-scale averages.
 */
public final class ForecastRows {

  public static final double MASE_RATIO_TARGET = 0.85;
  public static final Map<String, Double> MASE_TARGET = Map.of("1h", 0.70, "24h", 1.04);
  public static final int TRACE_WINS_TARGET = 5;
  public static final double COVERAGE_POINTS_TARGET = 3;
  public static final double FIT_RATIO_TARGET = 1.0 / 20;

  private ForecastRows() {}

  /** Every row of the report: per cell and horizon, per cell fit time, averages, targets. */
  public static List<BenchRow> rows(ForecastSummary summary) {
    List<BenchRow> rows = new ArrayList<>();
    for (CellResult c : summary.cells()) {
      rows.addAll(cellRows(summary, c));
    }
    for (Average a : summary.averages()) {
      rows.add(averageRow(summary, a));
    }
    rows.addAll(targetRows(summary, ForecastMethods.AUTOMATIC));
    return rows;
  }

  static List<BenchRow> cellRows(ForecastSummary summary, CellResult c) {
    List<BenchRow> rows = new ArrayList<>();
    ProtocolSeries row = c.row();
    CellResult naive = c.method().equals(SeasonalNaive.NAME) ? null : summary.cell(row.name(), SeasonalNaive.NAME);
    for (int i = 0; i < row.horizons().length; i++) {
      BenchRow.Builder b = BenchRow.builder(row.name() + " " + c.method() + " " + row.horizonLabels()[i])
          .params(params(row, c.method())).param("horizon", row.horizonLabels()[i])
          .param("horizon_steps", row.horizons()[i]).metric("mase");
      if (!c.ran()) {
        b.value(null, "").note(c.skipped());
      } else {
        HorizonScore s = c.horizon(i);
        b.value(round(s.mase()), "")
            .extra("smape_pct", round(s.smape()))
            .extra("p90_coverage_pct", round(s.p90Coverage()))
            .extra("p99_coverage_pct", round(s.p99Coverage()));
      }
      if (naive != null) {
        b.baseline(SeasonalNaive.NAME, naive.ran() ? round(naive.horizon(i).mase()) : null);
      }
      rows.add(b.build());
    }
    BenchRow.Builder fit = BenchRow.builder(row.name() + " " + c.method() + " fit")
        .params(params(row, c.method())).metric("fit_time");
    if (c.ran()) {
      fit.value(round(c.fitMillis()), "ms").note(c.note());
    } else {
      fit.value(null, "ms").note(c.skipped());
    }
    rows.add(fit.build());
    return rows;
  }

  private static Map<String, Object> params(ProtocolSeries row, String method) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("trace", row.trace());
    p.put("step", row.name().substring(row.name().indexOf('/') + 1));
    p.put("method", method);
    p.put("season", row.season());
    p.put("origins", row.origins().length);
    return p;
  }

  static BenchRow averageRow(ForecastSummary summary, Average a) {
    BenchRow.Builder b = BenchRow.builder("mean " + a.group() + " " + a.method() + " " + a.horizon())
        .param("group", a.group()).param("method", a.method()).param("horizon", a.horizon())
        .param("rows", a.rows()).metric("mean_mase");
    if (!a.complete()) {
      return b.value(null, "").note(a.missing()).build();
    }
    b.value(round(a.mase()), "").extra("smape_pct", round(a.smape()))
        .extra("p90_coverage_pct", round(a.p90Coverage())).extra("p99_coverage_pct", round(a.p99Coverage()))
        .extra("fit_ms", round(a.fitMillis()));
    Double protocol = protocolMase(a);
    if (protocol != null) {
      b.extra("protocol_value", protocol).extra("protocol_difference", round(a.mase() - protocol));
    }
    if (!a.method().equals(SeasonalNaive.NAME)) {
      Average naive = summary.average(SeasonalNaive.NAME, a.group(), a.horizon());
      b.baseline(SeasonalNaive.NAME, naive.complete() ? round(naive.mase()) : null);
    }
    return b.build();
  }

  /**
   * The protocol's published figure for this average, or null when it lists none or the average
   * is not over the same nine rows (a --quick or --filter run).
   */
  public static Double protocolMase(Average a) {
    double[] published = ForecastSummary.PROTOCOL_MASE.get(a.method());
    int i = ForecastSummary.PROTOCOL_HORIZONS.indexOf(a.horizon());
    boolean comparable = a.group().equals(ForecastSummary.DAY_SCALE) && a.rows() == ForecastSummary.PROTOCOL_ROWS;
    return published == null || i < 0 || !comparable ? null : published[i];
  }

  /** The targets for {@code method} (the automatic choice). */
  static List<BenchRow> targetRows(ForecastSummary summary, String method) {
    String absent = summary.methods().contains(method) ? null
        : "no method named " + method + " in this run (ForecastMethods.all(), --filter)";
    String group = ForecastSummary.DAY_SCALE;
    List<BenchRow> rows = new ArrayList<>();
    for (String h : ForecastSummary.PROTOCOL_HORIZONS) {
      Average mine = summary.average(method, group, h);
      Average naive = summary.average(SeasonalNaive.NAME, group, h);
      rows.add(target(BenchRow.builder(method + " mean MASE " + h + " vs seasonal naive"), absent, mine)
          .param("group", group).param("horizon", h).metric("mean_mase")
          .value(mine.complete() ? round(mine.mase()) : null, "")
          .baseline(SeasonalNaive.NAME, naive.complete() ? round(naive.mase()) : null)
          .target(MASE_RATIO_TARGET, Better.LOWER).build());
      rows.add(target(BenchRow.builder(method + " mean MASE " + h), absent, mine)
          .param("group", group).param("horizon", h).metric("mean_mase")
          .value(mine.complete() ? round(mine.mase()) : null, "")
          .target(MASE_TARGET.get(h), Better.LOWER).build());
    }
    List<TraceComparison> traces = summary.traceComparison(method, StatsmodelsBaseline.HOLT_WINTERS);
    BenchRow.Builder wins = BenchRow.builder(method + " traces beating " + StatsmodelsBaseline.HOLT_WINTERS)
        .param("traces", summary.traces().size()).metric("traces_won")
        .target(TRACE_WINS_TARGET, Better.HIGHER);
    if (absent != null) {
      wins.value(null, "traces").note(absent);
    } else if (traces.isEmpty()) {
      wins.value(null, "traces").note(StatsmodelsBaseline.HOLT_WINTERS + " has no complete trace in this run");
    } else {
      Map<String, Object> each = new LinkedHashMap<>();
      traces.forEach(t -> each.put(t.trace(), List.of(round(t.mase()), round(t.rivalMase()))));
      wins.value((double) traces.stream().filter(TraceComparison::wins).count(), "traces")
          .extra("mean_mase_vs_rival", each);
      if (traces.size() < summary.traces().size()) {
        wins.note("only " + traces.size() + " of " + summary.traces().size() + " traces compared (others did not run)");
      }
    }
    rows.add(wins.build());
    for (String h : ForecastSummary.PROTOCOL_HORIZONS) {
      Average mine = summary.average(method, group, h);
      for (int nominal : new int[] {90, 99}) {
        double coverage = nominal == 90 ? mine.p90Coverage() : mine.p99Coverage();
        rows.add(target(BenchRow.builder(method + " P" + nominal + " coverage " + h), absent, mine)
            .param("group", group).param("horizon", h).param("nominal_pct", nominal).metric("coverage_error")
            .value(mine.complete() ? round(Math.abs(coverage - nominal)) : null, "points")
            .extra("coverage_pct", mine.complete() ? round(coverage) : null)
            .target(COVERAGE_POINTS_TARGET, Better.LOWER).build());
      }
    }
    Average mine = summary.average(method, group, ForecastSummary.PROTOCOL_HORIZONS.getFirst());
    for (String rival : StatsmodelsBaseline.METHODS) {
      Average theirs = summary.average(rival, group, ForecastSummary.PROTOCOL_HORIZONS.getFirst());
      BenchRow.Builder b = target(BenchRow.builder(method + " fit time vs " + rival), absent, mine)
          .param("group", group).metric("fit_time")
          .value(mine.complete() ? round(mine.fitMillis()) : null, "ms")
          .baseline(rival, theirs.complete() ? round(theirs.fitMillis()) : null)
          .target(FIT_RATIO_TARGET, Better.LOWER);
      if (!theirs.complete()) {
        b.note(rival + ": " + theirs.missing());
      }
      rows.add(b.build());
    }
    return rows;
  }

  private static BenchRow.Builder target(BenchRow.Builder b, String absent, Average mine) {
    b.note(absent != null ? absent : mine.complete() ? null : mine.missing());
    return b;
  }

  /** Per-row table of one group: MASE at each horizon, sMAPE and coverage at the longest, fit ms. */
  public static Table cellTable(ForecastSummary summary, String group) {
    List<String> horizons = summary.horizons(group);
    String longest = horizons.getLast();
    Table t = new Table().column("row", Align.LEFT).column("method", Align.LEFT);
    horizons.forEach(h -> t.column("MASE " + h, Align.RIGHT));
    t.column("sMAPE " + longest, Align.RIGHT).column("P90 cov", Align.RIGHT).column("P99 cov", Align.RIGHT)
        .column("fit ms", Align.RIGHT).column("note", Align.LEFT);
    for (CellResult c : summary.cells()) {
      if (!ForecastSummary.group(c.row()).equals(group)) {
        continue;
      }
      List<Object> cells = new ArrayList<>(List.of(c.row().name(), c.method()));
      if (!c.ran()) {
        for (int i = 0; i < horizons.size() + 4; i++) {
          cells.add("-");
        }
        cells.add("skipped: " + shorten(c.skipped()));
      } else {
        List<HorizonScore> scores = c.horizons();
        scores.forEach(s -> cells.add(fmt(s.mase(), 3)));
        HorizonScore last = scores.getLast();
        cells.add(fmt(last.smape(), 1));
        cells.add(fmt(last.p90Coverage(), 1));
        cells.add(fmt(last.p99Coverage(), 1));
        cells.add(fmt(c.fitMillis(), 3));
        cells.add("");
      }
      t.row(cells.toArray());
    }
    return t;
  }

  /** Averages per method, with the protocol's published figure beside ours where it lists one. */
  public static Table averageTable(ForecastSummary summary, String group) {
    List<String> horizons = summary.horizons(group);
    Table t = new Table().column("mean over " + group + " rows", Align.LEFT);
    for (String h : horizons) {
      t.column("MASE " + h, Align.RIGHT);
      if (group.equals(ForecastSummary.DAY_SCALE)) {
        t.column("protocol", Align.RIGHT);
      }
    }
    t.column("vs naive " + horizons.getLast(), Align.RIGHT).column("P90 cov", Align.RIGHT)
        .column("P99 cov", Align.RIGHT).column("fit ms", Align.RIGHT);
    for (String method : summary.methods()) {
      List<Object> cells = new ArrayList<>(List.of(method));
      Average last = null;
      for (String h : horizons) {
        Average a = summary.average(method, group, h);
        cells.add(a.complete() ? fmt(a.mase(), 3) : "-");
        if (group.equals(ForecastSummary.DAY_SCALE)) {
          Double p = protocolMase(a);
          cells.add(p == null ? "" : fmt(p, 3));
        }
        last = a;
      }
      Average naive = summary.average(SeasonalNaive.NAME, group, horizons.getLast());
      cells.add(last.complete() && naive.complete() ? Ratios.format(Ratios.ratio(last.mase(), naive.mase())) : "-");
      cells.add(last.complete() ? fmt(last.p90Coverage(), 1) : "-");
      cells.add(last.complete() ? fmt(last.p99Coverage(), 1) : "-");
      cells.add(last.complete() ? fmt(last.fitMillis(), 3) : "-");
      t.row(cells.toArray());
    }
    return t;
  }

  /** Mean MASE per trace (over its rows and horizons) of every method. */
  public static Table traceTable(ForecastSummary summary) {
    Table t = new Table().column("trace", Align.LEFT);
    List<String> methods = summary.methods();
    methods.forEach(m -> t.column(m, Align.RIGHT));
    for (String trace : summary.traces()) {
      List<Object> cells = new ArrayList<>(List.of(trace));
      for (String m : methods) {
        Double mase = summary.traceMase(m).get(trace);
        cells.add(mase == null ? "-" : fmt(mase, 3));
      }
      t.row(cells.toArray());
    }
    return t;
  }

  /** Target rows with their verdicts. */
  public static Table targetTable(List<BenchRow> rows) {
    Table t = new Table().column("target", Align.LEFT).column("value", Align.RIGHT).column("ratio", Align.RIGHT)
        .column("wanted", Align.LEFT).column("met", Align.LEFT);
    for (BenchRow r : rows) {
      if (r.target() == null) {
        continue;
      }
      String wanted = (r.better() == Better.LOWER ? "<= " : ">= ") + fmt(r.target(), 3)
          + (r.baseline() != null ? "x " + r.baseline() : "");
      Boolean met = r.meetsTarget();
      t.row(r.name(), r.value() == null ? "-" : fmt(r.value(), 3) + (r.unit().isEmpty() ? "" : " " + r.unit()),
          r.baseline() == null ? "" : Ratios.format(r.ratio()), wanted,
          met == null ? "n/a: " + shorten(r.note() == null ? "baseline missing" : r.note()) : met ? "yes" : "NO");
    }
    return t;
  }

  static Double round(double x) {
    return Double.isFinite(x) ? Ratios.round(x, 4) : null;
  }

  static String fmt(double x, int decimals) {
    if (!Double.isFinite(x)) {
      return "-";
    }
    if (Math.abs(x) >= 1000) {
      return String.format(Locale.ROOT, "%.0f", x);
    }
    return String.format(Locale.ROOT, "%." + decimals + "f", x);
  }

  private static String shorten(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
