/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.forecaster.history.TelemetryPoint;
import dev.headroom.forecaster.influx.InfluxEndpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink against servers that are not there or never answer (real sockets on loopback): callers
 * are never held up, batches are spooled, the spool's cap drops and counts the newest, and what is
 * spooled is still there for the next process. Replay into a real InfluxDB is in SpoolingInfluxSinkIT.
 */
@Timeout(60)
class SpoolingInfluxSinkTest {

  private static final Duration SHORT = Duration.ofMillis(300);

  @TempDir
  Path dir;

  static List<TelemetryPoint> points(int n, long timeMillis) {
    return IntStream.range(0, n).mapToObj(i -> new TelemetryPoint("key-" + i, timeMillis, i + 1, i, 1, 0.5 * i, i))
        .toList();
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(10);
    }
  }

  private static String deadUrl() throws IOException {
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + free.getLocalPort(); // closed again: nobody listens there
    }
  }

  private static SpoolingInfluxSink.Settings settings() {
    return SpoolingInfluxSink.Settings.defaults().withRetryInterval(Duration.ofMillis(100)).withQueue(4, 10);
  }

  @Test
  void withInfluxDownBatchesAreSpooledAndKeptForTheNextProcess() throws Exception {
    InfluxEndpoint dead = new InfluxEndpoint(deadUrl(), "db", SHORT, SHORT);
    Path file = dir.resolve("spool/telemetry.spool");
    try (SpoolingInfluxSink sink = new SpoolingInfluxSink(dead, file, settings())) {
      sink.accept(points(25, 1_700_000_000_000L)); // 3 batches of at most 10
      sink.accept(points(5, 1_700_000_010_000L));
      await("30 points are spooled", () -> sink.counters().spooledPoints() == 30);
      SinkCounters c = sink.counters();
      assertTrue(c.outage(), c.toString());
      assertEquals(0, c.writtenPoints());
      assertEquals(0, c.droppedPoints());
      assertTrue(c.spoolBytes() > Spool.HEADER, c.toString());
    }
    try (Spool spool = Spool.open(file, 1 << 20)) {
      assertEquals(4, spool.records());
      assertEquals(30, spool.points());
      String first = spool.read(spool.first()).lines();
      assertTrue(first.startsWith("calls,key=key-0 requests=1,admitted=0,rejected=1,latency_sum_ms=0,latency_count=0 "
          + "1700000000000\n"), first);
    }
  }

  @Test
  void aFullSpoolDropsTheNewestAndCountsThem() throws Exception {
    InfluxEndpoint dead = new InfluxEndpoint(deadUrl(), "db", SHORT, SHORT);
    long oneBatch = Spool.RECORD_HEADER + 10 * 100L;
    SpoolingInfluxSink.Settings small = settings().withSpoolMaxBytes(Spool.HEADER + 2 * oneBatch);
    try (SpoolingInfluxSink sink = new SpoolingInfluxSink(dead, dir.resolve("small.spool"), small)) {
      for (int i = 0; i < 6; i++) {
        sink.accept(points(10, 1_700_000_000_000L + i * 10_000L));
      }
      await("all 60 points are spooled or dropped",
          () -> sink.counters().spooledPoints() + sink.counters().droppedPoints() == 60);
      SinkCounters c = sink.counters();
      assertTrue(c.droppedPoints() >= 30, c.toString());
      assertTrue(c.spooledPoints() >= 10, c.toString());
      assertTrue(c.spoolBytes() <= small.spoolMaxBytes(), c.toString());
    }
  }

  @Test
  void aServerThatNeverAnswersDoesNotHoldUpCallers() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<Socket> accepted = new ArrayList<>();
      Thread acceptor = Thread.ofVirtual().start(() -> {
        try {
          while (true) {
            accepted.add(silent.accept()); // accept, read nothing, answer nothing
          }
        } catch (IOException closed) {
          // the test is over
        }
      });
      InfluxEndpoint stalled = new InfluxEndpoint("http://127.0.0.1:" + silent.getLocalPort(), "db", SHORT,
          Duration.ofSeconds(2));
      SpoolingInfluxSink.Settings s = settings().withQueue(1, 10);
      try (SpoolingInfluxSink sink = new SpoolingInfluxSink(stalled, dir.resolve("stalled.spool"), s)) {
        long slowest = 0;
        for (int i = 0; i < 20; i++) {
          long t0 = System.nanoTime();
          sink.accept(points(10, 1_700_000_000_000L + i * 10_000L));
          slowest = Math.max(slowest, System.nanoTime() - t0);
        }
        // The writer is stuck in a 2 s read; one batch is in its hands, at most one queued, the rest spilled.
        assertTrue(slowest < 1_000_000_000L, "accept took " + slowest / 1e6 + " ms while the writer was stuck");
        SinkCounters c = sink.counters();
        assertTrue(c.spooledPoints() >= 180, c.toString());
        assertTrue(c.queueDepth() <= 1, c.toString());
      }
      silent.close();
      acceptor.join();
      for (Socket socket : accepted) {
        socket.close();
      }
    }
  }

  @Test
  void aClosedSinkRefusesPointsAndCloseIsIdempotent() throws Exception {
    InfluxEndpoint dead = new InfluxEndpoint(deadUrl(), "db", SHORT, SHORT);
    SpoolingInfluxSink sink = new SpoolingInfluxSink(dead, dir.resolve("c.spool"), settings());
    sink.close();
    sink.close();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> sink.accept(points(1, 0)));
    assertTrue(e.getMessage().endsWith("is closed"), e.getMessage());
  }
}
