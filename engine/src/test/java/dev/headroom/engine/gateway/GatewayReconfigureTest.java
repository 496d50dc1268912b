/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.headroom.engine.config.ConfigLoader;
import dev.headroom.engine.config.HeadroomConfig;
import dev.headroom.engine.service.Engine;
import io.vertx.core.Vertx;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayReconfigureTest {

  private static HeadroomConfig config(String upstreams) {
    return new ConfigLoader(name -> null, () -> "test-admin-token-0123456789").parse("""
        limits:
          - name: all
            match: {key: [apiKey]}
            algorithm: {type: token-bucket, rate: 10/s, burst: 10}
        upstreams:
        %s""".formatted(upstreams), "test.yaml");
  }

  @Test
  void anUpstreamConfiguredAlikeKeepsItsRouteAndItsPacingStateAChangedOneStartsAfresh() throws Exception {
    String orders = "  - {name: orders, url: http://127.0.0.1:9, route: /orders/, mode: shape, maxWait: 2s,"
        + " quota: 100/min}\n";
    String crm = "  - {name: crm, url: http://127.0.0.1:9, route: /crm/, mode: police}\n";
    Vertx vertx = Vertx.vertx();
    HeadroomConfig before = config(orders + crm);
    try (Engine engine = Engine.start(before)) {
      GatewayHandler gw = new GatewayHandler(vertx, engine, before.upstreams());
      UpstreamRoute ordersRoute = gw.routes().stream().filter(r -> r.name().equals("orders")).findFirst().orElseThrow();
      UpstreamRoute crmRoute = gw.routes().stream().filter(r -> r.name().equals("crm")).findFirst().orElseThrow();

      HeadroomConfig after = config(orders + crm.replace("/crm/", "/sales/")
          + "  - {name: api, url: http://127.0.0.1:9, route: /, mode: police}\n");
      gw.reconfigure(after.upstreams());
      List<UpstreamRoute> now = gw.routes();
      assertEquals(List.of("orders", "crm", "api"), now.stream().map(UpstreamRoute::name).toList(),
          "longest prefix first");
      assertSame(ordersRoute, now.get(0), "unchanged: its waiting room and pacer carry on");
      assertNotSame(crmRoute, now.get(1));
      assertEquals("/sales/", now.get(1).config.route(), "the moved route is in force");
      assertEquals("api", now.get(2).name(), "the catch-all route / is in force");
      gw.reconfigure(before.upstreams());
      assertEquals(List.of("orders", "crm"), gw.routes().stream().map(UpstreamRoute::name).toList(), "and gone again");
      assertEquals("/crm/", gw.routes().get(1).config.route());
      Gateway.await(gw.close());
    } finally {
      Gateway.await(vertx.close());
    }
  }
}
