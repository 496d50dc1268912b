package dev.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {

  @TempDir
  Path dir;

  @Test
  void everyConfigErrorIsReportedWithFileLineAndPath() throws IOException {
    Path file = Files.writeString(dir.resolve("broken.yaml"), """
        server: {port: 8080}
        telemetry: {interval: soon}
        limits:
          - name: api
            algorithm: {type: token-bucket, rate: fast, burst: 10}
        """);
    CliRun run = CliRun.of("serve", "--config", file.toString());
    assertEquals(1, run.exit(), run.out());
    assertTrue(run.err().contains("broken.yaml:2: telemetry.interval"), run.err());
    assertTrue(run.err().contains("broken.yaml:5: limits[0].algorithm.rate"), run.err());
  }
}
