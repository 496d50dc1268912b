package dev.headroom.forecaster.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * The trace readers under arbitrary bytes: every file either reads or fails with a
 * {@link TraceException} naming the file and a line of it, never with another exception and never
 * without end. Each input is read as detected (counts, access log, JSON lines, delimited; gzip by
 * its magic bytes) and again with a few bad lines allowed and a one-minute step (the skipping and
 * aggregating paths). {@code mvn verify} replays the corpus in
 * {@code TraceReaderFuzzTestInputs/read} and then fuzzes for a bounded time (the forecaster's
 * {@code fuzz} profile).
 */
// Per input, on a thread of its own so that a reader that never returns still fails the test;
// while fuzzing, Jazzer turns it into libFuzzer's -timeout (the fuzz profile turns JUnit's off).
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TraceReaderFuzzTest {

  private static final Path FILE;

  static {
    try {
      FILE = Files.createTempFile("trace-fuzz", ".txt");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    FILE.toFile().deleteOnExit();
  }

  @FuzzTest(maxDuration = "20s") // mvn verify sets it from ${fuzz.duration}
  void read(byte[] bytes) throws IOException {
    Files.write(FILE, bytes);
    long lines = 1;
    for (byte b : bytes) {
      lines += b == '\n' || b == '\r' ? 1 : 0; // a lone CR ends a line too
    }
    readOrTraceException(TraceOptions.defaults(), lines);
    readOrTraceException(TraceOptions.defaults().withMaxBadLines(3).withStep(Duration.ofMinutes(1)), lines);
  }

  private static void readOrTraceException(TraceOptions options, long lines) throws IOException {
    Trace trace;
    try {
      trace = TraceReader.read(FILE, options);
    } catch (TraceException e) {
      assertEquals(FILE, e.file());
      assertTrue(e.getMessage().startsWith(FILE + ":") || e.getMessage().startsWith(FILE + ": "), e.getMessage());
      // A gzip file's lines are counted after decompression, so only a plain file bounds them here.
      assertTrue(e.line() >= 0, e.getMessage());
      if (!gzip()) {
        assertTrue(e.line() <= lines, "line " + e.line() + " of " + lines + ": " + e.getMessage());
      }
      return;
    }
    assertNotNull(trace.series());
    assertTrue(trace.skippedLines() <= options.maxBadLines(), trace.skippedLines() + " skipped");
  }

  private static boolean gzip() throws IOException {
    byte[] head = new byte[2];
    try (var in = Files.newInputStream(FILE)) {
      return in.readNBytes(head, 0, 2) == 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
    }
  }
}
