package dev.headroom.bench.limiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {

  private static String run(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(out));
    cli.execute(args);
    return out.toString();
  }

  @Test
  void benchListsTheLimiterForecastAndEngineSubcommands() {
    CommandLine bench = Main.commandLine().getSubcommands().get("bench");
    assertEquals(List.of("limiter", "forecast", "engine", "simulator", "policy"), List.copyOf(bench.getSubcommands().keySet()));
  }

  @Test
  void helpNamesEveryBenchmarkTheFilterCanSelect() {
    String help = run("bench", "limiter", "--help");
    for (String name : LimiterBench.allNames()) {
      assertTrue(help.matches("(?s).*\\b" + name + "\\b.*"), name + " missing from:\n" + help);
    }
  }

  @Test
  void aBadFilterIsAUsageError() {
    CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(new StringWriter()));
    assertNotEquals(0, cli.execute("bench", "limiter", "--filter", "(unclosed"));
  }

  @Test
  void regimesParseCaseInsensitively() {
    CommandLine.ParseResult parsed = Main.commandLine()
        .parseArgs("bench", "limiter", "--quick", "--regime", "LIMIT,allow", "--threads", "2");
    CommandLine.ParseResult limiter = parsed.subcommand().subcommand();
    assertEquals(List.of(Regime.LIMIT, Regime.ALLOW), limiter.matchedOptionValue("--regime", List.of()));
    assertEquals(List.of(2), limiter.matchedOptionValue("--threads", List.of()));
  }
}
