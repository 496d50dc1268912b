package dev.headroom.engine.service;

import dev.headroom.engine.config.ConfigException;
import dev.headroom.engine.config.ConfigLoader;
import dev.headroom.engine.config.ConfigProblem;
import dev.headroom.engine.config.HeadroomConfig;
import dev.headroom.engine.config.ServerConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * {@code headroom serve}: the engine behind Vert.x HTTP servers, one per core on each listener (Vert.x
 * spreads connections across them). With a config file it watches the file and reloads on change,
 * keeping bucket state; an invalid edit is reported and the running config stays.
 */
public final class HeadroomServer implements AutoCloseable {

  private static final long WATCH_MILLIS = 2_000;

  private final Vertx vertx;
  private final Engine engine;
  private final int port;
  /** Where the decision API listens: {@link #port} unless the API has a listener of its own. */
  private final int apiPort;
  private final boolean separateApi;
  private final Optional<Path> file;
  private final PrintStream log;
  private volatile FileTime lastModified;
  /** The gateway, or null when started without one. */
  private volatile UpstreamProxy proxy;

  private HeadroomServer(Vertx vertx, Engine engine, int port, int apiPort, boolean separateApi, Optional<Path> file,
      PrintStream log) {
    this.vertx = vertx;
    this.engine = engine;
    this.port = port;
    this.apiPort = apiPort;
    this.separateApi = separateApi;
    this.file = file;
    this.log = log;
  }

  /**
   * Starts the engine and its HTTP servers and returns once they listen. {@code gateway} builds the
   * gateway from the engine (null for none); it is built even with no upstreams configured, so that
   * a reload can add some: on a server with an API listener ({@link HeadroomConfig#apiListener()}),
   * since the gateway's port must not serve the decision API.
   */
  public static HeadroomServer start(HeadroomConfig config, Optional<Path> file, int instances, PrintStream log,
      BiFunction<Vertx, Engine, UpstreamProxy> gateway) {
    ServerConfig sc = config.server();
    int port = sc.port() == 0 ? freePort() : sc.port();
    Optional<ServerConfig.Listener> apiListener = config.apiListener();
    int apiPort = apiListener.map(l -> l.port() == 0 ? freePort() : l.port()).orElse(port);
    Vertx vertx = Vertx.vertx();
    OnceLog once = new OnceLog(log);
    // Last resort: an exception thrown in a callback no handler guards is logged once per kind, not
    // printed with its stack trace per request; the connection deadlines close what it leaves hanging.
    vertx.exceptionHandler(e -> once.log("uncaught " + e.getClass().getName(), "uncaught " + OnceLog.describe(e)));
    Engine engine = Engine.start(config);
    HeadroomServer server = new HeadroomServer(vertx, engine, port, apiPort, apiListener.isPresent(), file, log);
    Metrics metrics = new Metrics(engine);
    AdminApi admin = new AdminApi(vertx, engine, config.admin().token(), server::reloadFromFile);
    server.proxy = gateway == null ? null : gateway.apply(vertx, engine);
    AtomicInteger connections = new AtomicInteger();
    List<Listening> listeners = new ArrayList<>();
    if (apiListener.isPresent()) {
      listeners.add(new Listening(sc.host(), port, new HttpApi(engine, admin, metrics, server.proxy,
          HttpApi.Role.GATEWAY, sc.maxBodySize(), once)));
      listeners.add(new Listening(apiListener.get().host(), apiPort, new HttpApi(engine, admin, metrics, null,
          HttpApi.Role.API, sc.maxBodySize(), once)));
    } else {
      listeners.add(new Listening(sc.host(), port, new HttpApi(engine, admin, metrics, server.proxy,
          HttpApi.Role.ALL, sc.maxBodySize(), once)));
    }
    for (Listening l : listeners) {
      HttpServerOptions options = new HttpServerOptions().setHost(l.host()).setPort(l.port())
          .setTcpNoDelay(true).setCompressionSupported(false).setDecompressionSupported(false)
          // HTTP/1.1 only: an h2c upgrade swaps the connection under the guard's per-connection state.
          .setHttp2ClearTextEnabled(false)
          .setIdleTimeout((int) Math.min(Integer.MAX_VALUE, sc.idleTimeout().toMillis()))
          .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
      try {
        vertx.deployVerticle(() -> new VerticleBase() {
              @Override
              public Future<?> start() {
                ConnectionGuard guard = new ConnectionGuard(vertx, engine.clock(), sc, connections);
                guard.start();
                return vertx.createHttpServer(options)
                    .connectionHandler(guard::connected)
                    .requestHandler(req -> {
                      guard.requestStarted(req);
                      l.api().handle(req);
                    })
                    .listen();
              }
            }, new DeploymentOptions().setInstances(Math.max(1, instances)))
            .await(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        server.close();
        throw new IllegalStateException("cannot listen on " + l.host() + ":" + l.port() + ": " + e.getMessage(), e);
      }
    }
    file.ifPresent(f -> {
      server.lastModified = modified(f);
      vertx.setPeriodic(WATCH_MILLIS, id -> server.watch());
    });
    return server;
  }

  private record Listening(String host, int port, HttpApi api) {}

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for the server", e);
    }
  }

  private void watch() {
    Path f = file.orElseThrow();
    FileTime now = modified(f);
    if (now == null || now.equals(lastModified)) {
      return;
    }
    lastModified = now;
    vertx.executeBlocking(this::reloadFromFile)
        .onSuccess(r -> log.println("headroom: reloaded " + f + ": " + r))
        .onFailure(e -> log.println("headroom: " + f + " changed but was not applied; the running config stays:\n"
            + e.getMessage()));
  }

  /** Reloads the config file (admin call or file change); throws {@link ConfigException} when it is invalid. */
  Engine.ReloadReport reloadFromFile() {
    Path f = file.orElseThrow(() -> new IllegalStateException("started without a config file: nothing to reload"));
    HeadroomConfig next = new ConfigLoader().load(f);
    if (!separateApi && !next.upstreams().isEmpty()) {
      throw new ConfigException(List.of(new ConfigProblem(f.toString(), 0, 0, "upstreams", "upstreams need the "
          + "decision API on a listener of its own (server.api), away from the gateway's port: restart to apply them")));
    }
    Engine.ReloadReport report = engine.reload(next);
    UpstreamProxy p = proxy;
    if (p != null) {
      p.reconfigure(next.upstreams()); // after the limits, which the upstreams' requests are checked against
    }
    return report;
  }

  private static FileTime modified(Path f) {
    try {
      return Files.getLastModifiedTime(f);
    } catch (IOException e) {
      return null;
    }
  }

  /** The main listener's port: the gateway's, and the decision API's too without an API listener. */
  public int port() {
    return port;
  }

  /** The port of the decision API, release, {@code /metrics} and the admin API. */
  public int apiPort() {
    return apiPort;
  }

  public Engine engine() {
    return engine;
  }

  @Override
  public void close() {
    try {
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.println("headroom: closing Vert.x: " + e.getMessage());
    }
    engine.close();
  }
}
