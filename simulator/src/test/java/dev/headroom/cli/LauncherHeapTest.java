package dev.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The launcher's heap: 1g for serve by default, HEADROOM_HEAP for any command, HEADROOM_JAVA_OPTS last. */
class LauncherHeapTest {

  private static final Path LAUNCHER = Path.of("..", "headroom").toAbsolutePath().normalize();

  /** Exit status and output of {@code ./headroom --print-java-command ARGS} (nothing is built or run). */
  private static String[] javaCommand(Map<String, String> env, String... args) throws Exception {
    assertTrue(Files.isExecutable(LAUNCHER), LAUNCHER + " missing");
    List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toString(), "--print-java-command"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().remove("HEADROOM_HEAP");
    pb.environment().remove("HEADROOM_JAVA_OPTS");
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "launcher hung");
    return new String[] {Integer.toString(p.exitValue()), out};
  }

  @Test
  void serveGetsOneGigabyteUnlessTold() throws Exception {
    String[] serve = javaCommand(Map.of(), "--debug", "serve", "--config", "x.yaml");
    assertEquals("0", serve[0], serve[1]);
    assertTrue(serve[1].contains(" -Xmx1g "), serve[1]);
    String[] simulate = javaCommand(Map.of(), "simulate");
    assertFalse(simulate[1].contains("-Xmx"), "other commands keep the JVM's default: " + simulate[1]);
  }

  @Test
  void headroomHeapAndJavaOptsOverride() throws Exception {
    assertTrue(javaCommand(Map.of("HEADROOM_HEAP", "3g"), "simulate")[1].contains(" -Xmx3g "));
    String opts = javaCommand(Map.of("HEADROOM_JAVA_OPTS", "-Xmx2g"), "serve")[1];
    assertTrue(opts.indexOf("-Xmx2g") > opts.indexOf("-Xmx1g"), "the last -Xmx wins, so JAVA_OPTS must come later: " + opts);
    String[] bad = javaCommand(Map.of("HEADROOM_HEAP", "lots"), "serve");
    assertEquals("1", bad[0]);
    assertTrue(bad[1].contains("HEADROOM_HEAP must be a size such as 1g"), bad[1]);
  }
}
