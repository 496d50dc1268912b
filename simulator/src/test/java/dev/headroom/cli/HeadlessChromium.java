package dev.headroom.cli;

import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Opens a local page in headless Chromium (Debian package {@code chromium}) and reports what a
 * reader's browser would: a screenshot, the DOM after scripts ran, every console message (logged
 * to stderr by {@code --enable-logging}), and every network request the page made (from
 * Chromium's net log, told apart from the browser's own background requests by the page's
 * {@code file://} isolation key). Nothing can leave the machine: all traffic goes to a proxy on a
 * closed loopback port and every host name resolves to nothing.
 */
final class HeadlessChromium {

  /**
   * What one page load showed.
   *
   * @param exit      Chromium's exit status
   * @param dom       the page's DOM after load (its scripts ran)
   * @param console   console messages and uncaught errors, one per line
   * @param requests  network URLs the page asked for (http, https, ws...), none for a self-contained page
   * @param stderr    Chromium's whole log, for failure messages
   */
  record Load(int exit, String dom, List<String> console, List<String> requests, String stderr) {}

  private HeadlessChromium() {}

  /** The Chromium binary on PATH, if any. */
  static Optional<Path> locate() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser")) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  /** Loads {@code page} (with {@code fragment}, may be empty) at {@code width} x {@code height}, saving a screenshot to {@code png}. */
  static Load load(Path chromium, Path page, String fragment, Path png, int width, int height, Path work)
      throws IOException, InterruptedException {
    Path profile = Files.createDirectories(work.resolve("profile"));
    Path netLog = work.resolve("net.json");
    Files.deleteIfExists(netLog);
    Path out = work.resolve("dom.html");
    Path err = work.resolve("stderr.txt");
    String url = page.toAbsolutePath().toUri() + (fragment.isEmpty() ? "" : "#" + fragment);
    List<String> cmd = List.of(chromium.toString(), "--headless", "--disable-gpu", "--no-sandbox",
        "--hide-scrollbars", "--no-first-run", "--disable-background-networking", "--disable-extensions",
        "--user-data-dir=" + profile, "--proxy-server=127.0.0.1:" + closedPort(),
        "--host-resolver-rules=MAP * ~NOTFOUND", "--enable-logging=stderr", "--v=0", "--log-net-log=" + netLog,
        "--window-size=" + width + "," + height, "--screenshot=" + png.toAbsolutePath(), "--dump-dom", url);
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new IllegalStateException("chromium did not finish within 120 s: " + cmd);
    }
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    List<String> console = stderr.lines().filter(l -> l.contains(":CONSOLE")).toList();
    return new Load(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), console, pageRequests(netLog),
        stderr);
  }

  /** URLs the page (not the browser itself) asked the network for, from the net log. */
  static List<String> pageRequests(Path netLog) throws IOException {
    List<String> urls = new ArrayList<>();
    if (!Files.exists(netLog)) {
      throw new IllegalStateException("chromium wrote no net log at " + netLog + ": cannot tell what the page loaded");
    }
    String text = Files.readString(netLog, StandardCharsets.UTF_8).strip();
    if (!text.endsWith("}")) { // a log cut short at exit lacks its closing brackets
      text = text.replaceAll(",\\s*$", "") + "]}";
    }
    for (Object e : new JsonObject(text).getJsonArray("events")) {
      JsonObject params = ((JsonObject) e).getJsonObject("params", new JsonObject());
      String url = params.getValue("url") instanceof String u ? u : "";
      String isolation = params.getValue("network_isolation_key") instanceof String n ? n : "";
      if (!url.isEmpty() && !url.startsWith("file:") && !url.startsWith("data:") && isolation.contains("file://")
          && !urls.contains(url)) {
        urls.add(url);
      }
    }
    return urls;
  }

  /** A loopback port nothing listens on (bound, then released). */
  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
