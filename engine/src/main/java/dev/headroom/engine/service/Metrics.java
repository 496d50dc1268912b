package dev.headroom.engine.service;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
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
 *
 * <p>A scrape is rendered on a worker thread, never on an event loop: the per-limit gauges of the
 * policy's keys (on fallback, sum of rates) walk the keys the policy decided for, which at millions
 * of keys takes long enough to stall every request on that loop. Resident key counts are O(1).
 */
final class Metrics {

  /** Package-private for tests that add a meter of their own. */
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
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
    FunctionCounter.builder("headroom.telemetry.untracked", engine, e -> e.untrackedTelemetry())
        .description("Checks not attributed to a key in telemetry (more keys in an interval than the recorder "
            + "holds, or a key InfluxDB cannot store)").register(registry);
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

  /** Answers a {@code GET /metrics}: rendered off the event loop, one scrape at a time. */
  void serve(HttpServerRequest req) {
    Context context = Vertx.currentContext();
    context.executeBlocking(this::scrape, true)
        .onSuccess(text -> req.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
            .end(text))
        .onFailure(e -> HttpApi.json(req.response(), 500, HttpApi.error("metrics: " + e)));
  }

  synchronized String scrape() { // one walk of the engine per scrape, and scrapes do not interleave
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("metrics scraped on an event loop: use serve(), which renders off the loop");
    }
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
    decisions(limit, "shadow_admitted", Engine.LimitStatus::shadowAdmitted);
    decisions(limit, "dry_run_rejected", Engine.LimitStatus::dryRunRejected);
    decisions(limit, "key_capacity", Engine.LimitStatus::keyCapacity);
    Gauge.builder("headroom.keys.max", this, m -> m.status(limit, s -> s.maxKeys()))
        .tag("limit", limit).description("The limit's maxKeys: new keys beyond it are refused").register(registry);
    Gauge.builder("headroom.shadow.keys", this, m -> m.status(limit, s -> s.shadowKeys()))
        .tag("limit", limit).description("Keys resident in the shadow policy's buckets").register(registry);
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
        .tag("limit", limit).tag("outcome", outcome)
        .description("Checks by outcome: allowed, rejected, shed, key_capacity (no room for a new key); "
            + "shadow_rejected/shadow_admitted (the shadow policy would have refused an admitted / admitted "
            + "a refused request); dry_run_rejected (admitted by a dry run, refused if enforced)")
        .register(registry);
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
