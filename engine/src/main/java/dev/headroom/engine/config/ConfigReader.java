/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

import dev.headroom.forecaster.influx.InfluxEndpoint;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads a composed YAML document into a {@link HeadroomConfig}: the top level and the small
 * sections here, limits and upstreams in their own readers. Problems are collected, not thrown.
 */
final class ConfigReader {

  private final Function<String, String> env;
  private final Supplier<String> tokens;

  ConfigReader(Function<String, String> env, Supplier<String> tokens) {
    this.env = env;
    this.tokens = tokens;
  }

  /** The configuration, or null when {@code root} is not even a mapping (the problem is recorded). */
  HeadroomConfig read(Value root, String source) {
    Mapping m = root.mapping();
    if (m == null) {
      return null;
    }
    ServerConfig server = m.opt("server", this::server, ServerConfig.DEFAULT);
    AdminConfig admin = admin(m.get("admin"), root);
    Optional<InfluxConfig> influx = Optional.ofNullable(m.opt("influx", ConfigReader::influx, null));
    TelemetryConfig telemetry = m.opt("telemetry", ConfigReader::telemetry, TelemetryConfig.DEFAULT);
    List<CapacityConfig> capacities = m.opt("capacities", ConfigReader::capacities, List.of());
    List<String> capacityNames = capacities.stream().map(CapacityConfig::name).toList();
    List<LimitConfig> limits = new ArrayList<>();
    Value limitList = m.require("limits");
    if (limitList != null) {
      LimitReader reader = new LimitReader(capacityNames);
      List<Value> items = limitList.list();
      if (items.isEmpty() && limitList.node() instanceof org.yaml.snakeyaml.nodes.SequenceNode) {
        limitList.error("at least one limit is needed, or nothing is limited");
      }
      for (Value item : items) {
        LimitConfig limit = reader.read(item);
        if (limit != null) {
          limits.add(limit);
        }
      }
    }
    List<UpstreamConfig> upstreams = new ArrayList<>();
    Value upstreamList = m.get("upstreams");
    if (upstreamList != null) {
      UpstreamReader reader = new UpstreamReader();
      for (Value item : upstreamList.list()) {
        UpstreamConfig u = reader.read(item);
        if (u != null) {
          upstreams.add(u);
        }
      }
    }
    // x-... fields hold shared settings for YAML anchors (as in Docker Compose); they are not read.
    m.names().stream().filter(n -> n.startsWith("x-")).forEach(m::skip);
    m.finish();
    return new HeadroomConfig(source, server, admin, influx, telemetry, limits, capacities, upstreams);
  }

  private ServerConfig server(Value v) {
    Mapping m = v.mapping();
    if (m == null) {
      return null;
    }
    ServerConfig d = ServerConfig.DEFAULT;
    String host = m.opt("host", Value::string, d.host());
    long port = m.opt("port", ConfigReader::port, (long) d.port());
    Optional<ServerConfig.Listener> api = Optional.ofNullable(m.opt("api", ConfigReader::listener, null));
    Duration idle = m.opt("idleTimeout", Value::positiveDuration, d.idleTimeout());
    Duration header = m.opt("headerTimeout", Value::positiveDuration, d.headerTimeout());
    Duration body = m.opt("bodyTimeout", Value::positiveDuration, d.bodyTimeout());
    long maxConnections = m.opt("maxConnections", c -> c.integer(1, 1_000_000), (long) d.maxConnections());
    long maxBody = m.opt("maxBodySize", Value::size, d.maxBodySize());
    if (maxBody < 1024 || maxBody > Integer.MAX_VALUE) {
      m.get("maxBodySize").expected("expected a size from 1KiB to 2GiB (bodies are read into memory)");
    }
    List<String> trusted = m.opt("trustedProxies", ConfigReader::addressBlocks, List.of());
    m.finish();
    if (api.isPresent() && api.get().port() != 0 && api.get().port() == port && api.get().host().equals(host)) {
      m.errorAt("api", "the API listener needs an address of its own, not the main listener's " + host + ":" + port);
    }
    return new ServerConfig(host, (int) port, api, idle, header, body, (int) maxConnections, maxBody, trusted);
  }

  private static Long port(Value v) {
    return v.integer(0, 65535);
  }

  private static ServerConfig.Listener listener(Value v) {
    Mapping m = v.mapping();
    if (m == null) {
      return null;
    }
    String host = m.opt("host", Value::string, ServerConfig.LOOPBACK);
    Long port = m.req("port", ConfigReader::port);
    m.finish();
    return host == null || port == null ? null : new ServerConfig.Listener(host, port.intValue());
  }

