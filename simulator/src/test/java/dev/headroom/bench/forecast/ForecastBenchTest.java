package dev.headroom.bench.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ForecastBenchTest {

  private static List<ProtocolSeries> rows() {
    ProtocolSeries fiveMinutes = TestRows.row("nasa", Duration.ofMinutes(5), TestRows.seasonal(288 * 4, 288, 1), 288,
        new int[] {12, 288}, new String[] {"1h", "24h"}, new int[] {600, 700, 800}, true);
    ProtocolSeries hourly = TestRows.hourly("nasa", TestRows.seasonal(240, 24, 2), 150, 170, 200);
    ProtocolSeries other = TestRows.hourly("aws", TestRows.seasonal(240, 24, 3), 150, 170, 200);
    return List.of(fiveMinutes, hourly, other);
  }

  @Test
  void quickKeepsEachTracesCoarsestStepAndItsLastTwoOrigins() {
    List<ProtocolSeries> quick = ForecastBench.select(rows(), null, true);
    assertEquals(List.of("nasa/1h", "aws/1h"), quick.stream().map(ProtocolSeries::name).toList());
    assertArrayEquals(new int[] {170, 200}, quick.getFirst().origins());
  }

  @Test
  void theFilterFindsRowNames() {
    assertEquals(List.of("nasa/5m", "nasa/1h"),
        ForecastBench.select(rows(), Pattern.compile("nasa"), false).stream().map(ProtocolSeries::name).toList());
    assertEquals(List.of("nasa/1h", "aws/1h"),
        ForecastBench.select(rows(), Pattern.compile("/1h$"), false).stream().map(ProtocolSeries::name).toList());
  }

  @Test
  void aRunWithoutStatsmodelsWritesTheReportAndTables(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    ForecastBench.Options options = new ForecastBench.Options(null, false, false,
        new StatsmodelsBaseline.Settings(null, Duration.ofMinutes(1)), dir);
    int code = ForecastBench.run(options, rows(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(progress, true, StandardCharsets.UTF_8));
    assertEquals(0, code);
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("mean over day-scale rows"), text);
    assertTrue(text.matches("(?s).*targets met: \\d+ of \\d+ judged.*"), text);
    String json = Files.readString(dir.resolve("forecast.json"));
    assertTrue(json.contains("\"benchmark\": \"forecast\""), json);
    assertTrue(json.contains("\"name\": \"aws/1h seasonal-naive 24h\""), json);
    assertTrue(json.contains("\"name\": \"headroom-auto fit time vs statsmodels-hw\""), json);
  }

  @Test
  void forecastIsABenchSubcommandAndABadFilterIsAUsageError() {
    CommandLine cli = Main.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    assertNotEquals(0, cli.execute("bench", "forecast", "--filter", "(unclosed"));
    assertTrue(err.toString().contains("--filter: not a regular expression"), err.toString());
    StringWriter help = new StringWriter();
    CommandLine helpCli = Main.commandLine();
    helpCli.setOut(new PrintWriter(help));
    helpCli.execute("bench", "forecast", "--help");
    assertTrue(help.toString().contains("azure-conv/10s"), help.toString());
  }
}
