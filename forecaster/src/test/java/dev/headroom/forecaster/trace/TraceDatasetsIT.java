package dev.headroom.forecaster.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.forecaster.series.RateSeries;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads every real trace in the shared datasets folder and checks the facts its SOURCES.md states.
 * Skipped when the folder is absent (set {@code -Dheadroom.datasets=...} to point at it).
 */
class TraceDatasetsIT {

  private static Path datasets;

  @BeforeAll
  static void findDatasets() {
    datasets = SharedDatasets.find().orElse(null);
    Assumptions.assumeTrue(datasets != null, "shared datasets folder not found at "
        + SharedDatasets.location() + " (set -D" + SharedDatasets.PROPERTY + "=...): skipped");
  }

  private static Trace read(String file) throws IOException {
    return TraceReader.read(datasets.resolve(file));
  }

  private static Trace read(String file, TraceOptions options) throws IOException {
    return TraceReader.read(datasets.resolve(file), options);
  }

  private static double sum(RateSeries s) {
    double total = 0;
    for (int i = 0; i < s.size(); i++) {
      total += s.isMissing(i) ? 0 : s.value(i);
    }
    return total;
  }

  private static int argMax(RateSeries s) {
    int best = 0;
    for (int i = 1; i < s.size(); i++) {
      if (s.value(i) > s.value(best)) {
        best = i;
      }
    }
    return best;
  }

  private static long millis(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  @Test
  void nasa() throws IOException {
    Trace t = read("nasa-http-1995/workload.txt.gz");
    RateSeries s = t.series();
    assertEquals(TraceFormat.COUNTS, t.format());
    assertEquals(5_059_950, s.size());
    assertEquals(3_461_610, sum(s));
    assertEquals(0, s.missingCount());
    // The longest zero run: the 1-3 Aug 1995 outage.
    int bestStart = -1;
    int bestLength = 0;
    for (int i = 0, run = 0; i < s.size(); i++) {
      run = s.value(i) == 0 ? run + 1 : 0;
      if (run > bestLength) {
        bestLength = run;
        bestStart = i - run + 1;
      }
    }
    assertEquals(135_851, bestLength);
    assertEquals(2_435_065, bestStart);
  }

  @Test
  void twitter() throws IOException {
    RateSeries s = read("twitter-stream-2021-08/workload.txt.gz").series();
    assertEquals(1_899_061, s.size());
    assertEquals(120_774_326, sum(s));
    int zeros = 0;
    for (int i = 0; i < s.size(); i++) {
      zeros += s.value(i) == 0 ? 1 : 0;
    }
    assertEquals(37_899, zeros);
    assertEquals(388, s.value(argMax(s)));
  }

  @Test
  void worldCup() throws IOException {
    Trace t = read("worldcup98/worldcup98_5m.csv");
    RateSeries s = t.series();
    assertEquals(TraceFormat.INTERVALS, t.format());
    assertEquals(Duration.ofMinutes(5), t.nativeStep());
    assertEquals(8_929, s.size());
    assertEquals(0, s.missingCount());
    assertEquals(millis("1998-05-30T21:50:00Z"), s.startMillis());
    assertEquals(millis("1998-06-30T21:50:00Z"), s.timeMillis(s.size() - 1));
    assertEquals(951_863_947, sum(s));
    int peak = argMax(s);
    assertEquals(1_079_332, s.value(peak));
    assertEquals(millis("1998-06-29T16:25:00Z"), s.timeMillis(peak));
  }

  @Test
  void wikipedia() throws IOException {
    Trace t = read("wikipedia-en-hourly-2016-01/1-2016_1-2016_hourly_summary_no_clean.csv");
    RateSeries s = t.series();
    assertEquals(Duration.ofHours(1), t.nativeStep());
    assertEquals(744, s.size());
    assertEquals(0, s.missingCount());
    assertEquals(millis("2016-01-01T00:00:00Z"), s.startMillis());
    assertEquals(millis("2016-01-31T23:00:00Z"), s.timeMillis(743));
    int peak = argMax(s);
    assertEquals(millis("2016-01-11T19:00:00Z"), s.timeMillis(peak));
    assertEquals(10.55e6, s.value(peak), 0.005e6);
  }

  @Test
  void awsElb() throws IOException {
    Trace t = read("aws-elb-requests/elb_request_count_8c0756.csv");
    RateSeries s = t.series();
    assertEquals(Duration.ofMinutes(5), t.nativeStep());
    assertEquals(4_032 + 8, s.size());
    assertEquals(8, s.missingCount());
    assertEquals(millis("2014-04-10T00:04:00Z"), s.startMillis());
    assertEquals(millis("2014-04-24T00:39:00Z"), s.timeMillis(s.size() - 1));
    for (int i = 0; i < s.size(); i++) {
      assertTrue(s.isMissing(i) || (s.value(i) >= 1 && s.value(i) <= 656), "value " + i);
    }
  }

  @Test
  void azure() throws IOException {
    Trace code = read("azure-llm-inference-2023/AzureLLMInferenceTrace_code.csv");
    RequestEvents r = code.requests().orElseThrow();
    assertEquals(8_819, r.size());
    assertEquals(8_819, sum(code.series()));
    assertEquals(67, code.series().value(argMax(code.series())));
    assertEquals(Instant.parse("2023-11-16T18:17:03.979960Z"),
        Instant.EPOCH.plusNanos(r.timeMicros(0) * 1000));
    assertEquals(millis("2023-11-16T19:14:19Z"), r.timeMicros(r.size() - 1) / 1_000_000 * 1000);

    Trace conv = read("azure-llm-inference-2023/AzureLLMInferenceTrace_conv.csv",
        TraceOptions.defaults().withStep(Duration.ofSeconds(10)));
    assertEquals(19_366, conv.requests().orElseThrow().size());
    assertEquals(19_366, sum(conv.series()));
    assertEquals(millis("2023-11-16T18:15:40Z"), conv.series().startMillis());
  }
}
