package dev.headroom.engine.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * {@code /metrics} in Prometheus text format through Micrometer. Meters read the engine's own
 * counters when scraped, so the request path pays nothing for them; per-limit meters (never per
 * key: that cardinality would sink a Prometheus server) are registered as limits appear.
 */
final class Metrics {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Engine engine;
  private final Counter badRequests;
  private final Set<String> boundLimits = ConcurrentHashMap.newKeySet();
  private volatile java.util.List<Engine.LimitStatus> snapshot = java.util.List.of();

  Metrics(Engine engine) {
    this.engine = engine;
    this.badRequests = Counter.builder("headroom.http.bad.requests")
        .description("Decision API calls answered 400").register(registry);
    telemetry("written", c -> c.writtenPoints());
    telemetry("spooled", c -> c.spooledPoints());
    telemetry("replayed", c -> c.replayedPoints());
    telemetry("dropped", c -> c.droppedPoints());
    Gauge.builder("headroom.telemetry.queue.depth", engine, e -> e.telemetryCounters().queueDepth())
        .description("Telemetry batches waiting for the InfluxDB writer").register(registry);
    Gauge.builder("headroom.policy.paused", engine, e -> e.policiesPaused() ? 1 : 0)
        .description("1 while an operator has paused the policies").register(registry);
  }

  private void telemetry(String state, ToDoubleFunction<dev.headroom.engine.telemetry.SinkCounters> f) {
    FunctionCounter.builder("headroom.telemetry.points", engine, e -> f.applyAsDouble(e.telemetryCounters()))
        .tag("state", state).description("Telemetry points by fate").register(registry);
  }

  void badRequest() {
    badRequests.increment();
  }

  String scrape() {
    snapshot = engine.limits(); // one walk of the engine per scrape, shared by every meter
    for (Engine.LimitStatus l : snapshot) {
      if (boundLimits.add(l.name())) {
        bind(l.name());
      }
    }
    return registry.scrape();
  }

  private void bind(String limit) {
    decisions(limit, "allowed", Engine.LimitStatus::allowed);
    decisions(limit, "rejected", Engine.LimitStatus::rejected);
    decisions(limit, "shed", Engine.LimitStatus::shed);
    decisions(limit, "shadow_rejected", Engine.LimitStatus::shadowRejected);
    Gauge.builder("headroom.keys", this, m -> m.status(limit, s -> s.keys()))
        .tag("limit", limit).description("Keys resident in the limit's registry").register(registry);
    Gauge.builder("headroom.policy.fallback.keys", this, m -> m.status(limit, s -> s.loop().fallbackKeys()))
        .tag("limit", limit).description("Keys whose policy fell back to the static rate").register(registry);
    Gauge.builder("headroom.rate.sum", this, m -> m.status(limit, s -> s.loop().rateSum()))
        .tag("limit", limit).description("Sum of the refill rates the policy set, per second").register(registry);
    Gauge.builder("headroom.policy.tracked.keys", this, m -> m.status(limit, s -> s.loop().trackedKeys()))
        .tag("limit", limit).description("Keys holding policy state").register(registry);
    FunctionCounter.builder("headroom.policy.untracked.keys", this, m -> m.status(limit, s -> s.loop().untrackedKeys()))
        .tag("limit", limit).description("Keys left at the static rate because trackedKeys was reached")
        .register(registry);
    Gauge.builder("headroom.policy.modelled.keys", this, m -> m.status(limit, s -> s.loop().modelledKeys()))
        .tag("limit", limit).description("Keys with a forecasting model of their own").register(registry);
    Gauge.builder("headroom.surprise.shed.keys", this, m -> m.status(limit, s -> s.loop().shedKeys()))
        .tag("limit", limit).description("Keys cut by surprise shedding at the last tick").register(registry);
    Gauge.builder("headroom.surprise.pressure", this, m -> m.status(limit, s -> s.loop().pressure() ? 1 : 0))
        .tag("limit", limit).description("1 while the limit's backend is under pressure").register(registry);
    decisions(limit, "shed_by_surprise", s -> s.loop().shedBySurprise());
  }

  private void decisions(String limit, String outcome, ToDoubleFunction<Engine.LimitStatus> f) {
    FunctionCounter.builder("headroom.decisions", this, m -> m.status(limit, f))
        .tag("limit", limit).tag("outcome", outcome).description("Checks by outcome").register(registry);
  }

  private double status(String limit, ToDoubleFunction<Engine.LimitStatus> f) {
    for (Engine.LimitStatus s : snapshot) {
      if (s.name().equals(limit)) {
        return f.applyAsDouble(s);
      }
    }
    return Double.NaN;
  }
}
