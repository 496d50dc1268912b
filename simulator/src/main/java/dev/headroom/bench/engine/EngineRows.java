/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.bench.engine;

import dev.headroom.bench.BenchRow;
import dev.headroom.bench.Better;
import dev.headroom.bench.Ratios;
import dev.headroom.bench.Table;
import dev.headroom.bench.Table.Align;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns what {@code bench engine} measured into report rows and tables. Pure (no servers, no wrk)
 * so that the pairing of each figure with its baseline, and the rows of a failed measurement, are
 * unit-tested.
 */
final class EngineRows {

  /** The decision API's throughput against the bare route: at least 80%. */
  static final double TARGET_DECISION_RATIO = 0.8;
  /** Most p99 latency the gateway may add at half its peak, in ms. */
  static final double TARGET_ADDED_P99_MS = 1.0;
  /** Most heap one million resident keys may take, in MB. */
  static final double TARGET_HEAP_MB = 300;
  /** Most heap a minute after one million one-shot keys through the default config, in MB. */
  static final double TARGET_ONE_SHOT_HEAP_MB = 300;

  static final String BARE = "vertx-hello";
  static final String DIRECT = "upstream-direct";
  static final String PROXY = "minimal-proxy";
  static final String REQ_S = "req/s";

  /**
   * Everything one run measured; a series that failed carries its reason. {@code proxy} and
   * {@code gatewayBesideProxy} are the saturating runs of the {@link MinimalProxy} and of the gateway
   * paired with it (back to back, like {@code direct} and {@code gateway}).
   */
  record Measured(Series bareOne, Series decisionOne, Series bareDistinct, Series decisionDistinct, Series direct,
      Series gateway, Series proxy, Series gatewayBesideProxy, HalfPeak halfPeak, MemoryOutcome memory,
      OneShotProbe.Outcome oneShot, int threads, int connections, int distinctKeys) {}

  private EngineRows() {}

  static List<BenchRow> rows(Measured m) {
    List<BenchRow> rows = new ArrayList<>();
    rows.add(decision("decision API vs bare Vert.x, one key", m.decisionOne(), m.bareOne(), BARE, m, 1));
    rows.add(decision("decision API vs bare Vert.x, distinct keys", m.decisionDistinct(), m.bareDistinct(),
        BARE + " (same script)", m, m.distinctKeys()));
    rows.add(gatewayThroughput(m));
    rows.add(gatewayVsProxyThroughput(m));
    rows.add(addedP99(m));
    rows.add(splitP99(m, "minimal proxy added p99 at the same rate (the hop)", "hop_p99_latency",
        h -> h.hopP99Millis(), h -> h.proxy(), h -> h.direct(), DIRECT));
    rows.add(splitP99(m, "gateway added p99 over the minimal proxy at the same rate", "own_p99_latency",
        h -> h.ownP99Millis(), h -> h.gateway(), h -> h.proxy(), PROXY));
    rows.add(memory(m.memory()));
    rows.add(oneShot(m.oneShot()));
    return rows;
  }

  private static BenchRow.Builder saturating(BenchRow.Builder b, Measured m) {
    return b.param("threads", m.threads()).param("connections", m.connections());
  }

  private static BenchRow decision(String name, Series value, Series baseline, String baselineName, Measured m,
      int keys) {
    BenchRow.Builder b = saturating(BenchRow.builder(name), m).param("keys", keys)
        .metric("throughput").value(value.rps(), REQ_S)
        .baseline(baselineName, baseline.rps())
        .target(TARGET_DECISION_RATIO, Better.HIGHER);
    failures(b, value, baseline, baselineName);
    latencyExtras(b, "", value);
    latencyExtras(b, "baseline_", baseline);
    roundRatios(b, value, baseline);
    return b.build();
  }

