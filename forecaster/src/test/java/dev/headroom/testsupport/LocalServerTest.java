/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of the test-server support that need no server. */
class LocalServerTest {

  @Test
  void findsExecutablesOnPathOnly(@TempDir Path dir) throws IOException {
    Path bin = Files.createDirectory(dir.resolve("bin"));
    Path tool = Files.writeString(bin.resolve("influxd"), "#!/bin/sh\n");
    Files.writeString(dir.resolve("redis-server"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
    String path = "/nonexistent::" + bin;

    assertEquals(Optional.of(tool.toAbsolutePath()), LocalServer.findOnPath("influxd", path));
    assertEquals(Optional.empty(), LocalServer.findOnPath("redis-server", path));
    assertEquals(Optional.empty(), LocalServer.findOnPath("influxd", null));
  }

  @Test
  void missingBinaryMessageNamesTheDebianPackage() {
    assertEquals("influxd not found on PATH: install the Debian package influxdb, or run ./headroom test,"
        + " which installs it", LocalServer.missingBinaryMessage("influxd", "influxdb"));
  }

  @Test
  void freePortIsBindableOnLoopback() throws IOException {
    int port = LocalServer.freePort();
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
      assertEquals(port, socket.getLocalPort());
    }
  }

  @Test
  void tailKeepsTheLastLines(@TempDir Path dir) throws IOException {
    Path log = Files.writeString(dir.resolve("log"), "a\nb\n\nc\nd\n");
    assertEquals(List.of("c", "d"), LocalServer.tail(log, 2));
    assertEquals(List.of(), LocalServer.tail(dir.resolve("missing"), 2));
  }

  @Test
  void influxConfigBindsLoopbackAndDisablesReporting(@TempDir Path dir) {
    String config = InfluxServer.config(dir, 18086, 18088);
    assertTrue(config.contains("bind-address = \"127.0.0.1:18088\""), config);
    assertTrue(config.contains("bind-address = \"127.0.0.1:18086\""), config);
    assertTrue(config.contains("reporting-disabled = true"), config);
    assertTrue(config.contains("dir = \"" + dir.resolve("wal") + "\""), config);
  }
}
