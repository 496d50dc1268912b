package dev.headroom.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

/**
 * JMH output reduced to one line per benchmark, {@code [3/26] bucket4jHot threads=2 regime=allow
 * ... 4.103e+07 +- 1.2e+06 ops/s}, so that the table at the end is not buried. JMH's own progress
 * chatter ({@code # ...} lines) is dropped; anything else a run or its forked JVM prints (errors,
 * stack traces, warnings) is passed through, indented, so a failure is never hidden.
 */
public final class JmhProgress implements OutputFormat {

  private final PrintStream out;
  private final int total;
  private final StringBuilder partial = new StringBuilder();
  private int started;
  private boolean lineOpen;

  /**
   * @param total benchmarks expected in the whole command, for the {@code [i/n]} counter
   * @param done benchmarks already run by earlier JMH runs of the same command
   */
  public JmhProgress(PrintStream out, int done, int total) {
    this.out = out;
    this.started = done;
    this.total = total;
  }

  /** Benchmarks started so far, counting those of earlier runs. */
  public int done() {
    return started;
  }

  @Override
  public synchronized void startBenchmark(BenchmarkParams params) {
    flushPartial();
    started++;
    String name = params.getBenchmark();
    name = name.substring(name.lastIndexOf('.') + 1);
    String paramText = params.getParamsKeys().stream()
        .map(k -> k + "=" + params.getParam(k))
        .collect(Collectors.joining(" "));
    out.printf(Locale.ROOT, "[%d/%d] %-34s threads=%d %s ... ", started, total, name, params.getThreads(), paramText);
    out.flush();
    lineOpen = true;
  }

  @Override
  public synchronized void endBenchmark(BenchmarkResult result) {
    flushPartial();
    String text;
    if (result == null) {
      text = "failed";
    } else {
      Result<?> primary = result.getPrimaryResult();
      text = Double.isFinite(primary.getScoreError())
          ? String.format(Locale.ROOT, "%.4g +- %.2g %s", primary.getScore(), primary.getScoreError(),
              primary.getScoreUnit())
          : String.format(Locale.ROOT, "%.4g %s", primary.getScore(), primary.getScoreUnit());
    }
    out.println(lineOpen ? text : "    -> " + text);
    lineOpen = false;
  }

  /** True for JMH's progress chatter, which the table at the end replaces. */
  static boolean isChatter(String line) {
    String s = line.strip();
    return s.isEmpty() || s.startsWith("#") || s.startsWith("INFO: Sentinel log");
  }

  /**
   * A stream for {@link System#setOut} and {@link System#setErr} while JMH runs: JMH copies a forked
   * JVM's standard output and error there directly, bypassing the output format. Lines go through
   * the same filter as the rest. {@code out}, given to the constructor, must not be this stream.
   */
  public PrintStream forkStream() {
    return new PrintStream(new java.io.OutputStream() {
      @Override
      public void write(int b) {
        JmhProgress.this.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        append(new String(b, off, len, StandardCharsets.UTF_8));
      }
    }, true, StandardCharsets.UTF_8);
  }

  private synchronized void line(String line) {
    if (isChatter(line)) {
      return;
    }
    if (lineOpen) {
      out.println();
      lineOpen = false;
    }
    out.println("    | " + line);
  }

  private synchronized void append(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n') {
        line(partial.toString());
        partial.setLength(0);
      } else if (c != '\r') {
        partial.append(c);
      }
    }
  }

  private synchronized void flushPartial() {
    if (!partial.isEmpty()) {
      line(partial.toString());
      partial.setLength(0);
    }
  }

  @Override
  public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {}

  @Override
  public void iterationResult(
      BenchmarkParams benchParams, IterationParams params, int iteration, IterationResult data) {}

  @Override
  public void startRun() {}

  @Override
  public void endRun(Collection<RunResult> result) {
    flushPartial();
  }

  @Override
  public void print(String s) {
    append(s);
  }

  @Override
  public void println(String s) {
    append(s + "\n");
  }

  @Override
  public void flush() {
    out.flush();
  }

  @Override
  public void close() {
    flushPartial();
    out.flush();
  }

  @Override
  public void verbosePrintln(String s) {}

  @Override
  public void write(int b) {
    append(String.valueOf((char) b));
  }

  @Override
  public void write(byte[] b) {
    append(new String(b, StandardCharsets.UTF_8));
  }
}
