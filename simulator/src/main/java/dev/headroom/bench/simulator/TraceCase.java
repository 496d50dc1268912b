package dev.headroom.bench.simulator;

import dev.headroom.forecaster.series.RateSeries;
import dev.headroom.forecaster.trace.Trace;
import dev.headroom.forecaster.trace.TraceFormat;
import dev.headroom.forecaster.trace.TraceOptions;
import dev.headroom.forecaster.trace.TraceReader;
import dev.headroom.simulator.scenario.Scenario;
import dev.headroom.simulator.scenario.SimInput;
import dev.headroom.simulator.scenario.TraceSeries;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedMap;

/**
 * One shared trace as the policy sections replay it: how its file(s) become per-key count series
 * (as {@code headroom simulate} reads a trace: {@link TraceReader}, then {@link TraceSeries#of}),
 * which window of it is simulated, and at what traffic scale.
 *
 * <p>Scale: the big traces (WorldCup, Wikipedia, Twitter) are thinned (history and window alike,
 * {@link SimInput.Plan#withThin}) to a few million requests per window, so that 4 scenarios x 12
 * replays each fit the section's time budget. Capacity is sized from the thinned traffic, so the
 * shape of the load is kept; only the Poisson noise grows relatively.
 *
 * @param id       short name, used in row names and params
 * @param files    the files read, relative to the datasets folder (for notes when missing)
 * @param window   simulated window: the last {@code window} of the series; null for the whole trace
 * @param scale    traffic multiplier
 * @param loader   reads the files into per-key series on one step
 */
record TraceCase(String id, List<String> files, Duration window, double scale, Loader loader) {

  /** Reads a trace's files from the datasets folder into per-key series (one key, or real tenants). */
  @FunctionalInterface
  interface Loader {
    SequencedMap<String, RateSeries> load(Path datasets) throws IOException;
  }

  /** Tenants the tenants scenario splits a one-key trace into (as {@code simulate --tenants}'s default). */
  static final int TENANTS = 3;

  static final String NASA_FILE = "nasa-http-1995/workload.txt.gz";
  static final Instant NASA_START = Instant.parse("1995-07-01T04:00:00Z");

  /** The six shared traces, with the windows and scales of the "policies" section. */
  static List<TraceCase> shared() {
    return List.of(
        new TraceCase("nasa", List.of(NASA_FILE), Duration.ofDays(7), 1, TraceCase::nasa),
        new TraceCase("worldcup98", List.of("worldcup98/worldcup98_5m.csv"), Duration.ofDays(7), 0.005,
            d -> one("worldcup98", read(d, "worldcup98/worldcup98_5m.csv",
                TraceOptions.defaults().withValueColumn("count_raw")).series())),
        new TraceCase("wikipedia", List.of("wikipedia-en-hourly-2016-01/1-2016_1-2016_hourly_summary_no_clean.csv"),
            Duration.ofDays(7), 0.001,
            d -> one("wikipedia", read(d, "wikipedia-en-hourly-2016-01/1-2016_1-2016_hourly_summary_no_clean.csv",
                TraceOptions.defaults().withValueColumn("sum_req")).series())),
        new TraceCase("aws-elb", List.of("aws-elb-requests/elb_request_count_8c0756.csv"), Duration.ofDays(7), 1,
            d -> one("aws-elb", read(d, "aws-elb-requests/elb_request_count_8c0756.csv",
                TraceOptions.defaults().withValueColumn("value")).series())),
        new TraceCase("azure-llm", List.of("azure-llm-inference-2023/AzureLLMInferenceTrace_code.csv",
            "azure-llm-inference-2023/AzureLLMInferenceTrace_conv.csv"), null, 1, TraceCase::azure),
        new TraceCase("twitter", List.of("twitter-stream-2021-08/workload.txt.gz"), Duration.ofDays(2), 0.25,
            d -> one("twitter", read(d, "twitter-stream-2021-08/workload.txt.gz",
                TraceOptions.defaults().withFormat(TraceFormat.COUNTS)).series())));
  }

