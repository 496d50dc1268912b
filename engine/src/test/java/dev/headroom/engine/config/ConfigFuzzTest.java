package dev.headroom.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * The YAML config reader under arbitrary text: every document either loads or fails with a
 * {@link ConfigException} whose problems name the file and a plausible line, never with another
 * exception (which {@code headroom serve} would print as a stack trace). {@code mvn verify} replays
 * the corpus in {@code ConfigFuzzTestInputs/parse} and then fuzzes for a bounded time (the engine's
 * {@code fuzz} profile).
 */
// Per input, on a thread of its own so that a parser that never returns still fails the test;
// while fuzzing, Jazzer turns it into libFuzzer's -timeout (the fuzz profile turns JUnit's off).
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConfigFuzzTest {

  private static final String FILE = "fuzz.yaml";

  // A fixed environment and token source, so that a run depends on the input alone.
  private final ConfigLoader loader = new ConfigLoader(
      name -> name.equals("HEADROOM_ADMIN_TOKEN") ? "fuzz-admin-token-0123456789abcdef" : null,
      () -> "generated-token-0123456789abcdef");

  @FuzzTest(maxDuration = "20s") // mvn verify sets it from ${fuzz.duration}
  void parse(byte[] bytes) {
    String yaml = new String(bytes, StandardCharsets.UTF_8);
    HeadroomConfig config;
    try {
      config = loader.parse(yaml, FILE);
    } catch (ConfigException e) {
      assertFalse(e.problems().isEmpty());
      long lines = yaml.lines().count();
      for (ConfigProblem p : e.problems()) {
        assertEquals(FILE, p.file(), p.toString());
        assertNotNull(p.path(), p.toString());
        assertFalse(p.message().isBlank(), p.toString());
        // SnakeYAML may point one line past the last (an unexpected end of the document).
        assertTrue(p.line() >= 0 && p.line() <= lines + 1, "line " + p.line() + " of " + lines + ": " + p);
      }
      return;
    }
    assertNotNull(config);
    assertFalse(config.limits().isEmpty(), "a loaded config limits something");
  }
}
