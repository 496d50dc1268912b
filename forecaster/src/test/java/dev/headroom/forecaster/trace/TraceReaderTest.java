package dev.headroom.forecaster.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

class TraceReaderTest {

  private static final double NaN = Double.NaN;

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

  private static long millis(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  // ---- counts (NASA, Twitter) ----

  @Test
  void countsOnOneGzippedLineFromTheEpochAtOneSecond() throws IOException {
    Trace t = TraceReader.read(write("workload.txt.gz", "1 0 0 12 3 "));
    assertEquals(TraceFormat.COUNTS, t.format());
    assertEquals(Duration.ofSeconds(1), t.nativeStep());
    assertEquals(RateSeries.ofMillis(0, 1000, new double[] {1, 0, 0, 12, 3}), t.series());
    assertTrue(t.requests().isEmpty());
  }

  @Test
  void countsOverManyLinesWithAStartAndBlocksFromTheFirstValue() throws IOException {
    Path p = write("counts.txt", "1 2\n3\r\n4 5 6\n7\n");
    Instant start = Instant.parse("1995-07-01T04:00:00.500Z");
    Trace t = TraceReader.read(p, TraceOptions.defaults().withCounts(start, Duration.ofSeconds(1))
        .withStep(Duration.ofSeconds(3)));
    // Blocks from the first value, not clock-aligned; the trailing 7 is a partial block.
    assertEquals(RateSeries.ofMillis(start.toEpochMilli(), 3000, new double[] {6, 15}), t.series());
  }

  @Test
  void aBadCountNamesItsLineAndPosition() throws IOException {
    Path p = write("counts.txt", "1 2\n3 x4 5\n");
    TraceException e = assertThrows(TraceException.class, () -> TraceReader.read(p));
    assertEquals(p + ":2: value 4 'x4' is not a count (a non-negative integer below 2^53)",
        e.getMessage());
    assertEquals(2, e.line());
  }

  @Test
  void aSkippedBadCountIsMissingSoLaterValuesKeepTheirTimes() throws IOException {
    Path p = write("counts.txt", "1 -2 3 4.5 6");
    Trace t = TraceReader.read(p, TraceOptions.defaults().withFormat(TraceFormat.COUNTS)
        .withMaxBadLines(2));
    assertArrayEquals(new double[] {1, NaN, 3, NaN, 6}, t.series().values());
    assertEquals(2, t.skippedLines());
    assertEquals(List.of(p + ":1: value 2 '-2' is not a count (a non-negative integer below 2^53)",
        p + ":1: value 4 '4.5' is not a count (a non-negative integer below 2^53)"),
        t.skippedExamples());
  }

  @Test
  void countsOfABigLineAcrossReadBuffers() throws IOException {
    StringBuilder sb = new StringBuilder();
    int n = 100_000;
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sb.append(i % 997).append(' ');
      sum += i % 997;
    }
    Trace t = TraceReader.read(write("big.txt.gz", sb.toString()));
    assertEquals(n, t.series().size());
    double total = 0;
    for (double v : t.series().values()) {
      total += v;
    }
    assertEquals(sum, total);
    assertEquals(996, t.series().value(996));
  }

  // ---- interval rows (WorldCup, Wikipedia, AWS, generic) ----

  @Test
  void worldCupStyleRowsPickTheKnownValueColumn() throws IOException {
    Path p = write("wc.csv", """
        timestamp,count_raw,count_thousand
        1998-05-30 21:50:00,12253,12.253
        1998-05-30 21:55:00,11737,11.737
        1998-05-30 22:00:00,100,0.1
        1998-05-30 22:05:00,200,0.2
        """);
    Trace t = TraceReader.read(p);
    assertEquals(TraceFormat.INTERVALS, t.format());
    assertEquals(Duration.ofMinutes(5), t.nativeStep());
    assertEquals(RateSeries.ofMillis(millis("1998-05-30T21:50:00Z"), 300_000,
        new double[] {12253, 11737, 100, 200}), t.series());

    Trace chosen = TraceReader.read(p, TraceOptions.defaults().withValueColumn("count_thousand"));
    assertEquals(12.253, chosen.series().value(0));
  }

