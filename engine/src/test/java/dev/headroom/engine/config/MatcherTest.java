/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The first limit whose conditions hold and whose key parts are present decides; keys never collide. */
class MatcherTest {

  private static final String LIMITS = """
      limits:
        - name: orders-bulk
          match:
            route: /orders/
            headers: {X-Bulk: "*"}
            key: [{header: X-Tenant, field: tenant}]
          algorithm: {type: token-bucket, rate: 10/s}
        - name: orders
          match:
            route: /orders/
            key: [{header: X-Tenant, field: tenant}, apiKey]
          algorithm: {type: token-bucket, rate: 100/s}
          priorities:
            - {name: core, match: {headers: {X-Priority: core}}}
            - {name: standard, shedAt: 0.2}
            - {name: batch, match: {headers: {X-Priority: batch}}, shedAt: 0.6}
        - name: public
          match: {route: /public/, key: [clientIp]}
          algorithm: {type: token-bucket, rate: 5/s}
          priorities:
            - {name: paying, match: {headers: {X-Plan: paid}}}
            - {name: free, match: {headers: {X-Plan: free}}, shedAt: 0.5}
        - name: tiered
          match: {fields: {tier: gold}, key: [{field: tenant}, path]}
          algorithm: {type: token-bucket, rate: 5/s}
        - name: default
          match: {key: [apiKey]}
          algorithm: {type: token-bucket, rate: 100/s}
      """;

  private final Matcher matcher = new ConfigLoader(n -> null, () -> "generated-token-for-tests-0001")
      .parse(LIMITS, "headroom.yaml").matcher();

  private Match match(RequestView r) {
    return matcher.match(r).orElseThrow(() -> new AssertionError("no limit matched " + r));
  }

  @Test
  void firstMatchingLimitInFileOrderWins() {
    Match bulk = match(TestRequest.gateway("/orders/42", "X-Bulk", "yes", "X-Tenant", "acme", "X-Api-Key", "k1"));
    assertEquals("orders-bulk", bulk.limit().name());
    assertEquals("orders-bulk|acme", bulk.key());

    Match orders = match(TestRequest.gateway("/orders/42", "X-Tenant", "acme", "X-Api-Key", "k1"));
    assertEquals("orders|acme|k1", orders.key());
  }

  @Test
  void routeIsAPrefixOfThePath() {
    assertEquals("default|k1", match(TestRequest.gateway("/order", "X-Tenant", "acme", "X-Api-Key", "k1")).key());
    assertEquals("public|203.0.113.9", match(TestRequest.gateway("/public/docs").withIp("203.0.113.9")).key());
  }

  @Test
  void aRequestMissingAKeyPartFallsThroughToTheNextLimit() {
    // orders needs an API key: without one, default needs it too, so nothing matches.
    assertEquals(Optional.empty(), matcher.match(TestRequest.gateway("/orders/1", "X-Tenant", "acme")));
    // with an API key but no tenant, orders cannot build its key: default takes it.
    assertEquals("default|k1", match(TestRequest.gateway("/orders/1", "X-Api-Key", "k1")).key());
  }

  @Test
  void decisionApiFieldsStandInForHeaders() {
    assertEquals("default|k9", match(TestRequest.decision("key", "k9")).key());
    Match viaFields = match(TestRequest.gateway("/orders/1").withFields("tenant", "beta", "key", "k2"));
    assertEquals("orders|beta|k2", viaFields.key());
    Match headerFirst = match(new TestRequest(java.util.Map.of("X-Tenant", "from-header", "X-Api-Key", "k"),
        "192.0.2.1", "/orders/", java.util.Map.of("tenant", "from-field")));
    assertEquals("orders|from-header|k", headerFirst.key(), "sources are tried in the order written");
  }

  @Test
  void fieldConditionsAndPathKeys() {
    Match gold = match(new TestRequest(java.util.Map.of(), "192.0.2.1", "/reports/7",
        java.util.Map.of("tier", "gold", "tenant", "acme", "key", "k")));
    assertEquals("tiered|acme|/reports/7", gold.key());
    Match silver = match(new TestRequest(java.util.Map.of(), "192.0.2.1", "/reports/7",
        java.util.Map.of("tier", "silver", "tenant", "acme", "key", "k")));
    assertEquals("default|k", silver.key());
  }

  @Test
  void separatorsInsideValuesCannotMakeTwoRequestsShareABucket() {
    Match a = match(TestRequest.gateway("/orders/", "X-Tenant", "x|y", "X-Api-Key", "z"));
    Match b = match(TestRequest.gateway("/orders/", "X-Tenant", "x", "X-Api-Key", "y|z"));
    assertNotEquals(a.key(), b.key());
    assertEquals("orders|x\\|y|z", a.key());
    assertEquals("orders|x|y\\|z", b.key());
    Match backslash = match(TestRequest.gateway("/orders/", "X-Tenant", "x\\", "X-Api-Key", "|z"));
    assertNotEquals(a.key(), backslash.key());
  }

  @Test
  void priorityClassIsTheFirstMatchElseTheDefaultClassElseTheLast() {
    String[] base = {"X-Tenant", "acme", "X-Api-Key", "k"};
    assertEquals("core", priority(TestRequest.gateway("/orders/", with(base, "X-Priority", "core"))));
    assertEquals("batch", priority(TestRequest.gateway("/orders/", with(base, "X-Priority", "batch"))));
    assertEquals("standard", priority(TestRequest.gateway("/orders/", base)), "unlabelled: the default class");
    assertEquals("standard", priority(TestRequest.gateway("/orders/", with(base, "X-Priority", "other"))));
    // public has no default class: unlabelled traffic is the least important.
    assertEquals("free", priority(TestRequest.gateway("/public/")));
    assertEquals("paying", priority(TestRequest.gateway("/public/", "X-Plan", "paid")));
    assertTrue(match(TestRequest.decision("key", "k")).priority().isEmpty(), "a limit without classes");
    assertEquals(0.6, match(TestRequest.gateway("/orders/", with(base, "X-Priority", "batch"))).priority()
        .orElseThrow().shedAt());
  }

  private String priority(RequestView r) {
    return match(r).priority().orElseThrow().name();
  }

  private static String[] with(String[] base, String... more) {
    String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }
}
