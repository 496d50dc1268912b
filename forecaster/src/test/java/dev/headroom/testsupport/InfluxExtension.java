/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.testsupport;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Injects a real, shared {@link InfluxServer} into tests.
 *
 * <pre>{@code
 * @ExtendWith(InfluxExtension.class)
 * class HistoryIT {
 *   @Test
 *   void readsBack(InfluxServer influx) {
 *     String db = influx.createDatabase("history");   // a database of this test's own
 *     try (InfluxDB client = influx.connect()) {
 *       ...
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>A parameter of type {@code InfluxServer} can be declared on test methods, constructors,
 * {@code @BeforeAll}/{@code @BeforeEach} methods and so on. influxd takes seconds to start, so it is
 * started once per test JVM, on first use, and shared by every test class that uses this extension;
 * it is stopped and its folder deleted when the whole run ends (it is kept in the root
 * {@code ExtensionContext} store, which closes it). Tests therefore must not depend on a clean
 * server: use {@link InfluxServer#createDatabase(String)} for a fresh database each.
 *
 * <p>A test may {@link InfluxServer#stop() stop} and {@link InfluxServer#start() start} the shared
 * server to test outages (same port, same data); if it fails in between, the next test that
 * resolves the parameter gets the server started again. Do not do that in tests running in
 * parallel with other users of the server. A test that needs a server of its own uses
 * {@code try (InfluxServer own = InfluxServer.launch()) { ... }} instead.
 *
 * <p>These classes ship in the forecaster module's test-jar; other modules depend on
 * {@code headroom-forecaster} with {@code <type>test-jar</type>} and {@code <scope>test</scope>}.
 * influxd must be on PATH (Debian package {@code influxdb}; {@code ./headroom test} installs it).
 */
public final class InfluxExtension extends SharedServerExtension<InfluxServer> {

  public InfluxExtension() {
    super(InfluxServer.class, InfluxServer::launch);
  }

  /**
   * The server shared by the test run that {@code context} belongs to, launched on first call and
   * running on return. For other extensions; tests take it as a parameter.
   */
  public static InfluxServer server(ExtensionContext context) {
    return shared(context, InfluxServer.class, InfluxServer::launch);
  }
}
