package dev.headroom.cli;

import dev.headroom.engine.config.DurationText;
import dev.headroom.forecaster.influx.ImportResult;
import dev.headroom.forecaster.influx.InfluxImporter;
import dev.headroom.forecaster.trace.Trace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code headroom import}: load a trace into InfluxDB's {@code calls} measurement for one key. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
        "Load a trace into InfluxDB 1.x as the request history of one key (measurement 'calls'),",
        "in large batches, so that 'forecast --key' and the engine can use it. Missing intervals stay missing."})
public final class ImportCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--trace", paramLabel = "FILE", required = true, description = "Trace file.")
  Path trace;

  @Option(names = "--key", paramLabel = "KEY", required = true, description = "Key (tag value) to store the trace under.")
  String key;

  @Option(names = "--step", paramLabel = "DURATION", converter = ShortDuration.class,
      description = "Aggregate to this step first (default: the trace's own step; one second for per-request files).")
  Duration step;

  @Option(names = "--batch", paramLabel = "N", defaultValue = "50000", description = "Points per write (default: ${DEFAULT-VALUE}).")
  int batch;

  @Mixin
  TraceInput traceInput;

  @Mixin
  InfluxInput influx;

  @Override
  public Integer call() throws Exception {
    if (!influx.given() || influx.database == null) {
      throw new ParameterException(spec.commandLine(), "import needs --influx URL and --db NAME");
    }
    if (batch < 1) {
      throw new ParameterException(spec.commandLine(), "--batch must be at least 1, got " + batch);
    }
    Trace t = traceInput.read(trace, step);
    if (t.skippedLines() > 0) {
      System.out.printf("skipped %d bad line(s), such as %s%n", t.skippedLines(), t.skippedExamples().getFirst());
    }
    try (InfluxImporter importer = new InfluxImporter(influx.endpoint(), batch, false)) {
      ImportResult r = importer.importSeries(key, t.series());
      double seconds = Math.max(r.millis(), 1) / 1000.0;
      System.out.printf(Locale.ROOT, "imported %,d point(s) of key '%s' (%s steps from %s; %,d missing skipped) "
              + "into %s in %.2f s: %,.0f points/s%n", r.points(), key, DurationText.format(t.series().step()),
          t.series().start(), r.skipped(), influx.endpoint().describe(), seconds, r.points() / seconds);
    }
    return 0;
  }
}
