package dev.headroom.engine.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.headroom.engine.service.CheckResult;
import org.junit.jupiter.api.Test;

/** A limit with no room for a new key is the service's shortage (503), not the client's rate (429). */
class GatewayRejectionTest {

  private static CheckResult refused(String reason) {
    return new CheckResult(false, "api", "api|k", 10, 0, 1000, 1000, 10, "static", false, false, false, reason);
  }

  @Test
  void keyCapacityIs503AndAnOrdinaryRefusal429() {
    GatewayRejection full = GatewayRejection.limited(refused(CheckResult.KEY_CAPACITY), "limit 'api' is exhausted");
    assertEquals(503, full.status);
    assertEquals("key_capacity", full.error);
    assertEquals(1000, full.retryAfterMillis);
    GatewayRejection limited = GatewayRejection.limited(refused(null), "limit 'api' is exhausted");
    assertEquals(429, limited.status);
    assertEquals("rate_limited", limited.error);
  }
}
