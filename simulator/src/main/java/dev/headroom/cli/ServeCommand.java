package dev.headroom.cli;

import dev.headroom.engine.config.ConfigLoader;
import dev.headroom.engine.config.HeadroomConfig;
import dev.headroom.engine.config.ServerConfig;
import dev.headroom.engine.config.UpstreamConfig;
import dev.headroom.engine.gateway.GatewayHandler;
import java.util.List;
import dev.headroom.engine.service.HeadroomServer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code headroom serve}: run the throttling service until interrupted. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
        "Run the throttling service: decision API (POST /v1/check), gateway mode for configured upstreams,",
        "admin API, /metrics and /health. Without --config it runs the embedded default: one token-bucket",
        "limit keyed by X-Api-Key or the request's \"key\", predictive+reactive policy on in-memory history."})
public final class ServeCommand implements Callable<Integer> {

  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML config (see engine/src/main/resources/headroom-example.yaml); watched and reloaded on change.")
  Path config;

  @Option(names = "--port", paramLabel = "N", description = "Port to listen on (overrides the config; 0 picks a free one).")
  Integer port;

  @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to listen on (overrides the config).")
  String host;

  @Option(names = "--instances", paramLabel = "N",
      description = "HTTP server instances (event loops; default: the number of cores).")
  Integer instances;

  @Override
  public Integer call() throws Exception {
    ConfigLoader loader = new ConfigLoader();
    HeadroomConfig c = config == null ? loader.loadDefault() : loader.load(config);
    ServerConfig s = c.server();
    c = c.withServer(s.withAddress(host != null ? host : s.host(), port != null ? port : s.port()));
    int n = instances != null ? instances : Runtime.getRuntime().availableProcessors();
    List<UpstreamConfig> upstreams = c.upstreams();
    HeadroomServer server = HeadroomServer.start(c, Optional.ofNullable(config), n, System.out,
        (vertx, engine) -> new GatewayHandler(vertx, engine, upstreams));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }));
    String base = "http://" + c.server().host() + ":" + server.port();
    String api = c.apiListener().map(l -> "http://" + l.host() + ":" + server.apiPort()).orElse(base);
    System.out.println("headroom: serving on " + base + " (" + (config == null ? "embedded default config" : config)
        + "; history " + (c.influx().isPresent() ? "in InfluxDB " + c.influx().get().url() : "in memory") + ")");
    if (!api.equals(base)) {
      System.out.println("headroom: decision API, /metrics and admin API on " + api + " (not on the gateway's port)");
    }
    if (c.admin().generated()) {
      System.out.println("headroom: admin token (generated; set " + c.admin().envVar() + " to choose one): "
          + c.admin().token());
    }
    System.out.println("headroom: try  curl -s -X POST " + api + "/v1/check -d '{\"key\":\"user-1\",\"cost\":1}'");
    stopped.await();
    return 0;
  }
}
