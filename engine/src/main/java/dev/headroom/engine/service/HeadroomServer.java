package dev.headroom.engine.service;

import dev.headroom.engine.config.ConfigException;
import dev.headroom.engine.config.ConfigLoader;
import dev.headroom.engine.config.HeadroomConfig;
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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * {@code headroom serve}: the engine behind Vert.x HTTP servers, one per core on one port (Vert.x
 * spreads connections across them). With a config file it watches the file and reloads on change,
 * keeping bucket state; an invalid edit is reported and the running config stays.
 */
public final class HeadroomServer implements AutoCloseable {

  private static final long WATCH_MILLIS = 2_000;

  private final Vertx vertx;
  private final Engine engine;
  private final int port;
  private final Optional<Path> file;
  private final PrintStream log;
  private volatile FileTime lastModified;
  /** The gateway, or null when started without one. */
  private volatile UpstreamProxy proxy;

  private HeadroomServer(Vertx vertx, Engine engine, int port, Optional<Path> file, PrintStream log) {
    this.vertx = vertx;
    this.engine = engine;
    this.port = port;
    this.file = file;
    this.log = log;
  }

  /**
   * Starts the engine and its HTTP servers and returns once they listen. {@code gateway} builds the
   * gateway from the engine (null for none); it is built even with no upstreams configured, so that
   * a reload can add some.
   */
  public static HeadroomServer start(HeadroomConfig config, Optional<Path> file, int instances, PrintStream log,
      BiFunction<Vertx, Engine, UpstreamProxy> gateway) {
    int port = config.server().port() == 0 ? freePort() : config.server().port();
    Vertx vertx = Vertx.vertx();
    Engine engine = Engine.start(config);
    HeadroomServer server = new HeadroomServer(vertx, engine, port, file, log);
    Metrics metrics = new Metrics(engine);
    AdminApi admin = new AdminApi(vertx, engine, server::reloadFromFile);
    server.proxy = gateway == null ? null : gateway.apply(vertx, engine);
    HttpApi api = new HttpApi(engine, admin, metrics, server.proxy);
    HttpServerOptions options = new HttpServerOptions().setHost(config.server().host()).setPort(port)
        .setTcpNoDelay(true).setCompressionSupported(false);
    try {
      vertx.deployVerticle(() -> new VerticleBase() {
            @Override
            public Future<?> start() {
              return vertx.createHttpServer(options).requestHandler(api).listen();
            }
          }, new DeploymentOptions().setInstances(Math.max(1, instances)))
          .await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      server.close();
      throw new IllegalStateException("cannot listen on " + config.server().host() + ":" + port + ": "
          + e.getMessage(), e);
    }
    file.ifPresent(f -> {
      server.lastModified = modified(f);
      vertx.setPeriodic(WATCH_MILLIS, id -> server.watch());
    });
    return server;
  }

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

  public int port() {
    return port;
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