  @Test
  void anAskedStepAggregatesRowsIntoCompleteClockBlocks() throws IOException {
    Path p = write("wc.csv", """
        timestamp,value
        2020-01-01 00:50:00,1
        2020-01-01 01:00:00,2
        2020-01-01 01:10:00,3
        2020-01-01 01:20:00,4
        2020-01-01 01:30:00,5
        2020-01-01 01:40:00,6
        2020-01-01 01:50:00,7
        2020-01-01 02:00:00,8
        2020-01-01 02:10:00,9
        """);
    Trace t = TraceReader.read(p, TraceOptions.defaults().withStep(Duration.ofMinutes(30)));
    assertEquals(Duration.ofMinutes(10), t.nativeStep());
    assertEquals(RateSeries.ofMillis(millis("2020-01-01T01:00:00Z"), 1_800_000,
        new double[] {2 + 3 + 4, 5 + 6 + 7}), t.series());
  }

  @Test
  void wikipediaStyleBlankSeparatedUnsortedRowsWithFloatEpochSeconds() throws IOException {
    Path p = write("wiki.csv", """
        timestamp count_req sum_req sum_bytes
        1451613600.0 10.0 300.0 2.4e+11
        1451606400.0 10.0 100.0 2.4e+11
        1451610000.0 10.0 200.0 2.4e+11
        """);
    Trace t = TraceReader.read(p);
    assertEquals(RateSeries.ofMillis(millis("2016-01-01T00:00:00Z"), 3_600_000,
        new double[] {100, 200, 300}), t.series());
  }

  @Test
  void missingStepsBecomeNaNNotZero() throws IOException {
    Path p = write("elb.csv", """
        timestamp,value
        2014-04-10 00:04:00,94.0
        2014-04-10 00:09:00,56.0
        2014-04-10 00:19:00,0.0
        2014-04-10 00:24:00,7.5
        2014-04-10 00:39:00,1.0
        """);
    Trace t = TraceReader.read(p);
    assertEquals(Duration.ofMinutes(5), t.nativeStep());
    assertArrayEquals(new double[] {94, 56, NaN, 0, 7.5, NaN, NaN, 1}, t.series().values());
    assertEquals(millis("2014-04-10T00:04:00Z"), t.series().startMillis());
  }

  @Test
  void genericRowsWithAnyHeaderIsoTimesAndAnEmptyValueAsMissing() throws IOException {
    Path p = write("rate.csv", """
        when,calls
        2024-03-01T00:00:30Z,5
        2024-03-01T00:01:30Z,
        2024-03-01T00:02:30Z,NaN
        2024-03-01T00:03:30Z,2
        """);
    Trace t = TraceReader.read(p, TraceOptions.defaults().withTimeColumn("when"));
    assertEquals(TraceFormat.INTERVALS, t.format());
    assertArrayEquals(new double[] {5, NaN, NaN, 2}, t.series().values());
  }

  @Test
  void headerlessRowsOfEpochMillis() throws IOException {
    Path p = write("rate.csv", "1700000000000,4\n1700000010000,5\n1700000020000,6\n");
    Trace t = TraceReader.read(p);
    assertEquals(RateSeries.ofMillis(1_700_000_000_000L, 10_000, new double[] {4, 5, 6}),
        t.series());
  }

  @Test
  void headerlessTabSeparatedDigitsAreCountsUnlessTheFormatIsForced() throws IOException {
    Path p = write("rate.tsv", "1700000000000\t4\n1700000010000\t5\n1700000020000\t6\n");
    assertEquals(6, TraceReader.read(p).series().size());
    Trace t = TraceReader.read(p, TraceOptions.defaults().withFormat(TraceFormat.INTERVALS));
    assertEquals(RateSeries.ofMillis(1_700_000_000_000L, 10_000, new double[] {4, 5, 6}),
        t.series());
  }

