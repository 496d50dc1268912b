package dev.headroom.bench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parser on outputs recorded from real wrk runs (see the README beside them). */
class WrkOutputTest {

  static String sample(String name) throws IOException {
    try (InputStream in = WrkOutputTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("no test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aCleanRunIsReadFromTheDoneLineExactly() throws IOException {
    WrkResult r = WrkOutput.parse(sample("decision-one-key.txt"));
    assertTrue(r.exact());
    assertEquals(2, r.threads());
    assertEquals(64, r.connections());
    assertEquals(17253, r.requests());
    assertEquals(3.005053, r.seconds(), 1e-9);
    assertEquals(17253 / 3.005053, r.requestsPerSecond(), 1e-6);
    // wrk's own rounded figure agrees
    assertEquals(5741.33, r.requestsPerSecond(), 0.01);
    assertEquals(7901, r.latency().p50Us());
    assertEquals(38526, r.latency().p90Us());
    assertEquals(92028, r.latency().p99Us());
    assertEquals(162546, r.latency().p999Us());
    assertEquals(196059, r.latency().maxUs());
    assertEquals(15889.810, r.latency().meanUs(), 1e-9);
    assertEquals(0, r.errors().total());
    assertTrue(r.problems().isEmpty());
  }

  @Test
  void withoutAScriptTheTextIsReadWithItsUnits() throws IOException {
    WrkResult r = WrkOutput.parse(sample("no-script.txt"));
    assertFalse(r.exact());
    assertEquals(88467, r.requests());
    assertEquals(2.02, r.seconds(), 1e-9);
    assertEquals(43814.00, r.requestsPerSecond(), 1e-9);
    assertEquals(263, r.latency().p50Us(), 1e-9); // "263.00us"
    assertEquals(3080, r.latency().p90Us(), 1e-9); // "3.08ms"
    assertEquals(44200, r.latency().p99Us(), 1e-9); // "44.20ms"
    assertEquals(2020, r.latency().meanUs(), 1e-9);
    assertEquals(6980, r.latency().stdevUs(), 1e-9);
    assertEquals(65530, r.latency().maxUs(), 1e-9);
    assertTrue(Double.isNaN(r.latency().p999Us()));
    assertTrue(r.problems().isEmpty());
  }

  @Test
  void latenciesOverASecondAreReadInSeconds() throws IOException {
    String out = sample("latency-in-seconds.txt");
    assertEquals(1_100_000, WrkOutput.micros("1.10s", out));
    WrkResult r = WrkOutput.parse(out);
    assertEquals(4, r.requests());
    assertEquals(1_100_884, r.latency().p99Us());
    // the text alone gives the same to its rounding
    WrkResult text = WrkOutput.parse(out.replaceAll("(?m)^HEADROOM_WRK.*$", ""));
    assertEquals(1_100_000, text.latency().p99Us(), 1e-6);
    assertEquals(1.33, text.requestsPerSecond(), 1e-9);
  }

  @Test
  void non2xxResponsesAreAProblem() throws IOException {
    WrkResult r = WrkOutput.parse(sample("non-2xx.txt"));
    assertEquals(55573, r.errors().non2xx());
    assertEquals(List.of("55,573 responses were not 2xx/3xx"), r.problems());
  }

  @Test
  void socketErrorsAreAProblem() throws IOException {
    WrkResult reads = WrkOutput.parse(sample("read-errors.txt"));
    assertEquals(new WrkResult.Errors(0, 382, 0, 0, 0), reads.errors());
    assertEquals(List.of("socket errors: connect 0, read 382, write 0, timeout 0"), reads.problems());

    WrkResult timeouts = WrkOutput.parse(sample("timeouts.txt"));
    assertEquals(new WrkResult.Errors(0, 0, 0, 8, 0), timeouts.errors());
    assertEquals(1, timeouts.problems().size());
  }

  @Test
  void aRunWithNoResponseIsAProblemEvenWithItsOddFigures() throws IOException {
    // The done line prints min as 2^64 when nothing was recorded: it must still parse.
    WrkResult r = WrkOutput.parse(sample("no-requests.txt"));
    assertEquals(0, r.requests());
    assertEquals(0, r.requestsPerSecond());
    assertTrue(r.problems().contains("no request completed"), r.problems().toString());
    assertEquals(33924, r.errors().write());
  }

  @Test
  void nothingOnStandardOutputIsUnreadable() throws IOException {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WrkOutput.parse(""));
    assertTrue(e.getMessage().contains("(empty)"), e.getMessage());
    // wrk prints "unable to connect" on standard error: what reaches the parser, if anything, is unreadable
    assertThrows(IllegalArgumentException.class, () -> WrkOutput.parse(sample("connection-refused.txt")));
  }

  @Test
  void aDoneLineThatDisagreesWithTheTextIsRejected() throws IOException {
    String out = sample("decision-distinct-keys.txt").replace("HEADROOM_WRK requests=52285", "HEADROOM_WRK requests=52284");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WrkOutput.parse(out));
    assertTrue(e.getMessage().contains("52284") && e.getMessage().contains("52285"), e.getMessage());

    String errors = sample("read-errors.txt").replace("read=382", "read=0");
    assertThrows(IllegalArgumentException.class, () -> WrkOutput.parse(errors));
  }

  @Test
  void missingPiecesAreNamed() throws IOException {
    String noDistribution = sample("no-script.txt").replaceAll("(?s)  Latency Distribution.*?(?=  \\d+ requests)", "");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WrkOutput.parse(noDistribution));
    assertTrue(e.getMessage().contains("--latency"), e.getMessage());

    String noRps = sample("decision-one-key.txt").replaceAll("(?m)^Requests/sec:.*$", "");
    e = assertThrows(IllegalArgumentException.class, () -> WrkOutput.parse(noRps));
    assertTrue(e.getMessage().contains("Requests/sec"), e.getMessage());

    String noP99 = sample("decision-one-key.txt").replaceAll("(?m)^\\s+99%.*$", "").replaceAll("(?m)^HEADROOM_WRK.*$", "");
    e = assertThrows(IllegalArgumentException.class, () -> WrkOutput.parse(noP99));
    assertTrue(e.getMessage().contains("99%"), e.getMessage());

    String brokenField = sample("decision-one-key.txt").replace("p99_us=92028", "p99_us=x");
    e = assertThrows(IllegalArgumentException.class, () -> WrkOutput.parse(brokenField));
    assertTrue(e.getMessage().contains("p99_us"), e.getMessage());
  }

  @Test
  void unknownTimeUnitsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> WrkOutput.micros("3.00ns", ""));
    assertThrows(IllegalArgumentException.class, () -> WrkOutput.micros("-nan%", ""));
    assertEquals(90e6, WrkOutput.micros("1.50m", ""));
    assertEquals(3.6e9, WrkOutput.micros("1.00h", ""));
  }
}
