package dev.headroom.cli;

import dev.headroom.engine.config.DurationText;
import dev.headroom.forecaster.Forecast;
import dev.headroom.forecaster.Forecaster;
import dev.headroom.forecaster.LiveForecast;
import dev.headroom.forecaster.influx.ForecastWriter;
import dev.headroom.forecaster.influx.InfluxHistory;
import dev.headroom.forecaster.output.ForecastFiles;
import dev.headroom.forecaster.series.RateSeries;
import dev.headroom.forecaster.trace.Trace;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code headroom forecast}: fit, select and calibrate on one series, print the peak ahead, write files. */
@Command(
    name = "forecast",
    mixinStandardHelpOptions = true,
    description = {
        "Forecast one series from a trace file or from InfluxDB history.",
        "Prints the chosen model, its backtest accuracy and the peak ahead; writes forecast.csv,",
        "forecast.json and forecast.svg (history, forecast and P90/P99 bands) into --out."})
public final class ForecastCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--trace", paramLabel = "FILE", required = true,
        description = "Trace file (any format the reader knows, gzip or not).")
    Path trace;

    @Option(names = "--key", paramLabel = "KEY", required = true,
        description = "Key whose history to read from InfluxDB (with --influx and --db).")
    String key;
  }

  @Mixin
  TraceInput traceInput;

  @Mixin
  InfluxInput influx;

  @Option(names = "--step", paramLabel = "DURATION", defaultValue = "1m", converter = ShortDuration.class,
      description = "Forecast step (default: ${DEFAULT-VALUE}, or the trace's own step when that is coarser).")
  Duration step;

  @Option(names = "--horizon", paramLabel = "DURATION", defaultValue = "24h", converter = ShortDuration.class,
      description = "How far ahead (default: ${DEFAULT-VALUE}).")
  Duration horizon;

  @Option(names = "--history", paramLabel = "DURATION", defaultValue = "30d", converter = ShortDuration.class,
      description = "InfluxDB only: how much history to read, ending at the key's newest point (default: ${DEFAULT-VALUE}).")
  Duration history;

  @Option(names = "--write-back", description = "InfluxDB only: also write the forecast to the 'forecast' measurement.")
  boolean writeBack;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "forecast-out",
      description = "Folder for forecast.csv, forecast.json and forecast.svg (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() throws Exception {
    PrintStream o = System.out;
    String key;
    RateSeries series;
    if (source.trace != null) {
      if (writeBack) {
        throw new ParameterException(spec.commandLine(), "--write-back needs --key with --influx and --db");
      }
      Trace probe = traceInput.read(source.trace, null);
      Duration native_ = probe.nativeStep();
      Duration used = native_ != null && native_.compareTo(step) > 0 ? native_ : step;
      Trace trace = used.equals(native_) ? probe : traceInput.read(source.trace, used);
      key = source.trace.getFileName().toString();
      series = trace.series();
      if (trace.skippedLines() > 0) {
        o.printf("skipped %d bad line(s), such as %s%n", trace.skippedLines(), trace.skippedExamples().getFirst());
      }
    } else {
      if (!influx.given() || influx.database == null) {
        throw new ParameterException(spec.commandLine(), "--key needs --influx URL and --db NAME");
      }
      key = source.key;
      try (InfluxHistory reader = new InfluxHistory(influx.endpoint())) {
        Instant end = reader.latest(key).orElseThrow(() -> new IllegalArgumentException(
            "key '" + key + "' has no points in measurement 'calls' of " + influx.endpoint().describe()));
        Instant to = end.plus(step);
        series = reader.requests(key, to.minus(history), to, step).trimLeadingMissing();
      }
    }
    int steps = (int) Math.max(1, horizon.toMillis() / series.stepMillis());
    long started = System.nanoTime();
    LiveForecast live = Forecaster.defaults().fit(series, steps);
    double fitMillis = (System.nanoTime() - started) / 1e6;
    Forecast forecast = live.forecast();
    report(o, key, series, forecast, fitMillis);
    ForecastFiles.Written files = ForecastFiles.write(out, key, series, forecast);
    for (Path p : files.all()) {
      o.println("wrote " + p);
    }
    if (writeBack) {
      try (ForecastWriter writer = new ForecastWriter(influx.endpoint())) {
        int points = writer.write(key, forecast);
        o.printf("wrote %d forecast point(s) to measurement 'forecast' of %s%n", points, influx.endpoint().describe());
      }
    }
    return 0;
  }

  private static void report(PrintStream o, String key, RateSeries series, Forecast f, double fitMillis) {
    o.printf("series   %s: %d steps of %s from %s (%d missing)%n", key, series.size(),
        DurationText.format(series.step()), series.start(), series.missingCount());
    o.printf("model    %s%n", f.model());
    Forecast.Backtest bt = f.backtest();
    if (bt.folds() > 0) {
      o.printf(Locale.ROOT, "backtest MASE %.3f, sMAPE %.1f%%, P90 coverage %.1f%%, P99 coverage %.1f%% (%d origins); fit %.0f ms%n",
          bt.mase(), bt.smape(), 100 * bt.coverageP90(), 100 * bt.coverageP99(), bt.folds(), fitMillis);
    } else {
      o.printf(Locale.ROOT, "backtest none (fallback); fit %.0f ms%n", fitMillis);
    }
    for (String note : f.notes()) {
      o.println("note     " + note);
    }
    int peak = 0;
    int peak90 = 0;
    for (int h = 1; h < f.horizon(); h++) {
      peak = f.mean()[h] > f.mean()[peak] ? h : peak;
      peak90 = f.p90()[h] > f.p90()[peak90] ? h : peak90;
    }
    o.printf(Locale.ROOT, "peak     %.1f per %s expected at %s (P90 %.1f, P99 %.1f)%n", f.mean()[peak],
        DurationText.format(Duration.ofMillis(f.stepMillis())), Instant.ofEpochMilli(f.timeMillis(peak)),
        f.p90()[peak], f.p99()[peak]);
    if (peak90 != peak) {
      o.printf(Locale.ROOT, "         highest P90 %.1f at %s%n", f.p90()[peak90], Instant.ofEpochMilli(f.timeMillis(peak90)));
    }
  }
}
