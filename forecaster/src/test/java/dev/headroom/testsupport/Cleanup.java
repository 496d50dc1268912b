/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Last-resort cleanup for {@link LocalServer}: a JVM shutdown hook that kills servers still running
 * and deletes their folders, and a sweep that removes what test JVMs killed with SIGKILL left
 * behind (folders are named after the owning JVM's pid, so a folder whose JVM is gone is an orphan).
 */
final class Cleanup {

  private static final String PREFIX = "headroom-";
  /** {@code headroom-<binary>-<pid of the owning JVM>-<random>}. */
  private static final Pattern FOLDER = Pattern.compile(Pattern.quote(PREFIX) + "(influxd|redis-server)-(\\d+)-.+");
  private static final Set<LocalServer> LIVE = ConcurrentHashMap.newKeySet();
  private static final AtomicBoolean HOOKED = new AtomicBoolean();
  private static final AtomicBoolean REAPED = new AtomicBoolean();

  private Cleanup() {}

  static Path createDirectory(String binary) {
    try {
      Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
      return Files.createTempDirectory(tmp, PREFIX + binary + "-" + ProcessHandle.current().pid() + "-")
          .toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder for " + binary, e);
    }
  }

  static void register(LocalServer server) {
    if (HOOKED.compareAndSet(false, true)) {
      Runtime.getRuntime().addShutdownHook(new Thread(Cleanup::onShutdown, "headroom-test-servers-cleanup"));
    }
    LIVE.add(server);
  }

  static void unregister(LocalServer server) {
    LIVE.remove(server);
  }

  private static void onShutdown() {
    for (LocalServer server : List.copyOf(LIVE)) {
      try {
        server.killForShutdown();
      } finally {
        deleteRecursively(server.directory());
      }
    }
  }

  /**
   * Once per JVM: kills servers and deletes folders left by test JVMs that no longer exist. Only
   * processes whose command line names such a folder are touched.
   */
  static void reapOrphans() {
    if (!REAPED.compareAndSet(false, true)) {
      return;
    }
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(tmp, PREFIX + "*")) {
      for (Path folder : entries) {
        Matcher m = FOLDER.matcher(folder.getFileName().toString());
        if (!m.matches() || !Files.isDirectory(folder)) {
          continue;
        }
        long owner = Long.parseLong(m.group(2));
        if (owner == ProcessHandle.current().pid() || isAlive(owner)) {
          continue;
        }
        String path = folder.toString();
        ProcessHandle.allProcesses()
            .filter(p -> p.info().arguments().map(args -> String.join(" ", args).contains(path)).orElse(false))
            .forEach(Cleanup::kill);
        deleteRecursively(folder);
      }
    } catch (IOException | RuntimeException ignored) {
      // best effort: a folder we cannot read or delete belongs to someone else
    }
  }

  private static void kill(ProcessHandle process) {
    process.destroyForcibly();
    try {
      process.onExit().get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // best effort
    }
  }

  /** Whether a process runs; a zombie (dead, not yet reaped by its parent or init) does not. */
  private static boolean isAlive(long pid) {
    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      try {
        // Linux: "pid (comm) S ...", the state letter follows the last ')'.
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        int end = stat.lastIndexOf(')');
        return end < 0 || end + 2 >= stat.length() || stat.charAt(end + 2) != 'Z';
      } catch (IOException | RuntimeException e) {
        return true; // no /proc (not Linux) or unreadable: trust ProcessHandle
      }
    }
    return false;
  }

  /** Deletes a folder tree; missing files are fine, other failures are ignored (best effort). */
  static void deleteRecursively(Path root) {
    for (int attempt = 0; attempt < 3 && Files.exists(root); attempt++) {
      try {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            Files.deleteIfExists(dir);
            return FileVisitResult.CONTINUE;
          }
        });
      } catch (IOException e) {
        // a file appeared while deleting (a dying server flushing); try again
      }
    }
  }
}
