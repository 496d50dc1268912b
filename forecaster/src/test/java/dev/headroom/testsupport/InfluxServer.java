/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;

/**
 * A real InfluxDB 1.x ({@code influxd}) for tests, on free loopback ports, with its data in a
 * temporary folder.
 *
 * <pre>{@code
 * try (InfluxServer influx = InfluxServer.launch();
 *      InfluxDB client = influx.connect()) {
 *   String db = influx.createDatabase("calls");
 *   client.write(BatchPoints.database(db).point(...).build());
 * }
 * }</pre>
 *
 * <p>In JUnit tests prefer {@link InfluxExtension}, which shares one server per test JVM. Give each
 * test its own database with {@link #createDatabase(String)} so tests sharing the server do not see
 * each other's points.
 *
 * <p>The config written to {@code influxdb.conf} binds the HTTP API and the RPC (backup) service to
 * free ports on 127.0.0.1, turns usage reporting off and disables every other service (graphite,
 * collectd, opentsdb, udp, continuous queries, retention enforcement, shard precreation, the
 * {@code _internal} monitor store, subscriptions). influxd 1.x only logs to stderr, so its log is
 * {@code influxd.stderr} in {@link #directory()}. WAL writes are fsynced, so points acknowledged
 * before {@link #stop()} are there after {@link #start()}.
 */
public final class InfluxServer extends LocalServer {

  /** Timeouts of every HTTP call to the server, from this class and from {@link #connect()}. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration WRITE_TIMEOUT = Duration.ofSeconds(60);

  private static final int PROBE_CONNECT_MILLIS = 500;
  private static final int PROBE_READ_MILLIS = 2000;
  private static final AtomicInteger DATABASES = new AtomicInteger();
  /** An {@code "error":} member in InfluxDB's JSON answer (a statement that failed). */
  private static final Pattern ERROR = Pattern.compile("\"error\"\\s*:");

  private final int httpPort;
  private final int rpcPort;
  private final boolean auth;

  private InfluxServer() {
    this(false);
  }

  private InfluxServer(boolean auth) {
    super("influxd", "influxdb");
    this.auth = auth;
    this.httpPort = freePort();
    int rpc = freePort();
    while (rpc == httpPort) {
      rpc = freePort();
    }
    this.rpcPort = rpc;
  }

  /**
   * Starts a new influxd in a new temporary folder and waits until {@code GET /ping} answers 204.
   *
   * @throws IllegalStateException if influxd is not on PATH
   * @throws ServerStartException if it does not answer within 30 s
   */
  public static InfluxServer launch() {
    return LocalServer.launch(InfluxServer::new);
  }

  /**
   * Like {@link #launch()}, with authentication on ({@code [http] auth-enabled}). The server starts
   * with no user; create the first, an admin, with {@link #createAdmin}. Not shared: the caller
   * stops it.
   */
  public static InfluxServer launchWithAuth() {
    return LocalServer.launch(() -> new InfluxServer(true));
  }

  /**
   * On a server launched with auth and no user yet, creates the admin {@code user} (influxd lets
   * the first admin be created without credentials).
   */
  public void createAdmin(String user, String password) {
    execute("CREATE USER " + quote(user) + " WITH PASSWORD '" + password.replace("'", "\\'")
        + "' WITH ALL PRIVILEGES");
  }

  /** The HTTP API port on 127.0.0.1; the same after a restart. */
  public int port() {
    return httpPort;
  }

  /** The RPC (backup/restore) port on 127.0.0.1. */
  public int rpcPort() {
    return rpcPort;
  }

  /** The HTTP API base address, {@code http://127.0.0.1:PORT}. */
  public String url() {
    return "http://" + HOST + ":" + httpPort;
  }

  /**
   * A new influxdb-java client for this server, with connect, read and write timeouts, and no proxy.
   * The caller closes it. It keeps working across {@link #stop()}/{@link #start()} (calls made while
   * the server is down fail).
   */
  public InfluxDB connect() {
    OkHttpClient.Builder http = new OkHttpClient.Builder()
        .proxy(Proxy.NO_PROXY)
        .connectTimeout(CONNECT_TIMEOUT)
        .readTimeout(READ_TIMEOUT)
        .writeTimeout(WRITE_TIMEOUT)
        .callTimeout(READ_TIMEOUT.plus(WRITE_TIMEOUT));
    return InfluxDBFactory.connect(url(), http);
  }

  /**
   * Creates a database with a name unique in this JVM, starting with {@code prefix} (characters
   * other than letters, digits and underscore become underscores), and returns its name.
   */
  public String createDatabase(String prefix) {
    String clean = prefix == null ? "" : prefix.replaceAll("[^A-Za-z0-9_]", "_");
    String name = (clean.isEmpty() ? "test" : clean) + "_" + DATABASES.incrementAndGet();
    execute("CREATE DATABASE " + quote(name));
    return name;
  }

