package dev.headroom.bench.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.headroom.forecaster.series.RateSeries;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The protocol's choices, on small stand-ins for the datasets written in a temporary folder. */
class ProtocolTracesTest {

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  @TempDir
  Path dir;

  @Test
  void originsRunFromTheTestStartWhileTheLongestHorizonFits() {
    assertArrayEquals(new int[] {168, 192, 216, 240, 264, 288, 312},
        ProtocolTraces.origins(336, 168, 24, 24));
    assertArrayEquals(new int[] {274, 308}, ProtocolTraces.origins(342, 274, 34, 30));
    assertThrows(IllegalArgumentException.class, () -> ProtocolTraces.origins(10, 5, 1, 6));
  }

  @Test
  void fourteenDaysOrMoreTestOnTheLastSevenDays() {
    ProtocolSeries row = ProtocolTraces.dayScale("x", flat(336, Duration.ofHours(1)));
    assertEquals(24, row.season());
    assertArrayEquals(new int[] {1, 24}, row.horizons());
    assertArrayEquals(new int[] {168, 192, 216, 240, 264, 288, 312}, row.origins());

    ProtocolSeries fine = ProtocolTraces.dayScale("x", flat(15 * 288, Duration.ofMinutes(5)));
    assertEquals(288, fine.season());
    assertArrayEquals(new int[] {12, 288}, fine.horizons());
    assertEquals(7, fine.origins().length);
    assertEquals(15 * 288 - 7 * 288, fine.origins()[0]);
  }

  @Test
  void shorterSeriesTestOnTheLastFifth() {
    ProtocolSeries row = ProtocolTraces.dayScale("x", flat(240, Duration.ofHours(1)));
    assertArrayEquals(new int[] {192, 216}, row.origins());
    ProtocolSeries azure = ProtocolTraces.azure("a", flat(349, Duration.ofSeconds(10)));
    assertEquals(6, azure.season());
    assertArrayEquals(new int[] {1, 6, 30}, azure.horizons());
    assertArrayEquals(new int[] {279, 314}, azure.origins());
  }

  @Test
  void buildsEveryRowAsTheProtocolSays() throws IOException {
    int days = 6; // a fifth of it (the test window) must hold the 24 h horizon
    writeCounts("nasa-http-1995/workload.txt.gz", days * 86_400 + 100);
    writeCounts("twitter-stream-2021-08/workload.txt.gz", days * 86_400 + 3599);
    LocalDateTime wcStart = LocalDateTime.parse("1998-05-30T21:50:00");
    try (Writer w = writer("worldcup98/worldcup98_5m.csv")) {
      w.write("timestamp,count_raw,count_thousand\n");
      for (int i = 0; i < days * 288 + 1; i++) {
        w.write(CLOCK.format(wcStart.plusMinutes(5L * i)) + ",1000,1.0\n");
      }
    }
    try (Writer w = writer(
        "wikipedia-en-hourly-2016-01/1-2016_1-2016_hourly_summary_no_clean.csv")) {
      w.write("timestamp count_req sum_req\n");
      for (int i = days * 24 - 1; i >= 0; i--) {
        w.write((1_451_606_400L + 3600L * i) + ".0 1.0 " + i + ".0\n");
      }
    }
    LocalDateTime awsStart = LocalDateTime.parse("2014-04-10T00:04:00");
    try (Writer w = writer("aws-elb-requests/elb_request_count_8c0756.csv")) {
      w.write("timestamp,value\n");
      for (int i = 0; i < days * 288; i++) {
        if (i != 100) {
          w.write(CLOCK.format(awsStart.plusMinutes(5L * i)) + "," + i + ".0\n");
        }
      }
    }
    for (String kind : List.of("code", "conv")) {
      try (Writer w = writer("azure-llm-inference-2023/AzureLLMInferenceTrace_" + kind + ".csv")) {
        w.write("TIMESTAMP,ContextTokens,GeneratedTokens\n");
        LocalDateTime t = LocalDateTime.parse("2023-11-16T18:17:03.5");
        for (int i = 0; i < 2000; i++) {
          w.write(CLOCK.format(t.plusSeconds(i)) + ".5000000,10,1\n");
        }
      }
    }

    List<ProtocolSeries> rows = ProtocolTraces.load(dir);
    assertEquals(List.of("nasa/5m", "nasa/1h", "twitter/5m", "twitter/1h", "worldcup/5m",
        "worldcup/1h", "wikipedia/1h", "aws/5m", "aws/1h", "azure-code/10s", "azure-conv/10s"),
        rows.stream().map(ProtocolSeries::name).toList());
    assertEquals(9, rows.stream().filter(ProtocolSeries::dayScale).count());

    // NASA and Twitter: blocks of seconds from index 0, trailing partial block dropped.
    assertSeries(rows.get(0), "1995-07-01T04:00:00Z", days * 288, 300);
    assertSeries(rows.get(1), "1995-07-01T04:00:00Z", days * 24, 3600);
    assertSeries(rows.get(3), "1970-01-01T00:00:00Z", days * 24, 3600);
    // WorldCup: rows as they are at 5 min; at 1 h complete clock hours from 22:00 only.
    assertSeries(rows.get(4), "1998-05-30T21:50:00Z", days * 288 + 1, 1000);
    assertSeries(rows.get(5), "1998-05-30T22:00:00Z", days * 24 - 1, 12_000);
    // Wikipedia: sorted.
    assertArrayEquals(RateSeries.ofMillis(0, 1, java.util.stream.IntStream.range(0, days * 24)
        .asDoubleStream().toArray()).values(), rows.get(6).series().values());
    // AWS: the missing step interpolated; hours are blocks of twelve steps from 00:04.
    RateSeries aws = rows.get(7).series();
    assertEquals(days * 288, aws.size());
    assertEquals(100.0, aws.value(100));
    RateSeries awsHours = rows.get(8).series();
    assertEquals(Instant.parse("2014-04-10T00:04:00Z"), awsHours.start());
    assertEquals(66.0, awsHours.value(0));
    // Azure: ten requests per full 10 s bin; the first and last bins dropped.
    assertSeries(rows.get(9), "2023-11-16T18:17:10Z", 199, 10);
  }

  private void assertSeries(ProtocolSeries row, String start, int size, double each) {
    RateSeries s = row.series();
    assertEquals(Instant.parse(start), s.start(), row.name());
    assertEquals(size, s.size(), row.name());
    assertEquals(0, Arrays.stream(s.values()).filter(v -> v != each).count(), row.name());
  }

  private void writeCounts(String name, int seconds) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
      byte[] one = "1 ".getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < seconds; i++) {
        out.write(one);
      }
    }
  }

  private Writer writer(String name) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    return Files.newBufferedWriter(p);
  }

  private static RateSeries flat(int n, Duration step) {
    double[] v = new double[n];
    Arrays.fill(v, 1);
    return RateSeries.of(Instant.EPOCH, step, v);
  }
}
