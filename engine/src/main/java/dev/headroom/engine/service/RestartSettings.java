package dev.headroom.engine.service;

import dev.headroom.engine.config.HeadroomConfig;
import dev.headroom.engine.config.InfluxConfig;
import dev.headroom.engine.config.TelemetryConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The settings a running engine cannot switch, field by field as the file names them: its
 * telemetry writer, spool and history client are built at start from {@code influx} and
 * {@code telemetry}. A reload that changes any of them is refused whole, naming each one (never a
 * password's value).
 */
final class RestartSettings {

  private RestartSettings() {}

  /** Fields of {@code influx} and {@code telemetry} that differ between {@code before} and {@code after}. */
  static List<String> changed(HeadroomConfig before, HeadroomConfig after) {
    List<String> out = new ArrayList<>();
    Optional<InfluxConfig> a = before.influx();
    Optional<InfluxConfig> b = after.influx();
    if (a.isPresent() != b.isPresent()) {
      out.add(b.isPresent() ? "influx (added)" : "influx (removed)");
    } else if (a.isPresent()) {
      InfluxConfig x = a.get();
      InfluxConfig y = b.get();
      field(out, "influx.url", x, y, InfluxConfig::url);
      field(out, "influx.database", x, y, InfluxConfig::database);
      field(out, "influx.connectTimeout", x, y, InfluxConfig::connectTimeout);
      field(out, "influx.readTimeout", x, y, InfluxConfig::readTimeout);
      field(out, "influx.user", x, y, InfluxConfig::user);
      field(out, "influx.passwordEnv", x, y, InfluxConfig::passwordEnv);
      if (Objects.equals(x.passwordEnv(), y.passwordEnv())) {
        field(out, "the password in " + y.passwordEnv(), x, y, InfluxConfig::password);
      }
    }
    TelemetryConfig t = before.telemetry();
    TelemetryConfig u = after.telemetry();
    field(out, "telemetry.interval", t, u, TelemetryConfig::interval);
    field(out, "telemetry.spoolPath", t, u, TelemetryConfig::spoolPath);
    field(out, "telemetry.spoolMaxSize", t, u, TelemetryConfig::spoolMaxBytes);
    return out;
  }

  private static <T> void field(List<String> out, String name, T a, T b, Function<T, Object> get) {
    if (!Objects.equals(get.apply(a), get.apply(b))) {
      out.add(name);
    }
  }
}
