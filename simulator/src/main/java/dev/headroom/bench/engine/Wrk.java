/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.bench.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's wrk (4.1) on loopback and reads its output. A run that exits non-zero, prints
 * nothing readable, or reports a socket error or a non-2xx response throws {@link Failure} with
 * wrk's whole output: a benchmark figure is never taken from a run that went wrong.
 */
final class Wrk {

  /** Where Debian installs wrk; the system property {@code headroom.wrk} overrides it. */
  static final Path DEBIAN = Path.of("/usr/bin/wrk");

  /** One run: wrk's command-line settings and its script. */
  record Run(String url, WrkScript script, int threads, int connections, int seconds) {
    Run {
      if (!url.startsWith("http://127.0.0.1:")) {
        throw new IllegalArgumentException("the benchmark only sends traffic to loopback, not " + url);
      }
      if (threads < 1 || connections < threads || seconds < 1) {
        throw new IllegalArgumentException("need threads >= 1, connections >= threads and seconds >= 1; got "
            + threads + ", " + connections + ", " + seconds);
      }
    }
  }

  /** A run that cannot count as a measurement; the message carries wrk's output. */
  static final class Failure extends IOException {
    Failure(String message) {
      super(message);
    }
  }

  private final Path binary;
  private final Path scripts;

  Wrk(Path binary, Path scriptDir) {
    this.binary = binary;
    this.scripts = scriptDir;
  }

  /** The wrk to run: {@code -Dheadroom.wrk=PATH}, else wrk on the PATH, else /usr/bin/wrk; empty if none is executable. */
  static Optional<Path> locate() {
    String configured = System.getProperty("headroom.wrk");
    if (configured != null && !configured.isBlank()) {
      Path p = Path.of(configured);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "wrk"))) {
          return Optional.of(Path.of(dir, "wrk"));
        }
      }
    }
    return Files.isExecutable(DEBIAN) ? Optional.of(DEBIAN) : Optional.empty();
  }

  /** wrk's version line ("wrk debian/4.1.0-3+b2 [epoll] ..."), for the report's settings. */
  String version() {
    try {
      Process p = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(10, TimeUnit.SECONDS);
      return out.lines().findFirst().orElse("").replace("Copyright (C) 2012 Will Glozer", "").strip();
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  static List<String> command(Path binary, Run run, Path script) {
    List<String> c = new ArrayList<>();
    c.add(binary.toString());
    c.add("--threads");
    c.add(Integer.toString(run.threads()));
    c.add("--connections");
    c.add(Integer.toString(run.connections()));
    c.add("--duration");
    c.add(run.seconds() + "s");
    // Above any latency these servers show on loopback; a response this late is an error, not a figure.
    c.add("--timeout");
    c.add("2s");
    c.add("--latency");
    c.add("--script");
    c.add(script.toString());
    c.add(run.url());
    return c;
  }

  /** Runs wrk and returns what it measured; throws {@link Failure} for anything but a clean run. */
  WrkResult run(Run run) throws IOException {
    WrkResult r = runAllowingErrors(run);
    List<String> problems = r.problems();
    if (!problems.isEmpty()) {
      throw new Failure("wrk run against " + run.url() + " failed: " + String.join("; ", problems) + "\n" + r.output());
    }
    return r;
  }

  /**
   * Runs wrk and returns what it measured even when requests failed (see {@link WrkResult#problems});
   * throws {@link Failure} only when wrk itself failed or printed nothing readable. For warm-ups,
   * where a cold server may time out a few requests.
   */
  WrkResult runAllowingErrors(Run run) throws IOException {
    Path script = run.script().writeTo(scripts);
    List<String> command = command(binary, run, script);
    Process p = new ProcessBuilder(command).start();
    p.getOutputStream().close();
    CompletableFuture<String> err = readAll(p.getErrorStream());
    String out = readAll(p.getInputStream()).join();
    boolean exited;
    try {
      exited = p.waitFor(run.seconds() + 30L, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new Failure("interrupted while wrk ran");
    }
    if (!exited) {
      p.destroyForcibly();
      throw new Failure("wrk did not finish in " + (run.seconds() + 30) + " s: " + String.join(" ", command));
    }
    String stderr = err.join();
    if (p.exitValue() != 0) {
      throw new Failure("wrk exited with " + p.exitValue() + " (" + String.join(" ", command) + "):\n"
          + (stderr + out).strip());
    }
    try {
      return WrkOutput.parse(out);
    } catch (IllegalArgumentException e) {
      throw new Failure(e.getMessage() + (stderr.isBlank() ? "" : "\nwrk's standard error:\n" + stderr.strip()));
    }
  }

  /** Drains a stream on a thread of its own, so that neither of wrk's pipes can fill and stall it. */
  private static CompletableFuture<String> readAll(InputStream in) {
    CompletableFuture<String> f = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      try (in) {
        f.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        f.complete("(unreadable: " + e.getMessage() + ")");
      }
    });
    return f;
  }
}
