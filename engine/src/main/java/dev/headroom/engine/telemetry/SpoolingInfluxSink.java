/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.telemetry;

import dev.headroom.forecaster.history.TelemetryPoint;
import dev.headroom.forecaster.influx.InfluxEndpoint;
import dev.headroom.forecaster.influx.InfluxWriteException;
import dev.headroom.forecaster.influx.TelemetryWriter;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.dto.Pong;

/**
 * Sends telemetry to InfluxDB from a thread of its own, so that an InfluxDB that is slow or down
 * never slows a request: {@link #accept} only formats line protocol and offers batches to a bounded
 * queue; if the queue is full it appends them to the spool file instead of waiting.
 *
 * <p>When a write fails the batch goes to the {@link Spool} and the sink is in outage: later batches
 * go straight to the spool (no write timeouts piling up), and every {@code retryInterval} a ping
 * with short timeouts probes the server. Once it answers, the spool is replayed oldest first and
 * emptied. A spool left by an earlier process is replayed the same way at start. Replaying a batch
 * twice (a crash mid-replay, a write that timed out but landed) is harmless: InfluxDB keeps one value
 * per series and time, and the values are the same.
 *
 * <p>Nothing is lost while the spool has room; when it is full the newest batches are dropped and
 * counted. Batches InfluxDB refuses as bad data (a field type conflict, say) are counted as rejected
 * and not retried, since retrying could never succeed and would block the replay behind them.
 */
public final class SpoolingInfluxSink implements TelemetrySink {

  private static final System.Logger LOG = System.getLogger(SpoolingInfluxSink.class.getName());
  private static final long IDLE_POLL_MILLIS = 1_000;