  @Test
  void intervalJsonLines() throws IOException {
    Path p = write("rate.jsonl", """
        {"ts": "2024-03-01T00:00:00Z", "count": 3, "meta": {"a": [1, {"b": "}"}]}}
        {"ts": "2024-03-01T00:02:00Z", "count": 5}
        {"ts": "2024-03-01T00:01:00Z", "count": 4}
        """);
    Trace t = TraceReader.read(p);
    assertEquals(TraceFormat.INTERVALS, t.format());
    assertArrayEquals(new double[] {3, 4, 5}, t.series().values());
  }

  @Test
  void aDuplicateTimestampIsABadLine() throws IOException {
    Path p = write("dup.csv", """
        timestamp,value
        2024-03-01 00:00:00,1
        2024-03-01 00:01:00,2
        2024-03-01 00:00:00,3
        """);
    TraceException e = assertThrows(TraceException.class, () -> TraceReader.read(p));
    assertEquals(p + ":4: duplicate timestamp 2024-03-01T00:00:00Z (first on line 2)",
        e.getMessage());
  }

  @Test
  void aRowOffTheGridIsABadLine() throws IOException {
    Path p = write("off.csv", """
        timestamp,value
        2024-03-01 00:00:00,1
        2024-03-01 00:01:00,2
        2024-03-01 00:02:00,3
        2024-03-01 00:02:30,9
        2024-03-01 00:03:00,4
        2024-03-01 00:04:00,5
        """);
    TraceException e = assertThrows(TraceException.class, () -> TraceReader.read(p));
    assertEquals(p + ":5: timestamp 2024-03-01T00:02:30Z is off the PT1M grid that starts at the"
        + " earliest row (2024-03-01T00:00:00Z)", e.getMessage());
    Trace t = TraceReader.read(p, TraceOptions.defaults().withMaxBadLines(1));
    assertArrayEquals(new double[] {1, 2, 3, 4, 5}, t.series().values());
    assertEquals(1, t.skippedLines());
  }

  @Test
  void badRowsNameFileLineAndReasonUntilTheLimit() throws IOException {
    Path p = write("bad.csv", """
        timestamp,value
        2024-03-01 00:00:00,1
        yesterday,2

        2024-03-01 00:02:00,-3
        2024-03-01 00:03:00
        2024-03-01 00:04:00,5
        2024-03-01 00:05:00,6
        """);
    TraceException first = assertThrows(TraceException.class, () -> TraceReader.read(p));
    assertEquals(p + ":3: cannot read timestamp 'yesterday' in column 'timestamp'",
        first.getMessage());
    assertEquals(p, first.file());
    assertEquals(3, first.line());

    TraceException over = assertThrows(TraceException.class,
        () -> TraceReader.read(p, TraceOptions.defaults().withMaxBadLines(2)));
    assertEquals(p + ":6: line has 1 field, but column 'value' is field 2 (more than 2 bad lines)",
        over.getMessage());

    Trace t = TraceReader.read(p, TraceOptions.defaults().withMaxBadLines(3));
    assertEquals(3, t.skippedLines());
    assertEquals(p + ":5: cannot read count '-3' in column 'value' (expected a non-negative number,"
        + " or empty or NaN when missing)", t.skippedExamples().get(1));
    assertArrayEquals(new double[] {1, NaN, NaN, NaN, 5, 6}, t.series().values());
  }

  @Test
  void anAskedStepThatIsNotAMultipleFails() throws IOException {
    Path p = write("rate.csv", "timestamp,value\n2024-03-01 00:00:00,1\n2024-03-01 00:05:00,2\n");
    TraceException e = assertThrows(TraceException.class,
        () -> TraceReader.read(p, TraceOptions.defaults().withStep(Duration.ofMinutes(7))));
    assertEquals(p + ": the asked step PT7M is not a multiple of the trace's step PT5M",
        e.getMessage());
  }

