package dev.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForecastCommandTest {

  @TempDir
  Path dir;

  /** Ten days of 5-minute counts with a daily cycle, as {@code timestamp,value} CSV. */
  static Path trace(Path dir) throws IOException {
    Random random = new Random(4);
    StringBuilder csv = new StringBuilder("timestamp,value\n");
    long t0 = Instant.parse("2024-03-01T00:00:00Z").getEpochSecond();
    for (int i = 0; i < 288 * 10; i++) {
      double rate = 100 + 60 * Math.sin(2 * Math.PI * i / 288.0);
      csv.append(Instant.ofEpochSecond(t0 + 300L * i)).append(',')
          .append(Math.round(rate + 10 * random.nextGaussian())).append('\n');
    }
    return Files.writeString(dir.resolve("calls.csv"), csv);
  }

  @Test
  void forecastsATraceAndWritesCsvJsonAndChart() throws IOException {
    Path out = dir.resolve("out");
    CliRun run = CliRun.of("forecast", "--trace", trace(dir).toString(), "--step", "5m", "--horizon", "6h",
        "--out", out.toString());
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().contains("model    "), run.out());
    assertTrue(run.out().contains("backtest MASE"), run.out());
    assertTrue(run.out().contains("peak     "), run.out());
    List<String> csv = Files.readAllLines(out.resolve("forecast.csv"));
    assertEquals("time,mean,p50,p90,p99", csv.getFirst());
    assertEquals(1 + 72, csv.size());
    assertTrue(csv.get(1).startsWith("2024-03-11T00:00:00Z,"), csv.get(1));
    String json = Files.readString(out.resolve("forecast.json"));
    assertTrue(json.contains("\"model\": ") && json.contains("\"coverageP90\": "), json);
    String svg = Files.readString(out.resolve("forecast.svg"));
    assertTrue(svg.startsWith("<svg") && svg.contains("<polygon") && svg.trim().endsWith("</svg>"));
  }

  @Test
  void aBadLineIsNamedByFileAndLine() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.csv"),
        "timestamp,value\n2024-03-01T00:00:00Z,5\n2024-03-01T00:05:00Z,lots\n");
    CliRun run = CliRun.of("forecast", "--trace", bad.toString(), "--out", dir.resolve("o").toString());
    assertEquals(1, run.exit());
    assertTrue(run.err().contains("bad.csv:3"), run.err());
  }

  @Test
  void badOptionsAreRefusedWithTheirName() throws IOException {
    CliRun run = CliRun.of("forecast", "--trace", trace(dir).toString(), "--horizon", "soon");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("soon"), run.err());
    CliRun noDb = CliRun.of("forecast", "--key", "k", "--influx", "http://127.0.0.1:9");
    assertEquals(2, noDb.exit());
    assertTrue(noDb.err().contains("--db"), noDb.err());
  }
}
