/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A real server binary (influxd, redis-server) run as a child process of the test JVM, on free
 * loopback ports, in its own temporary folder.
 *
 * <p>Life cycle: {@code launch()} on a subclass creates the folder, picks the ports and starts the
 * process; {@link #stop()} ends the process but keeps ports and data; {@link #start()} runs it again
 * on the same ports and data; {@link #close()} stops it and deletes the folder. A JVM shutdown hook
 * kills whatever is still running and deletes the folders if {@code close()} was never reached, and
 * each new launch removes folders (and kills servers) left behind by test JVMs that died without
 * running their hooks.
 */
public abstract sealed class LocalServer implements AutoCloseable permits InfluxServer, RedisServer {

  /** Loopback address every server binds to; nothing listens on other interfaces. */
  public static final String HOST = "127.0.0.1";

  static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration TERM_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration KILL_TIMEOUT = Duration.ofSeconds(5);
  private static final long POLL_MILLIS = 50;
  private static final int TAIL_LINES = 40;
  private static final int LAUNCH_ATTEMPTS = 3;

  /** Name of the executable, e.g. {@code influxd}. */
  private final String binary;
  private final Path executable;
  private final Path directory;
  private volatile Process process;
  private boolean closed;

  LocalServer(String binary, String debianPackage) {
    this.binary = binary;
    this.executable = findOnPath(binary, System.getenv("PATH"))
        .orElseThrow(() -> new IllegalStateException(missingBinaryMessage(binary, debianPackage)));
    this.directory = Cleanup.createDirectory(binary);
    Cleanup.register(this);
  }

  /** The command line that starts the server; the first element is {@link #executable()}. */
  abstract List<String> command();

  /** Writes config files and creates folders before each start; the folder already exists. */
  void prepare() throws IOException {}

  /** One readiness probe, with short connect and read timeouts: true once the server answers. */
  abstract boolean answers();

  /** Log files whose tails explain a failure, most telling first. */
  abstract List<Path> logFiles();

  /** Removes variables that would override the config we write. */
  void environment(Map<String, String> env) {}

  /** The temporary folder holding the server's config, data and logs (deleted by close). */
  public final Path directory() {
    return directory;
  }

  /** The executable found on PATH. */
  public final Path executable() {
    return executable;
  }

  /** The loopback address the server listens on: {@value #HOST}. */
  public final String host() {
    return HOST;
  }

  /** Whether the server process is alive (it may still be starting or stopping). */
  public final boolean isRunning() {
    Process p = process;
    return p != null && p.isAlive();
  }

  /**
   * Starts the server (again) on the same ports and data folder, and waits until it answers. Does
   * nothing if it is already running.
   *
   * @throws ServerStartException if it exits or does not answer within 30 s; the message holds the
   *     command line and the tail of the logs, and the process has been killed
   */
  public final synchronized void start() {
    if (closed) {
      throw new IllegalStateException(binary + " in " + directory + " is closed");
    }
    if (isRunning()) {
      return;
    }
    List<String> command = command();
    Process started;
    try {
      prepare();
      ProcessBuilder builder = new ProcessBuilder(command)
          .directory(directory.toFile())
          .redirectOutput(ProcessBuilder.Redirect.appendTo(stdout().toFile()))
          .redirectError(ProcessBuilder.Redirect.appendTo(stderr().toFile()));
      environment(builder.environment());
      started = builder.start();
    } catch (IOException e) {
      throw new ServerStartException(failure("could not be started: " + e, command), e, false);
    }
    process = started;
    closeQuietly(started);
    try {
      awaitAnswer(started, command);
    } catch (RuntimeException | Error e) {
      stop();
      throw e;
    }
  }

  /**
   * Stops the server: SIGTERM, then SIGKILL if it has not exited after 10 s. Ports and data are
   * kept, so {@link #start()} brings the same server back. Does nothing if it is not running.
   */
  public final synchronized void stop() {
    Process p = process;
    process = null;
    if (p != null) {
      terminate(p, TERM_TIMEOUT);
    }
  }

  /** Stops the server and deletes its folder. Idempotent. */
  @Override
  public final synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      stop();
    } finally {
      Cleanup.deleteRecursively(directory);
      Cleanup.unregister(this);
    }
  }

  /** The last lines of the server's logs, for failure messages. */
  public final String logTail() {
    StringBuilder out = new StringBuilder();
    for (Path log : logFiles()) {
      List<String> lines = tail(log, TAIL_LINES);
      if (lines.isEmpty()) {
        continue;
      }
      out.append("last lines of ").append(log).append(":\n");
      lines.forEach(line -> out.append("  ").append(line).append('\n'));
    }
    return out.isEmpty() ? "(the logs are empty)\n" : out.toString();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + binary + ", " + directory + (isRunning() ? ", running" : "") + "]";
  }

  final Path stdout() {
    return directory.resolve(binary + ".stdout");
  }

  final Path stderr() {
    return directory.resolve(binary + ".stderr");
  }

  /** Called by the shutdown hook: no locks, no waiting beyond a few seconds. */
  final void killForShutdown() {
    Process p = process;
    if (p != null) {
      terminate(p, Duration.ofSeconds(2));
    }
  }

  private void awaitAnswer(Process p, List<String> command) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      if (!p.isAlive()) {
        process = null;
        String tail = logTail();
        boolean portTaken = tail.contains("address already in use") || tail.contains("Address already in use");
        throw new ServerStartException(
            failure("exited with code " + p.exitValue() + " before answering", command), null, portTaken);
      }
      if (answers()) {
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        stop();
        throw new ServerStartException(
            failure("did not answer within " + START_TIMEOUT.toSeconds() + " s (killed it)", command), null, false);
      }
      sleep(POLL_MILLIS);
    }
  }

  private String failure(String what, List<String> command) {
    return binary + " " + what + "\n  command: " + String.join(" ", quoted(command))
        + "\n  folder: " + directory + "\n" + logTail().indent(2);
  }

  /**
   * Launches a server made by {@code factory}, retrying with new ports if the ones picked were
   * taken between choosing and binding them. On failure the folder is deleted.
   */
  static <S extends LocalServer> S launch(Supplier<S> factory) {
    Cleanup.reapOrphans();
    for (int attempt = 1; ; attempt++) {
      S server = factory.get();
      try {
        server.start();
        return server;
      } catch (ServerStartException e) {
        server.close();
        if (!e.portTaken() || attempt >= LAUNCH_ATTEMPTS) {
          throw e;
        }
      } catch (RuntimeException | Error e) {
        server.close();
        throw e;
      }
    }
  }

  /** A port nothing listens on right now, found by binding port 0 on 127.0.0.1. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0), 1);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + HOST, e);
    }
  }

  /** Looks {@code name} up in the PATH-style {@code path}, like the shell does. */
  static Optional<Path> findOnPath(String name, String path) {
    if (path == null || path.isEmpty()) {
      return Optional.empty();
    }
    for (String entry : path.split(File.pathSeparator)) {
      if (entry.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(entry, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate.toAbsolutePath());
      }
    }
    return Optional.empty();
  }

  static String missingBinaryMessage(String binary, String debianPackage) {
    return binary + " not found on PATH: install the Debian package " + debianPackage
        + ", or run ./headroom test, which installs it";
  }

  /** SIGTERM, wait, SIGKILL, wait; children of the server are killed too. */
  private static void terminate(Process p, Duration grace) {
    List<ProcessHandle> children = p.descendants().toList();
    p.destroy();
    if (!waitFor(p, grace)) {
      p.destroyForcibly();
      waitFor(p, KILL_TIMEOUT);
    }
    children.forEach(ProcessHandle::destroyForcibly);
  }

  private static boolean waitFor(Process p, Duration timeout) {
    try {
      return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !p.isAlive();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a server to start", e);
    }
  }

  /** The server reads nothing from stdin; closing it keeps it off the test JVM's own stdin. */
  private static void closeQuietly(Process p) {
    try {
      p.getOutputStream().close();
    } catch (IOException ignored) {
      // nothing to do: the pipe is gone already
    }
  }

  private static List<String> quoted(List<String> command) {
    List<String> out = new ArrayList<>(command.size());
    for (String arg : command) {
      out.add(arg.isEmpty() || arg.matches(".*[\\s\"'].*") ? "'" + arg.replace("'", "'\\''") + "'" : arg);
    }
    return out;
  }

  /** The last {@code count} lines of a file, reading at most its last 64 KiB. */
  static List<String> tail(Path file, int count) {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      int size = (int) Math.min(length, 64 * 1024);
      byte[] bytes = new byte[size];
      in.seek(length - size);
      in.readFully(bytes);
      List<String> lines = new ArrayList<>(List.of(new String(bytes, StandardCharsets.UTF_8).split("\r?\n")));
      lines.removeIf(String::isBlank);
      return lines.subList(Math.max(0, lines.size() - count), lines.size());
    } catch (IOException e) {
      return List.of("(could not read " + file + ": " + e + ")");
    }
  }
}