  @Test
  void aSingleRowNeedsTheStep() throws IOException {
    Path p = write("one.csv", "timestamp,value\n2024-03-01 00:00:00,1\n");
    TraceException e = assertThrows(TraceException.class, () -> TraceReader.read(p));
    assertEquals(p + ": cannot infer the step from a single timestamp; give the step",
        e.getMessage());
    Trace t = TraceReader.read(p, TraceOptions.defaults().withStep(Duration.ofMinutes(1)));
    assertEquals(RateSeries.ofMillis(millis("2024-03-01T00:00:00Z"), 60_000, new double[] {1}),
        t.series());
  }

  // ---- per-request rows (Azure, generic CSV and JSON lines) ----

  @Test
  void azureStyleRequestsKeepMicrosecondsAndBinOnTheClock() throws IOException {
    Path p = write("azure.csv", """
        TIMESTAMP,ContextTokens,GeneratedTokens
        2023-11-16 18:17:03.9799600,4808,10
        2023-11-16 18:17:04.0319600,3180,8
        2023-11-16 18:17:19.9999990,10,1
        2023-11-16 18:17:40.0000000,10,1
        """);
    Trace t = TraceReader.read(p, TraceOptions.defaults().withStep(Duration.ofSeconds(10)));
    assertEquals(TraceFormat.REQUESTS, t.format());
    RequestEvents r = t.requests().orElseThrow();
    assertArrayEquals(new long[] {micros("2023-11-16T18:17:03.979960Z"),
        micros("2023-11-16T18:17:04.031960Z"), micros("2023-11-16T18:17:19.999999Z"),
        micros("2023-11-16T18:17:40Z")}, r.timesMicros());
    assertFalse(r.hasKeys());
    assertEquals(RateSeries.ofMillis(millis("2023-11-16T18:17:00Z"), 10_000,
        new double[] {2, 1, 0, 0, 1}), t.series());
  }

  @Test
  void unsortedRequestsWithAKeyColumnAreSortedWithTheirKeys() throws IOException {
    Path p = write("req.csv", """
        time,tenant,path
        1700000002,b,/x
        1700000000,a,/y
        1700000001,"c, inc",/z
        1700000000.5,b,/w
        """);
    Trace t = TraceReader.read(p);
    RequestEvents r = t.requests().orElseThrow();
    assertArrayEquals(new long[] {1_700_000_000_000_000L, 1_700_000_000_500_000L,
        1_700_000_001_000_000L, 1_700_000_002_000_000L}, r.timesMicros());
    assertEquals(List.of("b", "a", "c, inc"), r.keyNames());
    assertEquals(List.of("a", "b", "c, inc", "b"),
        List.of(r.key(0), r.key(1), r.key(2), r.key(3)));
    // One-second bins by default.
    assertArrayEquals(new double[] {2, 1, 1}, t.series().values());
  }

  @Test
  void requestJsonLinesWithANamedKeyAndTimeField() throws IOException {
    Path p = write("req.jsonl.gz", """
        {"at": "2024-03-01T00:00:01.5Z", "user": "u\\"1", "bytes": 10}
        {"at": "2024-03-01T00:00:00Z", "user": "u2", "bytes": null}
        """);
    Trace t = TraceReader.read(p, TraceOptions.defaults().withTimeColumn("at")
        .withKeyColumn("user").withStep(Duration.ofSeconds(2)));
    RequestEvents r = t.requests().orElseThrow();
    assertEquals(2, r.size());
    assertEquals("u2", r.key(0));
    assertEquals("u\"1", r.key(1));
    assertArrayEquals(new double[] {2}, t.series().values());
  }

  @Test
  void aForcedFormatReadsADigitsOnlyFileAsRequests() throws IOException {
    Path p = write("epochs.txt", "1700000000\n1700000000\n1700000003\n");
    assertEquals(TraceFormat.COUNTS, TraceReader.read(p).format());
    Trace t = TraceReader.read(p, TraceOptions.defaults().withFormat(TraceFormat.REQUESTS));
    assertEquals(RateSeries.ofMillis(1_700_000_000_000L, 1000, new double[] {2, 0, 0, 1}),
        t.series());
  }

  @Test
  void aForcedFormatReadsAValueFileAsRequests() throws IOException {
    Path p = write("rate.csv", "timestamp,value\n1700000000,5\n1700000001,6\n");
    Trace t = TraceReader.read(p, TraceOptions.defaults().withFormat(TraceFormat.REQUESTS));
    assertEquals(2, t.requests().orElseThrow().size());
  }