  /** The whole NASA trace: per-second counts from 1995-07-01T04:00:00Z (July and August joined as the file has them). */
  static SequencedMap<String, RateSeries> nasa(Path datasets) throws IOException {
    return one("nasa", read(datasets, NASA_FILE, TraceOptions.defaults().withFormat(TraceFormat.COUNTS)
        .withCounts(NASA_START, Duration.ofSeconds(1))).series());
  }

  /**
   * Azure's two per-request files as two real tenants ({@code code}, {@code conv}), counted per
   * second on one grid from the first request of either to the last.
   */
  static SequencedMap<String, RateSeries> azure(Path datasets) throws IOException {
    Map<String, RateSeries> parts = new LinkedHashMap<>();
    for (String kind : List.of("code", "conv")) {
      Trace t = read(datasets, "azure-llm-inference-2023/AzureLLMInferenceTrace_" + kind + ".csv",
          TraceOptions.defaults().withFormat(TraceFormat.REQUESTS).withTimeColumn("TIMESTAMP"));
      parts.put(kind, TraceSeries.merged(TraceSeries.of(t, kind), kind).firstEntry().getValue());
    }
    return aligned(parts);
  }

  /** Series on one step put on a common grid (zeros where a series has no data). */
  static SequencedMap<String, RateSeries> aligned(Map<String, RateSeries> parts) {
    long step = parts.values().iterator().next().stepMillis();
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (RateSeries s : parts.values()) {
      first = Math.min(first, s.startMillis());
      last = Math.max(last, s.endMillis());
    }
    for (RateSeries s : parts.values()) {
      if (s.stepMillis() != step || (s.startMillis() - first) % step != 0) {
        throw new IllegalArgumentException("series on different grids: " + parts.keySet());
      }
    }
    int n = (int) ((last - first) / step);
    SequencedMap<String, RateSeries> out = new LinkedHashMap<>();
    for (var e : parts.entrySet()) {
      RateSeries s = e.getValue();
      double[] v = new double[n];
      int offset = (int) ((s.startMillis() - first) / step);
      for (int i = 0; i < s.size(); i++) {
        v[offset + i] = s.isMissing(i) ? 0 : s.value(i);
      }
      out.put(e.getKey(), RateSeries.ofMillis(first, step, v));
    }
    return out;
  }

  /**
   * The input of {@code scenario}, as {@code headroom simulate} builds it: one service's total
   * (keys merged) for protect, elastic and quota; for tenants the trace's own keys when it has
   * several, else {@value #TENANTS} rotated copies ({@link TraceSeries#rotatedTenants}).
   */
  SimInput input(SequencedMap<String, RateSeries> keys, Scenario scenario, Duration windowOverride) {
    SequencedMap<String, RateSeries> series;
    if (scenario == Scenario.TENANTS) {
      series = keys.size() > 1 ? keys : TraceSeries.rotatedTenants(keys.firstEntry().getValue(), "tenant", TENANTS);
    } else {
      series = TraceSeries.merged(keys, id);
    }
    Duration w = windowOverride != null ? windowOverride : window;
    return SimInput.of(id, series, SimInput.Plan.whole().withWindow(w).withThin(scale));
  }

  /** The window as params say it. */
  String windowLabel(Duration effective) {
    return effective == null ? "whole trace" : "last " + human(effective);
  }

  static String human(Duration d) {
    if (d.isZero()) {
      return "none";
    }
    if (d.toHours() >= 24) {
      return d.toSeconds() % 86_400 == 0 ? d.toDays() + " d"
          : String.format(Locale.ROOT, "%.1f d", d.toSeconds() / 86_400.0);
    }
    if (d.toMinutes() >= 60 && d.toMinutes() % 60 == 0) {
      return d.toHours() + " h";
    }
    return String.format(Locale.ROOT, "%.1f min", d.toSeconds() / 60.0);
  }

  private static SequencedMap<String, RateSeries> one(String key, RateSeries s) {
    SequencedMap<String, RateSeries> out = new LinkedHashMap<>();
    out.put(key, s.missingCount() > 0 ? s.interpolateMissing() : s);
    return out;
  }

  /** Reads a dataset file; a missing file fails with a message naming it. */
  static Trace read(Path dir, String name, TraceOptions options) throws IOException {
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new FileNotFoundException(file + " is missing from the datasets folder (see its SOURCES.md)");
    }
    return TraceReader.read(file, options);
  }
}