  /** Each round's ratio: a pair runs back to back, so these show how far the machine's noise reaches. */
  private static void roundRatios(BenchRow.Builder b, Series value, Series baseline) {
    if (value.ok() && baseline.ok() && value.runs().size() == baseline.runs().size()) {
      List<Double> ratios = new ArrayList<>();
      for (int i = 0; i < value.runs().size(); i++) {
        ratios.add(Ratios.round(value.runs().get(i).requestsPerSecond() / baseline.runs().get(i).requestsPerSecond(), 4));
      }
      b.extra("ratio_each", ratios);
    }
  }

  private static BenchRow gatewayThroughput(Measured m) {
    BenchRow.Builder b = saturating(BenchRow.builder("gateway vs upstream direct, throughput"), m)
        .metric("throughput").value(m.gateway().rps(), REQ_S)
        .baseline(DIRECT, m.direct().rps())
        .better(Better.HIGHER);
    failures(b, m.gateway(), m.direct(), DIRECT);
    latencyExtras(b, "", m.gateway());
    latencyExtras(b, "baseline_", m.direct());
    roundRatios(b, m.gateway(), m.direct());
    return b.build();
  }

  /**
   * The gateway against a proxy that does nothing but forward: the ratio is the cost of the gateway's
   * own work (limit check, header filtering, timeouts, streaming), apart from the hop's.
   */
  private static BenchRow gatewayVsProxyThroughput(Measured m) {
    BenchRow.Builder b = saturating(BenchRow.builder("gateway vs a minimal Vert.x proxy, throughput"), m)
        .metric("throughput").value(m.gatewayBesideProxy().rps(), REQ_S)
        .baseline(PROXY, m.proxy().rps())
        .better(Better.HIGHER);
    failures(b, m.gatewayBesideProxy(), m.proxy(), PROXY);
    latencyExtras(b, "", m.gatewayBesideProxy());
    latencyExtras(b, "baseline_", m.proxy());
    roundRatios(b, m.gatewayBesideProxy(), m.proxy());
    return b.build();
  }

  /**
   * One part of the gateway's added p99, from the same paced runs as {@link #addedP99}: what the hop
   * costs (proxy minus direct) or what the gateway adds to the hop (gateway minus proxy). No target:
   * the two explain the targeted row.
   */
  private static BenchRow splitP99(Measured m, String name, String metric, Function<HalfPeak, Double> value,
      Function<HalfPeak, Series> of, Function<HalfPeak, Series> minus, String minusName) {
    BenchRow.Builder b = BenchRow.builder(name).param("threads", m.threads()).metric(metric).better(Better.LOWER);
    HalfPeak h = m.halfPeak();
    if (h == null) {
      return b.value(null, "ms").note("not measured: no paced runs").build();
    }
    Series s = of.apply(h);
    Series base = minus.apply(h);
    b.param("connections", h.pacing().connections()).param("delay_ms", h.pacing().delayMillis())
        .value(value.apply(h), "ms");
    if (s.ok() && base.ok()) {
      b.extra("p99_ms", round(s.p99Millis(), 3)).extra(minusName + "_p99_ms", round(base.p99Millis(), 3))
          .extra("p99_ms_each", rounded(s.each(r -> r.latency().p99Us() / 1000.0), 3))
          .extra("rate", round(s.rps(), 1));
    }
    failures(b, s, base, minusName);
    return b.build();
  }