  @Test
  void aBrokenJsonLineIsABadLine() throws IOException {
    Path p = write("req.jsonl", """
        {"timestamp": 1700000000}
        {"timestamp": 1700000001
        {"other": 1}
        """);
    TraceException e = assertThrows(TraceException.class, () -> TraceReader.read(p));
    assertEquals(p + ":2: line is not a JSON object: line ends inside the object", e.getMessage());
    Trace t = TraceReader.read(p, TraceOptions.defaults().withMaxBadLines(2));
    assertEquals(p + ":3: line has no field 'timestamp'", t.skippedExamples().get(1));
    assertEquals(1, t.requests().orElseThrow().size());
  }

  // ---- empty and malformed files ----

  @Test
  void anEmptyFileFails() throws IOException {
    Path p = write("empty.csv", "");
    assertEquals(p + ": empty trace: no data",
        assertThrows(TraceException.class, () -> TraceReader.read(p)).getMessage());
    Path blank = write("blank.txt.gz", "\n  \n");
    assertEquals(blank + ": empty trace: no data",
        assertThrows(TraceException.class, () -> TraceReader.read(blank)).getMessage());
  }

  @Test
  void aHeaderOnlyFileFails() throws IOException {
    Path p = write("header.csv", "timestamp,value\n\n");
    assertEquals(p + ": no data rows after the header",
        assertThrows(TraceException.class, () -> TraceReader.read(p)).getMessage());
  }

  @Test
  void aNamedColumnThatIsNotThereFails() throws IOException {
    Path p = write("rate.csv", "timestamp,value\n1700000000,5\n1700000001,6\n");
    TraceException e = assertThrows(TraceException.class,
        () -> TraceReader.read(p, TraceOptions.defaults().withValueColumn("hits")));
    assertEquals(p + ":1: no value column 'hits'; the columns are [timestamp, value]",
        e.getMessage());
  }

  @Test
  void allRowsBadButSkippedLeavesNoData() throws IOException {
    Path p = write("req.csv", "timestamp,path\nnope,/a\n");
    TraceException e = assertThrows(TraceException.class,
        () -> TraceReader.read(p, TraceOptions.defaults().withMaxBadLines(5)));
    assertEquals(p + ": no data rows", e.getMessage());
  }

  @Test
  void damagedGzipDataFailsNamingTheFile() throws IOException {
    Path whole = write("rate.csv.gz", "timestamp,value\n2024-03-01 00:00:00,1\n2024-03-01 00:01:00,2\n");
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = dir.resolve("cut.csv.gz");
    Files.write(cut, java.util.Arrays.copyOf(bytes, 20));
    assertEquals(cut + ": damaged gzip data (Unexpected end of ZLIB input stream)",
        assertThrows(TraceException.class, () -> TraceReader.read(cut)).getMessage());
    Path notGzip = dir.resolve("magic-only.gz");
    Files.write(notGzip, new byte[] {0x1f, (byte) 0x8b, 'x', 'y', 'z', 0, 0, 0, 0, 0, 0, 0});
    assertTrue(assertThrows(TraceException.class, () -> TraceReader.read(notGzip)).getMessage()
        .startsWith(notGzip + ": damaged gzip data ("));
  }

  @Test
  void requestsDecadesApartAreRefusedNotBinnedIntoBillions() throws IOException {
    Path p = write("req.csv", "time,key\n1,a\n2000000000,b\n");
    assertEquals(p + ": requests from 1970-01-01T00:00:01Z to 2033-05-18T03:33:20Z in bins of PT1S"
        + " make more than 100000000 bins",
        assertThrows(TraceException.class, () -> TraceReader.read(p)).getMessage());
    // A coarser step brings the same requests within bounds.
    assertEquals(2, TraceReader.read(p, TraceOptions.defaults().withStep(Duration.ofDays(365)))
        .requests().orElseThrow().size());
  }
}
