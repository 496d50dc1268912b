package dev.headroom.bench.forecast;

import dev.headroom.bench.BenchReport;
import dev.headroom.bench.BenchRow;
import dev.headroom.forecaster.series.RateSeries;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code headroom bench forecast}: the rolling-origin evaluation of shared/FORECAST_PROTOCOL.md on
 * every protocol row, for every Java method ({@link ForecastMethods}) and the statsmodels baselines
 * in the same run. Prints tables and writes {@code bench-results/forecast.json}.
 */
public final class ForecastBench {

  public static final String NAME = "forecast";
  /** Origins kept per row by --quick (the last ones, which have the most history). */
  static final int QUICK_ORIGINS = 2;

  /**
   * @param filter selects rows by a find() on their names ({@code nasa/5m}, {@code azure-code/10s});
   *     null for all
   * @param quick a smoke run: each trace's coarsest step only, and its last {@link #QUICK_ORIGINS} origins
   * @param statsmodels whether to run the statsmodels baselines at all
   */
  public record Options(Pattern filter, boolean quick, boolean statsmodels, StatsmodelsBaseline.Settings python,
      Path resultsDir) {}

  private ForecastBench() {}

  /**
   * Evaluates the rows {@code options} select; returns the exit code: 0, or 1 when a Java method
   * failed on a row (a baseline that cannot run is reported in its rows, not as a failure).
   */
  public static int run(Options options, List<ProtocolSeries> all, PrintStream out, PrintStream progress)
      throws IOException {
    return run(options, all, null, out, progress);
  }

  /**
   * As {@link #run(Options, List, PrintStream, PrintStream)}, plus the fit-at-scale rows on
   * {@code scale} (30 days per minute) when it is not null.
   */
  public static int run(Options options, List<ProtocolSeries> all, RateSeries scale, PrintStream out,
      PrintStream progress) throws IOException {
    Instant started = Instant.now();
    List<ProtocolSeries> rows = select(all, options.filter(), options.quick());
    if (rows.isEmpty()) {
      out.println("bench forecast: --filter " + options.filter() + " selects no row. Rows: "
          + String.join(", ", all.stream().map(ProtocolSeries::name).toList()));
      return 2;
    }
    List<ForecastMethod> methods = ForecastMethods.all();
    progress.printf(Locale.ROOT, "bench forecast (%s): %d rows x %d Java methods%s%n",
        options.quick() ? "quick" : "full", rows.size(), methods.size(),
        options.statsmodels() ? " + statsmodels (" + String.join(", ", StatsmodelsBaseline.METHODS) + ")" : "");
    List<CellResult> cells = new ArrayList<>(Evaluation.run(rows, methods, progress));
    if (options.statsmodels()) {
      List<CellResult> baselines = StatsmodelsBaseline.run(rows, options.python(), progress);
      baselines.stream().filter(c -> !c.ran()).map(c -> c.skipped()).distinct()
          .forEach(reason -> progress.println("statsmodels skipped: " + reason));
      cells.addAll(baselines);
    }
    cells = inRowOrder(rows, cells);
    ForecastSummary summary = new ForecastSummary(cells);
    List<BenchRow> report = new ArrayList<>(ForecastRows.rows(summary));
    if (scale != null) {
      report.addAll(FitScale.rows(scale, progress));
    } else {
      progress.println("fit at scale: skipped, the NASA trace is not in the datasets folder");
    }

    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("mode", options.quick() ? "quick" : "full");
    settings.put("protocol", "shared/FORECAST_PROTOCOL.md");
    settings.put("rows", rows.stream().map(ProtocolSeries::name).toList());
    settings.put("methods", summary.methods());
    if (options.filter() != null) {
      settings.put("filter", options.filter().pattern());
    }
    settings.put("duration_s", Duration.between(started, Instant.now()).toSeconds());
    Path file = new BenchReport(NAME, started, BenchReport.Machine.current(), settings, report)
        .writeTo(options.resultsDir());

    for (String group : summary.groups()) {
      out.println();
      out.print(ForecastRows.cellTable(summary, group).render());
      out.println();
      out.print(ForecastRows.averageTable(summary, group).render());
    }
    out.println();
    out.print(ForecastRows.traceTable(summary).render());
    out.println();
    out.print(ForecastRows.targetTable(report).render());
    long hits = report.stream().filter(r -> Boolean.TRUE.equals(r.meetsTarget())).count();
    long misses = report.stream().filter(r -> Boolean.FALSE.equals(r.meetsTarget())).count();
    out.printf(Locale.ROOT, "%ntargets met: %d of %d judged. Report: %s%n", hits, hits + misses, file);
    List<CellResult> failed = cells.stream()
        .filter(c -> !c.ran() && !StatsmodelsBaseline.METHODS.contains(c.method())).toList();
    failed.forEach(c -> out.println("FAILED " + c.row().name() + " " + c.method() + ": " + c.skipped()));
    return failed.isEmpty() ? 0 : 1;
  }

  /** The rows matching {@code filter}; with {@code quick}, each trace's coarsest step and last origins. */
  static List<ProtocolSeries> select(List<ProtocolSeries> all, Pattern filter, boolean quick) {
    List<ProtocolSeries> out = new ArrayList<>();
    for (ProtocolSeries row : all) {
      if (filter != null && !filter.matcher(row.name()).find()) {
        continue;
      }
      if (quick) {
        long coarsest = all.stream().filter(r -> r.trace().equals(row.trace()))
            .mapToLong(r -> r.series().stepMillis()).max().orElseThrow();
        if (row.series().stepMillis() != coarsest) {
          continue;
        }
        int[] origins = row.origins();
        int[] last = Arrays.copyOfRange(origins, Math.max(0, origins.length - QUICK_ORIGINS), origins.length);
        out.add(new ProtocolSeries(row.trace(), row.series(), row.season(), row.horizons(), row.horizonLabels(),
            last, row.dayScale()));
      } else {
        out.add(row);
      }
    }
    return out;
  }

  /** Cells ordered by row, then Java methods, then baselines: the tables read row by row. */
  private static List<CellResult> inRowOrder(List<ProtocolSeries> rows, List<CellResult> cells) {
    List<CellResult> out = new ArrayList<>();
    for (ProtocolSeries row : rows) {
      cells.stream().filter(c -> c.row() == row).forEach(out::add);
    }
    return out;
  }

  /**
   * Where the datasets are: the system property {@code headroom.datasets}, else
   * {@code ../shared/datasets} beside the repository this class was built in, else
   * {@code /work/shared/datasets}.
   */
  public static Path defaultDatasets() {
    String property = System.getProperty("headroom.datasets");
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    Path root = repositoryRoot();
    if (root != null) {
      Path beside = root.resolve("../shared/datasets").normalize();
      if (Files.isDirectory(beside)) {
        return beside;
      }
    }
    return Path.of("/work/shared/datasets");
  }

  /** The checkout holding this class's jar or classes folder (simulator/target/...), or null. */
  static Path repositoryRoot() {
    try {
      Path p = Path.of(ForecastBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (; p != null; p = p.getParent()) {
        if (Files.isRegularFile(p.resolve("headroom")) && Files.isRegularFile(p.resolve("pom.xml"))) {
          return p;
        }
      }
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      // No code source (an unusual class loader): fall back to the fixed location.
    }
    return null;
  }
}
