/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.telemetry;

import dev.headroom.engine.clock.Clock;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The interval timer: on a thread of its own (never an event loop, since closing an interval walks
 * every key), at each epoch-aligned interval boundary it flushes the {@link IntervalAggregator},
 * hands the points to the {@link TelemetrySink} and the snapshot to a listener (the policy loop).
 *
 * <p>A request is counted in the interval that is open when its record lands; the flush runs a
 * moment after the boundary, so a few records of the new interval may land in the old one. Totals
 * are exact either way. If the timer falls more than an interval behind (a long pause), the counts
 * of the missed intervals go into one point rather than being spread out by guesswork.
 */
public final class TelemetryPipeline implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(TelemetryPipeline.class.getName());
  private static final long MAX_PARK_MILLIS = 200;

  private final IntervalAggregator aggregator;
  private final TelemetrySink sink;
  private final Clock clock;
  private final Consumer<IntervalSnapshot> listener;
  private final long lengthMillis;
  private final Thread timer;
  private volatile IntervalSnapshot latest;
  private volatile boolean stopping;
  private boolean closed;
  /** End of the interval in progress, epoch ms; timer thread only (and close, after it stopped). */
  private long boundary;

  /**
   * @param listener told each closed interval, on the timer thread; keep it short
   */
  public TelemetryPipeline(IntervalAggregator aggregator, TelemetrySink sink, Clock clock,
      Consumer<IntervalSnapshot> listener) {
    this.aggregator = aggregator;
    this.sink = sink;
    this.clock = clock;
    this.listener = Objects.requireNonNull(listener, "listener");
    this.lengthMillis = aggregator.interval().toMillis();
    this.boundary = aggregator.intervalStart(nowMillis()) + lengthMillis;
    this.timer = Thread.ofPlatform().daemon().name("headroom-telemetry-interval").unstarted(this::run);
  }

  public TelemetryPipeline start() {
    timer.start();
    return this;
  }

  /** The last closed interval, or null before the first one closes. */
  public IntervalSnapshot latest() {
    return latest;
  }

  public TelemetrySink sink() {
    return sink;
  }

  private void run() {
    while (!stopping) {
      long waitMillis = boundary - nowMillis();
      if (waitMillis > 0) {
        // Capped so that a clock moved by other means than the passing of time (tests) is seen soon.
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(Math.min(waitMillis, MAX_PARK_MILLIS)));
        continue; // woken early, or stopping: look again
      }
      long start = boundary - lengthMillis;
      boundary = aggregator.intervalStart(nowMillis()) + lengthMillis;
      close(start);
    }
  }

  private void close(long start) {
    IntervalSnapshot snapshot = aggregator.flush(start);
    latest = snapshot;
    try {
      sink.accept(snapshot.points());
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "telemetry: the sink refused the interval from " + start, e);
    }
    try {
      listener.accept(snapshot);
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "telemetry: the interval listener failed for the interval from " + start, e);
    }
  }

  private long nowMillis() {
    return Math.floorDiv(clock.nanos(), 1_000_000L);
  }

  /**
   * Stops the timer, closes the interval in progress (so its counts are not lost; a restart within
   * the same interval writes a point of the same time, which InfluxDB keeps instead of this one),
   * and closes the sink, which writes or spools what it still holds.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopping = true;
    LockSupport.unpark(timer);
    try {
      if (timer.isAlive()) {
        timer.join();
      }
      close(boundary - lengthMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      sink.close();
    }
  }
}
