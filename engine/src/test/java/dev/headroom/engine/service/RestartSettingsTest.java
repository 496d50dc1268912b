package dev.headroom.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.headroom.engine.config.ConfigLoader;
import dev.headroom.engine.config.HeadroomConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A reload names each setting that needs a restart, as the file spells it, and never a password. */
class RestartSettingsTest {

  private static HeadroomConfig config(Map<String, String> env, String influx, String telemetry) {
    return new ConfigLoader(env::get, () -> "generated-token-for-tests-0001").parse(influx + telemetry
        + "limits: [{name: a, algorithm: {type: concurrency, maxInFlight: 1}}]\n", "h.yaml");
  }

  @Test
  void namesEachChangedFieldAndNoPassword() {
    String influx = "influx: {url: \"http://127.0.0.1:8086\", user: u, passwordEnv: PW}\n";
    HeadroomConfig before = config(Map.of("PW", "old-secret"), influx, "");
    assertEquals(List.of(), RestartSettings.changed(before, config(Map.of("PW", "old-secret"), influx, "")));
    assertEquals(List.of("the password in PW"),
        RestartSettings.changed(before, config(Map.of("PW", "new-secret"), influx, "")));
    HeadroomConfig moved = config(Map.of("PW", "old-secret"),
        "influx: {url: \"http://127.0.0.1:9999\", database: other, user: u, passwordEnv: PW}\n",
        "telemetry: {interval: 30s, spoolMaxSize: 1MiB}\n");
    assertEquals(List.of("influx.url", "influx.database", "telemetry.interval", "telemetry.spoolMaxSize"),
        RestartSettings.changed(before, moved));
    assertEquals(List.of("influx (removed)"), RestartSettings.changed(before, config(Map.of(), "", "")));
  }
}
