package dev.headroom.bench.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs simpy_mm1_token_bucket.py (a resource next to this class, so it travels in the jar) in a
 * Python subprocess with a timeout. Output goes to files, not pipes, so a hung child cannot block
 * us past the timeout. Every failure is an {@link IllegalStateException} that says what to do.
 */
final class SimpyRunner {

  static final String SCRIPT = "simpy_mm1_token_bucket.py";
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);

  /** The script's answer: SimPy version, the model's figures and the loop's wall and CPU seconds. */
  record Answer(String version, long arrivals, long admitted, double seconds, double meanInSystem,
      double meanWaiting, double wallSeconds, double cpuSeconds) {}

  private SimpyRunner() {}

  static Answer run(String python, Duration timeout, TokenBucketQueue.Params p) throws IOException {
    Path dir = Files.createTempDirectory("headroom-simpy");
    try {
      Path script = dir.resolve(SCRIPT);
      try (InputStream in = SimpyRunner.class.getResourceAsStream(SCRIPT)) {
        if (in == null) {
          throw new IOException("resource " + SCRIPT + " is missing next to " + SimpyRunner.class.getName());
        }
        Files.copy(in, script);
      }
      String interpreter = find(python, script);
      Path out = dir.resolve("out.txt");
      String text = exec(List.of(interpreter, script.toString(), Long.toString(p.arrivals()),
          Double.toString(p.lambda()), Double.toString(p.bucketRate()), Integer.toString(p.burst()),
          Double.toString(p.mu()), Long.toString(p.seed())), out, timeout);
      String[] f = text.strip().split("\t");
      if (f.length != 9) {
        throw new IllegalStateException("the SimPy script printed '" + text.strip() + "', expected 9 tab-separated fields");
      }
      return new Answer(f[0] + " " + f[1], Long.parseLong(f[2]), Long.parseLong(f[3]), Double.parseDouble(f[4]),
          Double.parseDouble(f[5]), Double.parseDouble(f[6]), Double.parseDouble(f[7]), Double.parseDouble(f[8]));
    } finally {
      try (var files = Files.list(dir)) {
        for (Path file : files.toList()) {
          Files.deleteIfExists(file);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  /** The first candidate that runs {@code script --version}: python3 on the PATH, then /usr/bin/python3. */
  private static String find(String explicit, Path script) throws IOException {
    List<String> candidates = explicit != null ? List.of(explicit) : List.of("python3", "/usr/bin/python3");
    List<String> failures = new ArrayList<>();
    for (String candidate : candidates) {
      try {
        exec(List.of(candidate, script.toString(), "--version"), script.resolveSibling("probe.txt"), PROBE_TIMEOUT);
        return candidate;
      } catch (IllegalStateException | IOException e) {
        failures.add(candidate + ": " + e.getMessage());
      }
    }
    throw new IllegalStateException("no Python interpreter with SimPy: " + String.join("; ", failures)
        + ". Install the Debian package python3-simpy, or name an interpreter with --python");
  }

  private static String exec(List<String> command, Path output, Duration timeout) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    Process p = pb.start();
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException("no answer within " + timeout.toSeconds() + " s (--python-timeout)");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
    String text = Files.exists(output) ? Files.readString(output) : "";
    if (p.exitValue() != 0) {
      String lines = text.strip();
      int cut = lines.lastIndexOf('\n', Math.max(0, lines.length() - 300));
      throw new IllegalStateException("exit code " + p.exitValue() + (lines.isEmpty() ? "" : ": "
          + lines.substring(cut + 1).replace('\n', ' ')));
    }
    return text;
  }
}
