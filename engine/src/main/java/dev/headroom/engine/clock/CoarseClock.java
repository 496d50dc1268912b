package dev.headroom.engine.clock;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * A clock read from a volatile field that a daemon thread advances every {@code tick}: a read costs a
 * plain load (about 1 ns) instead of a {@link System#nanoTime()} call (about 25 ns), for hot paths
 * that decide millions of times a second and can live with time that moves in steps.
 *
 * <p>Precision: a reading is the source's time at the last tick, so it lags the source by at most
 * one tick plus however late the ticker thread is scheduled (on a loaded machine, or during a
 * safepoint pause, that can be milliseconds). A lagging clock makes refilling limits refill later,
 * in steps: over any window a bucket admits at most burst + rate x (window + L), L being how far the
 * clock lagged when the window began. So it may grant one lag's worth of tokens (about one tick's)
 * more than on the true time, tokens held back while the clock stood still; never more than that,
 * and over the long run never more than the rate. It never goes back: each tick publishes the larger of the
 * source's time and the last published.
 *
 * <p>Each instance owns one daemon thread; {@link #close()} stops it (the clock then stands still).
 * Share one instance per process rather than one per limiter.
 */
public final class CoarseClock implements Clock, AutoCloseable {

  /** Bucket4j's default time meter counts milliseconds too; finer ticks cost the ticker more CPU. */
  public static final Duration DEFAULT_TICK = Duration.ofMillis(1);
  /** Below this the ticker would spend a core on its own wake-ups. */
  public static final Duration MIN_TICK = Duration.ofNanos(10_000);

  private final Clock source;
  private final long tickNanos;
  private volatile long now;
  private volatile boolean running;
  /** The daemon thread that calls {@link #refresh}; null when this clock is driven by hand. */
  private final Thread ticker;

  /** A clock that moves only when {@link #refresh()} is called: the ticker's step, for tests. */
  CoarseClock(Clock source, Duration tick) {
    this(source, tick, false);
  }

  private CoarseClock(Clock source, Duration tick, boolean ticking) {
    this.source = Objects.requireNonNull(source, "source");
    Objects.requireNonNull(tick, "tick");
    if (tick.compareTo(MIN_TICK) < 0 || tick.compareTo(Duration.ofSeconds(1)) > 0) {
      throw new IllegalArgumentException(
          "coarse clock: tick must be between " + MIN_TICK.toNanos() + " ns and 1 s, got " + tick);
    }
    this.tickNanos = tick.toNanos();
    this.now = source.nanos();
    this.running = ticking;
    this.ticker = ticking
        ? Thread.ofPlatform().daemon().name("headroom-coarse-clock").unstarted(this::run)
        : null;
  }

  /** The system clock, advanced every {@link #DEFAULT_TICK}. */
  public static CoarseClock start() {
    return start(Clock.system(), DEFAULT_TICK);
  }

  /** {@code source}, read once every {@code tick} by a daemon thread named {@code headroom-coarse-clock}. */
  public static CoarseClock start(Clock source, Duration tick) {
    CoarseClock clock = new CoarseClock(source, tick, true);
    clock.ticker.start();
    return clock;
  }

  @Override
  public long nanos() {
    return now;
  }

  /** How often the ticker reads the source: the precision this clock promises. */
  public Duration tick() {
    return Duration.ofNanos(tickNanos);
  }

  /** Reads the source and publishes its time, unless that would move this clock back. */
  void refresh() {
    long t = source.nanos();
    // Only the ticker writes, so read-compare-write needs no CAS.
    if (t - now > 0) {
      now = t;
    }
  }

  private void run() {
    while (running) {
      refresh();
      LockSupport.parkNanos(this, tickNanos);
    }
  }

  Thread ticker() {
    return ticker;
  }

  /** Stops the ticker and waits for it to end; the clock keeps its last reading. Idempotent. */
  @Override
  public void close() {
    running = false;
    Thread t = ticker;
    if (t != null && t != Thread.currentThread()) {
      LockSupport.unpark(t);
      boolean interrupted = false;
      while (t.isAlive()) {
        try {
          t.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return "coarse-clock{tick=" + tick() + "}";
  }
}