  /**
   * @param spoolMaxBytes cap on the spool file; beyond it the newest batches are dropped
   * @param queueCapacity batches waiting for the writer thread before callers spill to the spool
   * @param batchSize     most points in one write (one HTTP request, one spool record)
   * @param retryInterval time between probes while InfluxDB is unreachable
   * @param probeTimeout  connect and read timeout of each probe
   * @param closeTimeout  how long {@link #close()} lets the writer finish before spooling the rest
   */
  public record Settings(long spoolMaxBytes, int queueCapacity, int batchSize, Duration retryInterval,
      Duration probeTimeout, Duration closeTimeout) {

    public Settings {
      if (queueCapacity < 1) {
        throw new IllegalArgumentException("queueCapacity must be at least 1, got " + queueCapacity);
      }
      if (batchSize < 1) {
        throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
      }
      for (Duration d : List.of(retryInterval, probeTimeout, closeTimeout)) {
        if (d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException("retryInterval, probeTimeout and closeTimeout must be positive, got "
              + d);
        }
      }
    }

    /** 64 MiB spool (about 600 000 key intervals), 64 queued batches, 5 000 points a batch, probe every 5 s. */
    public static Settings defaults() {
      return new Settings(64L << 20, 64, 5_000, Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    public Settings withSpoolMaxBytes(long bytes) {
      return new Settings(bytes, queueCapacity, batchSize, retryInterval, probeTimeout, closeTimeout);
    }

    public Settings withRetryInterval(Duration d) {
      return new Settings(spoolMaxBytes, queueCapacity, batchSize, d, probeTimeout, closeTimeout);
    }

    public Settings withQueue(int capacity, int points) {
      return new Settings(spoolMaxBytes, capacity, points, retryInterval, probeTimeout, closeTimeout);
    }
  }

  /** A batch as it is queued, written and spooled: line protocol made once. */
  private record Batch(String lines, int points, String what) {}

  private final InfluxEndpoint endpoint;
  private final Settings settings;
  private final Spool spool;
  private final TelemetryWriter writer;
  private final InfluxDB pinger;
  private final ArrayBlockingQueue<Batch> queue;
  private final Thread worker;

  private final LongAdder written = new LongAdder();
  private final LongAdder spooled = new LongAdder();
  private final LongAdder replayed = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final AtomicBoolean dropWarned = new AtomicBoolean();
  private volatile boolean outage;
  private volatile boolean closing;
  private volatile boolean closed;

  // writer thread only
  private long nextProbeNanos;
  private long replayCursor;

  /**
   * Opens the spool (replaying what an earlier process left in it, once InfluxDB answers) and
   * starts the writer thread.
   *
   * @throws IllegalArgumentException if {@code spoolFile} exists and is not a spool
   * @throws UncheckedIOException if the spool cannot be opened
   */
  public SpoolingInfluxSink(InfluxEndpoint endpoint, Path spoolFile, Settings settings) {
    this.endpoint = endpoint;
    this.settings = settings;
    this.spool = Spool.open(spoolFile, settings.spoolMaxBytes());
    this.replayCursor = spool.first();
    this.writer = new TelemetryWriter(endpoint, settings.batchSize());
    this.pinger = endpoint.withTimeouts(settings.probeTimeout(), settings.probeTimeout()).connect();
    this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    if (!spool.isEmpty()) {
      LOG.log(Level.INFO, "telemetry spool {0} holds {1} points from an earlier run; replaying them to {2}",
          spoolFile, spool.points(), endpoint.describe());
    }
    this.worker = Thread.ofPlatform().daemon().name("headroom-telemetry-writer").unstarted(this::run);
    worker.start();
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException if the sink is closed
   */
  @Override
  public void accept(List<TelemetryPoint> points) {
    if (closed) {
      throw new IllegalStateException("telemetry sink for " + endpoint.describe() + " is closed");
    }
    List<Batch> batches = new ArrayList<>();
    for (int from = 0; from < points.size(); from += settings.batchSize()) {
      List<TelemetryPoint> part = points.subList(from, Math.min(points.size(), from + settings.batchSize()));
      batches.add(new Batch(TelemetryWriter.lines(part), part.size(), "telemetry of " + part.size()
          + " key intervals from " + Instant.ofEpochMilli(part.getFirst().timeMillis())));
    }
    for (Batch b : batches) {
      if (closing || !queue.offer(b)) {
        toSpool(b); // the writer is behind (or gone): a file append, not a wait
      }
    }
  }

  private void run() {
    while (!(closing && queue.isEmpty())) {
      Batch b;
      try {
        b = queue.poll(pollMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        if (closing) {
          break;
        }
        continue;
      }
      try {
        if (b != null) {
          handle(b);
        }
        if (outage && System.nanoTime() - nextProbeNanos >= 0 && !closing) {
          probe();
        }
        if (!outage && !spool.isEmpty() && !closing) {
          replay();
        }
      } catch (RuntimeException e) {
        // A bug or a broken spool file must not kill the writer: log it and keep going.
        LOG.log(Level.ERROR, "telemetry writer: unexpected failure, continuing", e);
        enterOutage(e.toString());
      }
    }
  }

  private long pollMillis() {
    if (closing) {
      return 10;
    }
    if (outage) {
      return Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextProbeNanos - System.nanoTime()));
    }
    return IDLE_POLL_MILLIS;
  }

  private void handle(Batch b) {
    if (!outage && !spool.isEmpty() && !closing) {
      replay(); // older batches first, where it costs nothing
    }
    if (outage) {
      toSpool(b);
      return;
    }
    try {
      writer.writeLines(b.lines(), b.points(), b.what());
      written.add(b.points());
    } catch (InfluxWriteException e) {
      if (isBadData(e)) {
        reject(b.points(), e);
      } else {
        toSpool(b);
        enterOutage(e.getMessage());
      }
    }
  }

  private void replay() {
    while (true) {
      Spool.Entry e = spool.read(replayCursor);
      if (e == null) {
        if (spool.clearIfEnd(replayCursor)) {
          replayCursor = spool.first();
          return;
        }
        continue; // appended to since the read: go on
      }
      try {
        writer.writeLines(e.lines(), e.points(), "spooled telemetry from " + spool.file() + " at offset "
            + replayCursor);
        replayed.add(e.points());
      } catch (InfluxWriteException ex) {
        if (!isBadData(ex)) {
          enterOutage(ex.getMessage());
          return; // resume from this record after the next successful probe
        }
        reject(e.points(), ex);
      }
      replayCursor = e.next();
    }
  }

  private void probe() {
    boolean up;
    try {
      Pong pong = pinger.ping();
      up = pong != null && pong.isGood();
    } catch (RuntimeException e) {
      up = false;
    }
    if (!up) {
      nextProbeNanos = System.nanoTime() + settings.retryInterval().toNanos();
      return;
    }
    outage = false;
    dropWarned.set(false);
    LOG.log(Level.INFO, "{0} answers again; replaying {1} spooled telemetry points", endpoint.describe(),
        spool.points());
  }

  private void enterOutage(String reason) {
    nextProbeNanos = System.nanoTime() + settings.retryInterval().toNanos();
    if (!outage) {
      outage = true;
      LOG.log(Level.WARNING, "telemetry: {0}; spooling to {1} (at most {2} bytes) and retrying every {3}",
          reason, spool.file(), spool.maxBytes(), settings.retryInterval());
    }
  }

  private void toSpool(Batch b) {
    try {
      if (spool.append(b.lines(), b.points())) {
        spooled.add(b.points());
        return;
      }
      dropped.add(b.points());
      if (dropWarned.compareAndSet(false, true)) {
        LOG.log(Level.WARNING, "telemetry spool {0} is full ({1} of {2} bytes): dropping the newest points "
            + "until InfluxDB takes the spooled ones", spool.file(), spool.bytes(), spool.maxBytes());
      }
    } catch (UncheckedIOException e) {
      dropped.add(b.points());
      LOG.log(Level.ERROR, "telemetry: " + b.points() + " points lost: " + e.getMessage(), e);
    }
  }

  private void reject(int points, InfluxWriteException e) {
    rejected.add(points);
    LOG.log(Level.ERROR, "telemetry: InfluxDB refused {0} points as bad data, not retrying them: {1}", points,
        e.getMessage());
  }

  /** A refusal that a retry cannot fix. A missing database or bad credentials can be fixed, so they are retried. */
  static boolean isBadData(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InfluxDBException ie) {
        return !ie.isRetryWorth() && !(ie instanceof InfluxDBException.DatabaseNotFoundException)
            && !(ie instanceof InfluxDBException.AuthorizationFailedException);
      }
    }
    return false;
  }

  @Override
  public SinkCounters counters() {
    return new SinkCounters(written.sum(), spooled.sum(), replayed.sum(), dropped.sum(), rejected.sum(),
        queue.size(), spool.bytes(), outage);
  }

  public Path spoolFile() {
    return spool.file();
  }

  /**
   * Lets the writer thread finish the queue (writing, or spooling in an outage) for up to
   * {@code closeTimeout}, interrupts it after that, spools whatever is left, and closes the spool
   * and connections. Batches accepted while it closes go straight to the spool.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    closing = true;
    try {
      worker.join(settings.closeTimeout());
      if (worker.isAlive()) {
        worker.interrupt(); // cuts a write in progress short; its batch is spooled
        worker.join(settings.probeTimeout().multipliedBy(2));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Batch b; (b = queue.poll()) != null; ) {
      toSpool(b);
    }
    if (!spool.isEmpty()) {
      LOG.log(Level.INFO, "telemetry spool {0} keeps {1} points for the next start", spool.file(), spool.points());
    }
    try {
      spool.close();
    } finally {
      writer.close();
      pinger.close();
    }
  }
}