  /** Drops a database (no error if it does not exist). */
  public void dropDatabase(String name) {
    execute("DROP DATABASE " + quote(name));
  }

  /**
   * Runs an InfluxQL statement with {@code POST /query} and returns the JSON answer.
   *
   * @throws IllegalStateException if the server answers with an error (HTTP or in the JSON)
   * @throws UncheckedIOException if the server cannot be reached
   */
  public String execute(String influxql) {
    String body = "q=" + URLEncoder.encode(influxql, StandardCharsets.UTF_8);
    try {
      HttpURLConnection http = open("/query", (int) CONNECT_TIMEOUT.toMillis(), (int) READ_TIMEOUT.toMillis());
      try {
        http.setRequestMethod("POST");
        http.setDoOutput(true);
        http.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
        try (OutputStream out = http.getOutputStream()) {
          out.write(body.getBytes(StandardCharsets.UTF_8));
        }
        int code = http.getResponseCode();
        String answer = read(code >= 400 ? http.getErrorStream() : http.getInputStream());
        if (code != 200 || ERROR.matcher(answer).find()) {
          throw new IllegalStateException("influxd answered HTTP " + code + " to " + influxql + ": " + answer);
        }
        return answer;
      } finally {
        http.disconnect();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("influxd at " + url() + " did not answer " + influxql, e);
    }
  }

  @Override
  boolean answers() {
    try {
      HttpURLConnection http = open("/ping", PROBE_CONNECT_MILLIS, PROBE_READ_MILLIS);
      try {
        return http.getResponseCode() == 204;
      } finally {
        http.disconnect();
      }
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  List<String> command() {
    return List.of(executable().toString(), "run", "-config", config().toString());
  }

  @Override
  void prepare() throws IOException {
    for (String dir : List.of("meta", "data", "wal")) {
      Files.createDirectories(directory().resolve(dir));
    }
    Files.writeString(config(), config(directory(), httpPort, rpcPort, auth));
  }

  @Override
  void environment(Map<String, String> env) {
    // INFLUXDB_* variables override the config file.
    env.keySet().removeIf(name -> name.startsWith("INFLUXDB_"));
  }

  @Override
  List<Path> logFiles() {
    return List.of(stderr(), stdout());
  }

  private Path config() {
    return directory().resolve("influxdb.conf");
  }

  private HttpURLConnection open(String path, int connectMillis, int readMillis) throws IOException {
    HttpURLConnection http = (HttpURLConnection) URI.create(url() + path).toURL().openConnection(Proxy.NO_PROXY);
    http.setConnectTimeout(connectMillis);
    http.setReadTimeout(readMillis);
    http.setUseCaches(false);
    return http;
  }

  private static String read(InputStream in) throws IOException {
    if (in == null) {
      return "";
    }
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String toml(Path path) {
    return "\"" + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  static String config(Path dir, int httpPort, int rpcPort) {
    return config(dir, httpPort, rpcPort, false);
  }

  static String config(Path dir, int httpPort, int rpcPort, boolean auth) {
    return """
        # Written by dev.headroom.testsupport.InfluxServer for one test run.
        # Upstream influxd reads reporting-disabled; Debian's build reads reporting-enabled.
        reporting-disabled = true
        reporting-enabled = false
        bind-address = "%1$s:%3$d"

        [meta]
          dir = %4$s
          retention-autocreate = true
          logging-enabled = true

        [data]
          dir = %5$s
          wal-dir = %6$s
          wal-fsync-delay = "0s"
          index-version = "inmem"
          query-log-enabled = false
          trace-logging-enabled = false

        [coordinator]
          write-timeout = "10s"
          query-timeout = "60s"

        [retention]
          enabled = false

        [shard-precreation]
          enabled = false

        [monitor]
          store-enabled = false

        [subscriber]
          enabled = false

        [http]
          enabled = true
          bind-address = "%1$s:%2$d"
          auth-enabled = %7$s
          log-enabled = true
          suppress-write-log = true
          pprof-enabled = false
          unix-socket-enabled = false
          https-enabled = false

        [ifql]
          enabled = false

        [[graphite]]
          enabled = false

        [[collectd]]
          enabled = false

        [[opentsdb]]
          enabled = false

        [[udp]]
          enabled = false

        [continuous_queries]
          enabled = false

        [logging]
          format = "logfmt"
          level = "info"
          suppress-logo = true
        """.formatted(HOST, httpPort, rpcPort,
        toml(dir.resolve("meta")), toml(dir.resolve("data")), toml(dir.resolve("wal")), auth);
  }
}
