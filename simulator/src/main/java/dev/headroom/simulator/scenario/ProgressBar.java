package dev.headroom.simulator.scenario;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A progress bar for long runs on a terminal: {@code [#######.....]  58%  41.2M of 71.0M requests  12 s}
 * redrawn in place twice a second by a daemon thread; replays add to it from any thread. Off (a
 * sink that prints nothing) when output is not a terminal, so logs and CI stay clean.
 */
public final class ProgressBar implements AutoCloseable {

  private static final int WIDTH = 30;
  private final PrintStream out;
  private final long total;
  private final String unit;
  private final AtomicLong done = new AtomicLong();
  private final long startNanos = System.nanoTime();
  private final Thread painter;
  private volatile boolean closed;

  private ProgressBar(PrintStream out, long total, String unit) {
    this.out = out;
    this.total = Math.max(1, total);
    this.unit = unit;
    if (out == null) {
      painter = null;
      return;
    }
    painter = Thread.ofPlatform().daemon().name("progress").start(() -> {
      while (!closed) {
        paint();
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
  }

  /** Whether a bar drawn on standard error would reach a person: a terminal, not a log file. */
  public static boolean terminal() {
    java.io.Console c = System.console();
    return c != null && c.isTerminal();
  }

  /** A bar on {@code out} when {@code show}, otherwise a silent counter. */
  public static ProgressBar of(PrintStream out, boolean show, long total, String unit) {
    return new ProgressBar(show ? out : null, total, unit);
  }

  /** Adds {@code n} units of work done. */
  public void add(long n) {
    done.addAndGet(n);
  }

  private void paint() {
    double share = Math.min(1, (double) done.get() / total);
    int filled = (int) Math.round(share * WIDTH);
    out.printf(Locale.ROOT, "\r[%s%s] %3.0f%%  %s of %s %s  %d s ", "#".repeat(filled), ".".repeat(WIDTH - filled),
        100 * share, compact(done.get()), compact(total), unit, (System.nanoTime() - startNanos) / 1_000_000_000L);
    out.flush();
  }

  private static String compact(long n) {
    return n >= 1_000_000 ? String.format(Locale.ROOT, "%.1fM", n / 1e6)
        : n >= 1_000 ? String.format(Locale.ROOT, "%.1fk", n / 1e3) : Long.toString(n);
  }

  @Override
  public void close() {
    closed = true;
    if (painter != null) {
      painter.interrupt();
      try {
        painter.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      out.print("\r" + " ".repeat(WIDTH + 60) + "\r");
      out.flush();
    }
  }
}