  private static BenchRow addedP99(Measured m) {
    BenchRow.Builder b = BenchRow.builder("gateway added p99 at half its peak")
        .param("threads", m.threads())
        .metric("added_p99_latency");
    HalfPeak h = m.halfPeak();
    if (h == null) {
      b.value(null, "ms").note("not measured: the saturating gateway and direct runs are needed first ("
          + firstLine(m.gateway().ok() ? m.direct().failure() : m.gateway().failure()) + ")");
    } else {
      b.param("connections", h.pacing().connections()).param("delay_ms", h.pacing().delayMillis())
          .param("target_rate", round(h.targetRate(), 1))
          .value(h.addedP99Millis(), "ms")
          .extra("gateway_peak", round(h.gatewayPeak(), 1))
          .extra("gateway_rate", round(h.gateway().rps(), 1))
          .extra("direct_rate", round(h.direct().rps(), 1))
          .extra("gateway_p99_ms", round(h.gateway().p99Millis(), 3))
          .extra("direct_p99_ms", round(h.direct().p99Millis(), 3))
          .extra("proxy_p99_ms", round(h.proxy().p99Millis(), 3))
          .extra("gateway_p99_ms_each", rounded(h.gateway().each(r -> r.latency().p99Us() / 1000.0), 3))
          .extra("direct_p99_ms_each", rounded(h.direct().each(r -> r.latency().p99Us() / 1000.0), 3));
      if (!h.gateway().ok()) {
        b.note("gateway: " + firstLine(h.gateway().failure()));
      }
      if (!h.direct().ok()) {
        b.note(DIRECT + ": " + firstLine(h.direct().failure()));
      }
      b.note(h.note());
    }
    return b.target(TARGET_ADDED_P99_MS, Better.LOWER).build();
  }

