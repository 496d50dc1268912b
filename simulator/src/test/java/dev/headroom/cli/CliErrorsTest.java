package dev.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every user error is one line, {@code headroom CMD: what is wrong}, with a non-zero exit and no
 * Java stack trace, unless --debug or HEADROOM_DEBUG=1 asks for one.
 */
class CliErrorsTest {

  @TempDir
  Path dir;

  /** A loopback port nothing listens on: connecting is refused at once. */
  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void assertOneLine(CliRun run, int exit, String start, String contains) {
    assertEquals(exit, run.exit(), run.err());
    assertTrue(run.err().startsWith(start), run.err());
    assertTrue(run.err().contains(contains), run.err());
    assertFalse(run.err().contains("\tat "), "a stack trace: " + run.err());
  }

  @Test
  void aMissingFileIsOneLine() {
    CliRun run = CliRun.of("import", "--trace", dir.resolve("nope.csv").toString(), "--key", "k",
        "--influx", "http://127.0.0.1:9", "--db", "d");
    assertOneLine(run, 1, "headroom import: ", "nope.csv");
    assertEquals(1, run.err().strip().lines().count(), run.err());

    CliRun serve = CliRun.of("serve", "--config", dir.resolve("missing.yaml").toString());
    assertOneLine(serve, 1, "headroom serve: ", "missing.yaml");
  }

  @Test
  void aBadFlagValueNamesTheFlagWithoutAStackTraceOrAPageOfUsage() throws IOException {
    CliRun run = CliRun.of("forecast", "--trace", ForecastCommandTest.trace(dir).toString(), "--horizon", "soon");
    assertOneLine(run, 2, "headroom forecast: ", "--horizon");
    assertTrue(run.err().strip().lines().count() <= 3, run.err());
    CliRun unknown = CliRun.of("simulate", "--scenarios", "protect");
    assertOneLine(unknown, 2, "headroom simulate: ", "--scenarios");
  }

  @Test
  void anUnreachableInfluxIsOneLineWithinTheTimeout() throws IOException {
    Path trace = ForecastCommandTest.trace(dir);
    String url = "http://127.0.0.1:" + closedPort();
    CliRun run = CliRun.of("import", "--trace", trace.toString(), "--key", "k", "--influx", url, "--db", "d",
        "--influx-timeout", "1s");
    assertOneLine(run, 1, "headroom import: ", "cannot connect");
    assertEquals(1, run.err().strip().lines().count(), run.err());

    CliRun forecast = CliRun.of("forecast", "--key", "k", "--influx", url, "--db", "d", "--influx-timeout", "1s");
    assertOneLine(forecast, 1, "headroom forecast: ", "cannot connect");
  }

  @Test
  void debugAddsTheStackTrace() throws IOException {
    String url = "http://127.0.0.1:" + closedPort();
    String[] args = {"import", "--trace", ForecastCommandTest.trace(dir).toString(), "--key", "k", "--influx", url,
        "--db", "d", "--influx-timeout", "1s"};
    CliRun flag = CliRun.of(prepend("--debug", args));
    assertEquals(1, flag.exit());
    assertTrue(flag.err().startsWith("headroom import: ") && flag.err().contains("\tat "), flag.err());
    CliRun after = CliRun.of(append(args, "-X"));
    assertTrue(after.err().contains("\tat "), "-X after the subcommand: " + after.err());
    CliRun env = CliRun.withEnv(Map.of("HEADROOM_DEBUG", "1")::get, args);
    assertTrue(env.err().contains("\tat "), env.err());
  }

  @Test
  void anInfluxUserNeedsItsPasswordVariable() throws IOException {
    CliRun run = CliRun.of("import", "--trace", ForecastCommandTest.trace(dir).toString(), "--key", "k",
        "--influx", "http://127.0.0.1:9", "--db", "d", "--influx-user", "bob", "--influx-password-env", "BOB_PW");
    assertOneLine(run, 1, "headroom import: ", "BOB_PW, which is not set");
  }

  private static String[] prepend(String first, String[] rest) {
    String[] out = new String[rest.length + 1];
    out[0] = first;
    System.arraycopy(rest, 0, out, 1, rest.length);
    return out;
  }

  private static String[] append(String[] rest, String last) {
    String[] out = java.util.Arrays.copyOf(rest, rest.length + 1);
    out[rest.length] = last;
    return out;
  }
}
