/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.bench.engine;

import dev.headroom.engine.config.HeadroomConfig;
import dev.headroom.engine.gateway.GatewayHandler;
import dev.headroom.engine.service.HeadroomServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.util.Optional;

/**
 * Entry point of one forked server JVM: {@code ServerMain ROLE INSTANCES [UPSTREAM_PORT]}. It prints
 * {@code READY PORT} once listening on loopback, then serves until its standard input closes, so
 * that a parent that dies takes its servers with it.
 */
public final class ServerMain {

  static final String READY = "READY";
  static final String HOST = "127.0.0.1";

  private ServerMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: ServerMain bare|decision|upstream|proxy|gateway INSTANCES [UPSTREAM_PORT]");
      System.exit(2);
    }
    ServerRole role = ServerRole.of(args[0]);
    int instances = Integer.parseInt(args[1]);
    PrintStream out = System.out;
    int port;
    switch (role) {
      case BARE, UPSTREAM -> {
        port = freePort();
        HelloServer.start(HOST, port, instances);
      }
      case DECISION -> port = HeadroomServer.start(BenchConfigs.parse(BenchConfigs.admitAll(), "bench-decision.yaml"),
          Optional.empty(), instances, System.err, null).port();
      case PROXY -> {
        if (args.length < 3) {
          throw new IllegalArgumentException("proxy needs the upstream's port");
        }
        port = freePort();
        MinimalProxy.start(HOST, port, instances, Integer.parseInt(args[2]));
      }
      case GATEWAY -> {
        if (args.length < 3) {
          throw new IllegalArgumentException("gateway needs the upstream's port");
        }
        HeadroomConfig config = BenchConfigs.parse(BenchConfigs.gateway(Integer.parseInt(args[2])), "bench-gateway.yaml");
        port = HeadroomServer.start(config, Optional.empty(), instances, System.err,
            (vertx, engine) -> new GatewayHandler(vertx, engine, config.upstreams())).port();
      }
      default -> throw new IllegalStateException("unhandled role " + role);
    }
    out.println(READY + " " + port);
    out.flush();
    waitForEof(System.in);
    // Not closed: closing the engine flushes the telemetry of every key into the embedded in-memory
    // history (a ring per key), which after the distinct-keys runs is gigabytes. Nothing is kept.
    System.exit(0);
  }

  private static void waitForEof(InputStream in) {
    byte[] buf = new byte[64];
    try {
      while (in.read(buf) >= 0) {
        // the parent sends nothing; it closes the stream to stop us
      }
    } catch (IOException e) {
      // a broken pipe is a closed parent too
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