  private static BenchRow memory(MemoryOutcome o) {
    BenchRow.Builder b = BenchRow.builder("heap for 1M resident keys").metric("heap");
    if (o.result() == null) {
      return b.value(null, "MB").note(firstLine(o.failure())).target(TARGET_HEAP_MB, Better.LOWER).build();
    }
    MemoryProbe.Result r = o.result();
    b.param("keys", r.keys()).param("key_chars", MemoryMain.key(0).length())
        .value(round(r.mbPerMillionKeys(), 1), "MB")
        .target(TARGET_HEAP_MB, Better.LOWER)
        .extra("heap_before_mb", round(r.heapBefore() / 1e6, 1))
        .extra("heap_after_mb", round(r.heapAfter() / 1e6, 1))
        .extra("live_mb_per_million", round(r.liveMbPerMillionKeys(), 1))
        .extra("resident_keys", r.resident())
        .extra("registry_states", r.instancesOf(MemoryProbe.REGISTRY_STATE))
        .extra("telemetry_cells", r.instancesOf(MemoryProbe.TELEMETRY_CELL))
        .extra("classes", r.classes().stream().map(c -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("class", c.name());
          m.put("instances", c.instances());
          m.put("bytes", c.bytes());
          return m;
        }).toList())
        .note("used heap after a full GC, before and after checking each key once through Engine.check "
            + "(in process, no HTTP); includes the registry's state and the telemetry cell of every key. "
            + "Measured before the first telemetry interval closes: without InfluxDB the embedded history "
            + "then adds a ring per key");
    if (r.keys() != 1_000_000) {
      b.note(String.format(Locale.ROOT, "measured with %,d keys and scaled to one million", r.keys()));
    }
    return b.build();
  }

  private static BenchRow oneShot(OneShotProbe.Outcome o) {
    BenchRow.Builder b = BenchRow.builder("heap after 1M one-shot keys, default config").metric("heap");
    if (o.result() == null) {
      return b.value(null, "MB").note(firstLine(o.failure())).target(TARGET_ONE_SHOT_HEAP_MB, Better.LOWER).build();
    }
    OneShotProbe.Result r = o.result();
    b.param("keys", r.keys()).param("settle_s", r.settleSeconds())
        .value(round(r.heapSettled() / 1e6, 1), "MB")
        .target(TARGET_ONE_SHOT_HEAP_MB, Better.LOWER)
        .extra("heap_before_mb", round(r.heapBefore() / 1e6, 1))
        .extra("heap_loaded_mb", round(r.heapLoaded() / 1e6, 1))
        .extra("resident_keys_loaded", r.residentLoaded())
        .extra("resident_keys_settled", r.residentSettled())
        .extra("classes", r.classes().stream().map(c -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("class", c.name());
          m.put("instances", c.instances());
          m.put("bytes", c.bytes());
          return m;
        }).toList())
        .note(String.format(Locale.ROOT, "used heap after a full GC, %d s after checking %,d distinct keys once each "
            + "through Engine.check on the embedded default config (in process, no HTTP), with no traffic since: "
            + "what a flood of keys seen once leaves behind", r.settleSeconds(), r.keys()));
    if (r.keys() != 1_000_000 || r.settleSeconds() != 60) {
      b.note("a smoke run (not one million keys and a minute): not comparable with the target");
    }
    return b.build();
  }

  private static void failures(BenchRow.Builder b, Series value, Series baseline, String baselineName) {
    if (!value.ok()) {
      b.note(firstLine(value.failure()));
    }
    if (!baseline.ok()) {
      b.note(baselineName + ": " + firstLine(baseline.failure()));
    }
  }

  private static void latencyExtras(BenchRow.Builder b, String prefix, Series s) {
    if (s.ok()) {
      b.extra(prefix + "p99_ms", round(s.p99Millis(), 3));
      b.extra(prefix + "rate_each", rounded(s.each(WrkResult::requestsPerSecond), 1));
    }
  }

  /** A table of the rows, with each target and whether it was met. */
  static Table table(List<BenchRow> rows) {
    Table t = new Table().column("row", Align.LEFT).column("value", Align.RIGHT).column("baseline", Align.RIGHT)
        .column("ratio", Align.RIGHT).column("target", Align.LEFT).column("met", Align.LEFT);
    for (BenchRow r : rows) {
      String target = r.target() == null ? "-"
          : (r.better() == Better.HIGHER ? ">= " : "<= ") + (r.baseline() != null
              ? String.format(Locale.ROOT, "%.2fx", r.target())
              : String.format(Locale.ROOT, "%s %s", plain(r.target()), r.unit()));
      Boolean met = r.meetsTarget();
      t.row(r.name(), r.value() == null ? "n/a" : figure(r.value(), r.unit()),
          r.baseline() == null ? "-" : r.baselineValue() == null ? "n/a" : figure(r.baselineValue(), r.unit()),
          Ratios.format(r.ratio()), target, met == null ? "-" : met ? "yes" : "NO");
    }
    return t;
  }

  /** Both servers' paced runs side by side. */
  static Table halfPeakTable(HalfPeak h) {
    Table t = new Table().column("at half peak", Align.LEFT).column("connections", Align.RIGHT)
        .column("delay", Align.RIGHT).column("req/s", Align.RIGHT).column("p50", Align.RIGHT)
        .column("p99", Align.RIGHT).column("p99.9", Align.RIGHT);
    for (Series s : List.of(h.direct(), h.proxy(), h.gateway())) {
      t.row(s.id(), h.pacing().connections(), h.pacing().delayMillis() + " ms",
          s.ok() ? figure(s.rps(), REQ_S) : "n/a", ms(s.p50Millis()), ms(s.p99Millis()), ms(s.p999Millis()));
    }
    return t;
  }

  static String figure(double v, String unit) {
    return switch (unit) {
      case REQ_S -> String.format(Locale.ROOT, "%,.0f %s", v, unit);
      case "ms" -> String.format(Locale.ROOT, "%.3f ms", v);
      default -> String.format(Locale.ROOT, "%.1f %s", v, unit);
    };
  }

  private static String ms(Double v) {
    return v == null ? "n/a" : String.format(Locale.ROOT, "%.3f ms", v);
  }

  private static String plain(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  static String firstLine(String s) {
    if (s == null) {
      return "unknown failure";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static Double round(Double v, int decimals) {
    return Ratios.round(v, decimals);
  }

  private static List<Double> rounded(List<Double> values, int decimals) {
    return values.stream().map(v -> Ratios.round(v, decimals)).toList();
  }
}