  private static List<String> addressBlocks(Value v) {
    List<String> out = new ArrayList<>();
    for (Value item : v.list()) {
      String s = item.string();
      if (s == null) {
        continue;
      }
      try {
        AddressBlock.parse(s);
        out.add(s.trim());
      } catch (IllegalArgumentException e) {
        item.expected(e.getMessage().replace(", got \"" + s + "\"", ""));
      }
    }
    return out;
  }

  /** From the file, else from the environment variable, else generated (and printed by the service). */
  private AdminConfig admin(Value v, Value root) {
    Mapping m = v == null ? null : v.mapping();
    String token = null;
    String envVar = AdminConfig.DEFAULT_ENV_VAR;
    Value envValue = null;
    if (m != null) {
      Value t = m.get("token");
      envValue = m.get("tokenEnv");
      if (t != null && envValue != null) {
        envValue.error("set token or tokenEnv, not both");
      }
      if (t != null) {
        token = t.string();
        if (token != null && token.length() < AdminConfig.MIN_TOKEN_LENGTH) {
          t.error("a token of " + token.length() + " characters can be guessed; use at least "
              + AdminConfig.MIN_TOKEN_LENGTH + " (or leave it out and one is generated)");
        }
      }
      if (envValue != null) {
        envVar = envValue.string();
      }
      m.finish();
    }
    if (token != null) {
      return new AdminConfig(token, AdminConfig.Origin.FILE, null);
    }
    if (envVar == null) {
      return new AdminConfig(tokens.get(), AdminConfig.Origin.GENERATED, AdminConfig.DEFAULT_ENV_VAR);
    }
    String fromEnv = env.apply(envVar);
    if (fromEnv != null && !fromEnv.isBlank()) {
      if (fromEnv.length() < AdminConfig.MIN_TOKEN_LENGTH) {
        Value where = envValue != null ? envValue : v != null ? v : root;
        where.error("the environment variable " + envVar + " holds a token of " + fromEnv.length()
            + " characters, which can be guessed; use at least " + AdminConfig.MIN_TOKEN_LENGTH);
      }
      return new AdminConfig(fromEnv, AdminConfig.Origin.ENVIRONMENT, envVar);
    }
    return new AdminConfig(tokens.get(), AdminConfig.Origin.GENERATED, envVar);
  }

  private static InfluxConfig influx(Value v) {
    Mapping m = v.mapping();
    if (m == null) {
      return null;
    }
    Value urlValue = m.require("url");
    String url = urlValue == null ? null : urlValue.string();
    String database = m.opt("database", Value::string, "headroom");
    Duration connect = m.opt("connectTimeout", Value::positiveDuration, InfluxEndpoint.DEFAULT_CONNECT_TIMEOUT);
    Duration read = m.opt("readTimeout", Value::positiveDuration, InfluxEndpoint.DEFAULT_READ_TIMEOUT);
    m.finish();
    if (url == null) {
      return null;
    }
    try {
      new InfluxEndpoint(url, database, connect, read);
    } catch (IllegalArgumentException e) {
      urlValue.error(e.getMessage());
      return null;
    }
    return new InfluxConfig(url, database, connect, read);
  }

  private static TelemetryConfig telemetry(Value v) {
    Mapping m = v.mapping();
    if (m == null) {
      return null;
    }
    TelemetryConfig d = TelemetryConfig.DEFAULT;
    Duration interval = m.opt("interval", Value::positiveDuration, d.interval());
    if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
      m.get("interval").expected("expected an interval of at least 1s (each interval is one point per key)");
    }
    Path spool = m.opt("spoolPath", ConfigReader::path, d.spoolPath());
    long max = m.opt("spoolMaxSize", Value::size, d.spoolMaxBytes());
    if (max < 4096) {
      m.get("spoolMaxSize").expected("expected a spool of at least 4KiB");
    }
    m.finish();
    return new TelemetryConfig(interval, spool, max);
  }

  private static Path path(Value v) {
    String s = v.string();
    if (s == null) {
      return null;
    }
    try {
      return Path.of(s);
    } catch (InvalidPathException e) {
      v.expected("expected a file path (" + e.getReason() + ")");
      return null;
    }
  }

  private static List<CapacityConfig> capacities(Value v) {
    List<CapacityConfig> out = new ArrayList<>();
    Names names = new Names("capacity group");
    for (Value item : v.list()) {
      Mapping m = item.mapping();
      if (m == null) {
        continue;
      }
      String name = names.read(m);
      var rate = m.req("rate", Value::rate);
      m.finish();
      if (name != null && rate != null) {
        out.add(new CapacityConfig(name, rate.perSecond()));
      }
    }
    return out;
  }
}
