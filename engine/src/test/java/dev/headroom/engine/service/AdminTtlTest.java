package dev.headroom.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An override's TTL: the configuration's duration syntax, above zero and at most 7 days. */
class AdminTtlTest {

  @Test
  void readsTheSharedDurationSyntax() {
    assertEquals(Duration.ofMinutes(10), AdminApi.ttl("10m"));
    assertEquals(Duration.ofMinutes(90), AdminApi.ttl("1.5h"));
    assertEquals(Duration.ofDays(7), AdminApi.ttl("7d"));
  }

  @Test
  void refusesNoTimeForeverAndNonsenseNamingTheField() {
    for (String bad : new String[] {"0", "8d", "2w", "soon", "10"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AdminApi.ttl(bad), bad);
      assertTrue(e.getMessage().startsWith("\"ttl\"") && e.getMessage().contains("\"" + bad + "\""), e.getMessage());
    }
  }
}
