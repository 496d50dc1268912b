package dev.headroom.forecaster.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.headroom.forecaster.series.RateSeries;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessLogTest {

  @TempDir
  Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    if (name.endsWith(".gz")) {
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
    } else {
      Files.writeString(p, text);
    }
    return p;
  }

  private static long micros(String iso) {
    Instant t = Instant.parse(iso);
    return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
  }

  @Test
  void commonLogFormatIsDetectedAndKeyedByHost() throws IOException {
    Path p = write("access_log", """
        127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326
        10.0.0.2 - - [10/Oct/2000:13:55:37 -0700] "GET /index.html HTTP/1.0" 304 -
        127.0.0.1 - frank [10/Oct/2000:13:55:37 -0700] "POST /form HTTP/1.1" 200 17
        """);
    Trace t = TraceReader.read(p);
    assertEquals(TraceFormat.ACCESS_LOG, t.format());
    RequestEvents e = t.requests().orElseThrow();
    assertArrayEquals(new long[] {micros("2000-10-10T20:55:36Z"), micros("2000-10-10T20:55:37Z"),
        micros("2000-10-10T20:55:37Z")}, e.timesMicros());
    assertEquals(List.of("127.0.0.1", "10.0.0.2"), e.keyNames());
    assertArrayEquals(new int[] {0, 1, 0}, e.keyIds());
    assertEquals(RateSeries.ofMillis(micros("2000-10-10T20:55:36Z") / 1000, 1000,
        new double[] {1, 2}), t.series());
  }

  @Test
  void nasaStyleLinesWithMissingFieldsGzippedAndOutOfOrder() throws IOException {
    // As in the NASA and ClarkNet logs: sizes of "-", a request without protocol, a stray quote,
    // a line cut short after the time, and a Combined Log Format line.
    Path p = write("NASA_access_log_Jul95.gz", """
        199.72.81.55 - - [01/Jul/1995:00:00:01 -0400] "GET /history/apollo/ HTTP/1.0" 200 6245
        unicomp6.unicomp.net - - [01/Jul/1995:00:00:06 -0400] "GET /shuttle/countdown/" 200 -
        burger.letters.com - - [01/Jul/1995:00:00:12 -0400] "GET /images/NASA-logosmall.gif HTTP/1.0" 304 0
        d104.aa.net - - [01/Jul/1995:00:00:13 -0400] "GET /sh"ut"tle/ HTTP/1.0" 404 -
        199.72.81.55 - - [01/Jul/1995:00:00:03 -0400]
        host7 - - [01/Jul/1995:00:00:14 -0400] "GET / HTTP/1.1" 200 12 "http://a/" "Mozilla/4.0 (X)"

        """);
    Trace t = TraceReader.read(p);
    assertEquals(TraceFormat.ACCESS_LOG, t.format());
    RequestEvents e = t.requests().orElseThrow();
    long s0 = micros("1995-07-01T04:00:00Z");
    long sec = 1_000_000;
    assertArrayEquals(new long[] {s0 + sec, s0 + 3 * sec, s0 + 6 * sec, s0 + 12 * sec,
        s0 + 13 * sec, s0 + 14 * sec}, e.timesMicros());
    assertEquals(List.of("199.72.81.55", "unicomp6.unicomp.net", "burger.letters.com",
        "d104.aa.net", "host7"), e.keyNames());
    assertEquals(6.0, sum(t.series()));
    assertEquals(0, t.skippedLines());
  }

  @Test
  void aBadLineNamesFileLineAndReason() throws IOException {
    Path p = write("access.log", """
        a - - [01/Jul/1995:00:00:01 -0400] "GET / HTTP/1.0" 200 1
        b - - [01/Jul/1995:00:00:02 -0400] "GET / HTTP/1.0" 200 1
        c - - 01/Jul/1995:00:00:03 "GET / HTTP/1.0" 200 1
        """);
    TraceException ex = assertThrows(TraceException.class, () -> TraceReader.read(p));
    assertEquals(p + ":3: no [dd/Mon/yyyy:HH:mm:ss zone] time field", ex.getMessage());
    assertEquals(3, ex.line());
  }

  @Test
  void badLinesAreSkippedUpToTheLimitThenFail() throws IOException {
    String text = """
        a - - [01/Jul/1995:00:00:01 -0400] "GET / HTTP/1.0" 200 1
        b - - [32/Jul/1995:00:00:02 -0400] "GET / HTTP/1.0" 200 1
        c - - [01/Jly/1995:00:00:02 -0400] "GET / HTTP/1.0" 200 1
        d - - [01/Jul/1995:00:00:04 -0400] "GET / HTTP/1.0" 200 1
        """;
    Path p = write("access.log", text);
    Trace t = TraceReader.read(p, TraceOptions.defaults().withMaxBadLines(2));
    assertEquals(2, t.skippedLines());
    assertEquals(2, t.requests().orElseThrow().size());
    assertEquals(List.of(p + ":2: cannot read time '32/Jul/1995:00:00:02 -0400' (expected"
        + " dd/Mon/yyyy:HH:mm:ss ±hhmm, as in 10/Oct/2000:13:55:36 -0700)",
        p + ":3: cannot read time '01/Jly/1995:00:00:02 -0400' (expected dd/Mon/yyyy:HH:mm:ss"
            + " ±hhmm, as in 10/Oct/2000:13:55:36 -0700)"), t.skippedExamples());

    TraceException ex = assertThrows(TraceException.class,
        () -> TraceReader.read(p, TraceOptions.defaults().withMaxBadLines(1)));
    assertEquals(3, ex.line());
    assertEquals(p + ":3: cannot read time '01/Jly/1995:00:00:02 -0400' (expected"
        + " dd/Mon/yyyy:HH:mm:ss ±hhmm, as in 10/Oct/2000:13:55:36 -0700) (more than 1 bad lines)",
        ex.getMessage());
  }

  @Test
  void aForcedFormatReadsALogWhoseFirstLineIsDamaged() throws IOException {
    Path p = write("access.log", """
        [garbage
         - - [01/Jul/1995:00:00:01 -0400] "GET / HTTP/1.0" 200 1
        a - - [01/Jul/1995:00:00:01 -0400] "GET / HTTP/1.0" 200 1
        """);
    TraceOptions forced = TraceOptions.defaults().withFormat(TraceFormat.ACCESS_LOG);
    TraceException ex = assertThrows(TraceException.class, () -> TraceReader.read(p, forced));
    assertEquals(p + ":1: no [dd/Mon/yyyy:HH:mm:ss zone] time field", ex.getMessage());
    Trace t = TraceReader.read(p, forced.withMaxBadLines(2).withStep(Duration.ofMinutes(1)));
    assertEquals(1, t.requests().orElseThrow().size());
    assertEquals(List.of(p + ":1: no [dd/Mon/yyyy:HH:mm:ss zone] time field",
        p + ":2: no host: an access-log line starts with the client host"), t.skippedExamples());
    assertEquals(Duration.ofMinutes(1), t.series().step());
  }

  @Test
  void onlyTheHostCanBeTheKey() throws IOException {
    Path p = write("access.log", "a - - [01/Jul/1995:00:00:01 -0400] \"GET /\" 200 1\n");
    TraceException ex = assertThrows(TraceException.class,
        () -> TraceReader.read(p, TraceOptions.defaults().withKeyColumn("user")));
    assertEquals(p + ": no key column 'user' in an access log: its requests are keyed by host",
        ex.getMessage());
    assertEquals(1, TraceReader.read(p, TraceOptions.defaults().withKeyColumn("HOST")).requests()
        .orElseThrow().size());
  }

  @Test
  void aLogOfOnlyBadLinesHasNoRequests() throws IOException {
    Path p = write("access.log", "a - - [01/Jul/1995:00:00:01 -0400] \"GET /\" 200 1\n".replace(
        "01/Jul", "00/Jul"));
    TraceOptions forced = TraceOptions.defaults().withFormat(TraceFormat.ACCESS_LOG)
        .withMaxBadLines(5);
    TraceException ex = assertThrows(TraceException.class, () -> TraceReader.read(p, forced));
    assertEquals(p + ": no requests in the access log", ex.getMessage());
  }

  private static double sum(RateSeries s) {
    double total = 0;
    for (double v : s.values()) {
      total += v;
    }
    return total;
  }
}
