/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.bench.engine;

import dev.headroom.bench.BenchReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One server in a JVM of its own ({@link ServerMain}), started with this JVM's java, class path and
 * flags (the launcher's, with {@code HEADROOM_JAVA_OPTS}), so that every server gets the same JVM
 * and only the one under measurement is busy. Its output goes to a log file, shown when it fails.
 */
final class ForkedServer implements AutoCloseable {

  private static final long START_SECONDS = 60;

  private final ServerRole role;
  private final Process process;
  private final Path log;
  private final int port;

  private ForkedServer(ServerRole role, Process process, Path log, int port) {
    this.role = role;
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** The command line of a server JVM (without the role's arguments). */
  static List<String> javaCommand(Class<?> main) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(BenchReport.jvmFlags());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    return command;
  }

  /** Starts {@code role} and waits until it listens; throws with the server's log when it does not. */
  static ForkedServer start(ServerRole role, int instances, Integer upstreamPort) throws IOException {
    List<String> command = javaCommand(ServerMain.class);
    command.add(role.id());
    command.add(Integer.toString(instances));
    if (upstreamPort != null) {
      command.add(upstreamPort.toString());
    }
    Path log = Files.createTempFile("headroom-bench-" + role.id(), ".log");
    Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
    CompletableFuture<String> first = new CompletableFuture<>();
    // The reader keeps draining standard output into the log until the JVM exits.
    Thread.ofPlatform().daemon().name("bench-" + role.id() + "-stdout").start(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (!first.isDone() && line.startsWith(ServerMain.READY + " ")) {
            first.complete(line);
          } else {
            Files.writeString(log, line + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
          }
        }
      } catch (IOException e) {
        first.completeExceptionally(e);
      }
      first.completeExceptionally(new IOException("the server JVM exited before it was ready"));
    });
    String line;
    try {
      line = first.get(START_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException | InterruptedException e) {
      p.destroyForcibly();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      String why = e instanceof TimeoutException ? "not ready after " + START_SECONDS + " s" : String.valueOf(e.getCause());
      throw new IOException("the " + role.id() + " server did not start (" + why + "); its log:\n" + tail(log));
    }
    int port = Integer.parseInt(line.substring(ServerMain.READY.length() + 1).trim());
    return new ForkedServer(role, p, log, port);
  }

  ServerRole role() {
    return role;
  }

  int port() {
    return port;
  }

  String url(String path) {
    return "http://" + ServerMain.HOST + ":" + port + path;
  }

  /** Whether the server JVM is still running (a crash mid-run must not pass for a slow server). */
  boolean alive() {
    return process.isAlive();
  }

  /** The last lines of the server's log, for error messages. */
  String logTail() {
    return tail(log);
  }

  long pid() {
    return process.pid();
  }

  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  private static void waitQuietly(Process p) {
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Closes the server's standard input (it then stops), forcing it after ten seconds. */
  @Override
  public void close() {
    try {
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // already gone
    }
    waitQuietly(process);
    try {
      Files.deleteIfExists(log);
    } catch (IOException ignored) {
      // a temporary file left behind
    }
  }
}
