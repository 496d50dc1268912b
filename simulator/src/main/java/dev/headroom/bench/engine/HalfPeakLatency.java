/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.bench.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The gateway's latency target, measured: calibrate a {@link Pacing} until the gateway runs at half
 * its peak, then run the upstream direct, the minimal proxy in front of it and the gateway with that
 * same pacing, one after the other with the order rotating each round, and compare their p99s. The
 * proxy (null when it did not start) splits the gateway's added latency into the hop every proxy
 * pays on this machine and the gateway's own part.
 */
final class HalfPeakLatency {

  /** Calibration runs before giving up on reaching the target rate (the last setting is then used). */
  static final int MAX_CALIBRATIONS = 4;
  /** First guess of a request's latency on loopback when idle, for the initial pacing. */
  static final double LATENCY_GUESS_MS = 0.3;

  private HalfPeakLatency() {}

  static HalfPeak measure(Wrk wrk, ForkedServer direct, ForkedServer proxy, ForkedServer gateway, double peak,
      EngineBench.Plan plan, Progress progress) {
    double target = peak / 2;
    Pacing pacing = Pacing.initial(target, LATENCY_GUESS_MS, plan.threads());
    String note = null;
    Series gw = new Series("gateway, paced");
    Series dir = new Series(EngineRows.DIRECT + ", paced");
    Series px = proxy == null ? Series.failed(EngineRows.PROXY + ", paced", "the proxy server did not start")
        : new Series(EngineRows.PROXY + ", paced");
    for (int i = 1; ; i++) {
      WrkResult r;
      try {
        r = wrk.run(run(gateway, pacing, plan, plan.calibrationSeconds()));
      } catch (IOException e) {
        gw.fail("calibration: " + e.getMessage());
        dir.fail("not run: the gateway's calibration failed");
        px.fail("not run: the gateway's calibration failed");
        return new HalfPeak(peak, target, pacing, dir, px, gw, null);
      }
      progress.line(String.format(Locale.ROOT, "half peak: calibration %d: %d connections, %d ms pause -> %,.0f req/s"
          + " (target %,.0f)", i, pacing.connections(), pacing.delayMillis(), r.requestsPerSecond(), target));
      if (Pacing.near(r.requestsPerSecond(), target)) {
        break;
      }
      if (i == MAX_CALIBRATIONS) {
        note = String.format(Locale.ROOT, "calibration stopped %.0f%% from the target rate",
            100 * Math.abs(r.requestsPerSecond() - target) / target);
        break;
      }
      pacing = pacing.toward(r.requestsPerSecond(), target, plan.threads());
    }
    for (int round = 0; round < plan.rounds(); round++) {
      List<Map.Entry<Series, ForkedServer>> order = new ArrayList<>();
      order.add(Map.entry(dir, direct));
      if (proxy != null) {
        order.add(Map.entry(px, proxy));
      }
      order.add(Map.entry(gw, gateway));
      // Each server goes first, middle and last in turn, so that none always follows the same one.
      Collections.rotate(order, round);
      for (Map.Entry<Series, ForkedServer> e : order) {
        Series s = e.getKey();
        if (s.failed()) {
          continue;
        }
        try {
          WrkResult r = wrk.run(run(e.getValue(), pacing, plan, plan.seconds()));
          s.add(r);
          progress.line(String.format(Locale.ROOT, "half peak: round %d %s: %,.0f req/s, p99 %.3f ms", round + 1,
              s.id(), r.requestsPerSecond(), r.latency().p99Us() / 1000));
        } catch (IOException ex) {
          s.fail(ex.getMessage());
          progress.line("half peak: " + s.id() + " FAILED: " + ex.getMessage());
        }
      }
    }
    return new HalfPeak(peak, target, pacing, dir, px, gw, note);
  }

  private static Wrk.Run run(ForkedServer server, Pacing pacing, EngineBench.Plan plan, int seconds) {
    return new Wrk.Run(server.url("/"), WrkScript.get(Map.of("X-Api-Key", WrkScript.GATEWAY_KEY), pacing.delayMillis()),
        plan.threads(), pacing.connections(), seconds);
  }
}
