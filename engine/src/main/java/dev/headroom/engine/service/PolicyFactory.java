package dev.headroom.engine.service;

import dev.headroom.engine.config.PolicyConfig;
import dev.headroom.engine.policy.MinPolicy;
import dev.headroom.engine.policy.PredictiveConfig;
import dev.headroom.engine.policy.PredictivePolicy;
import dev.headroom.engine.policy.Quantile;
import dev.headroom.engine.policy.RateBounds;
import dev.headroom.engine.policy.RatePolicy;
import dev.headroom.engine.policy.ReactiveConfig;
import dev.headroom.engine.policy.ReactivePolicy;
import dev.headroom.engine.policy.ScheduleEntry;
import dev.headroom.engine.policy.SchedulePolicy;
import dev.headroom.engine.policy.ShadowPolicy;
import dev.headroom.engine.policy.Stance;
import dev.headroom.engine.policy.StaticPolicy;
import dev.headroom.engine.policy.SurpriseConfig;
import java.time.Duration;

/** Builds the pure policy objects from a limit's validated configuration. */
final class PolicyFactory {

  private PolicyFactory() {}

  /**
   * The policy to run for a limit whose configured (static) rate is {@code staticRate}. In shadow
   * mode the static policy is enforced while the configured one runs beside it.
   */
  static RatePolicy create(PolicyConfig config) {
    RatePolicy configured = configured(config);
    return config.shadow() ? new ShadowPolicy(StaticPolicy.INSTANCE, configured) : configured;
  }

  private static RatePolicy configured(PolicyConfig config) {
    return switch (config.type()) {
      case STATIC -> StaticPolicy.INSTANCE;
      case SCHEDULE -> schedule(config);
      case REACTIVE -> reactive(config);
      case PREDICTIVE -> predictive(config);
      case PREDICTIVE_REACTIVE -> new MinPolicy(predictive(config), reactive(config));
    };
  }

  static PredictiveConfig predictiveConfig(PolicyConfig config) {
    PolicyConfig.Predictive p = config.predictive().orElseThrow();
    RateBounds bounds = new RateBounds(config.minPerSecond(), config.maxPerSecond(), p.maxChangePerStep());
    return new PredictiveConfig(Quantile.parse(p.quantile()), p.lead(), config.refresh(), p.headroom(), bounds,
        p.maxAge());
  }

  private static RatePolicy predictive(PolicyConfig config) {
    return new PredictivePolicy(predictiveConfig(config));
  }

  private static RatePolicy reactive(PolicyConfig config) {
    PolicyConfig.Reactive r = config.reactive().orElseThrow();
    ReactiveConfig defaults = ReactiveConfig.defaults(ReactivePolicy.Mode.parse(r.variant()),
        millis(r.targetLatency()), config.minPerSecond(), config.maxPerSecond());
    return new ReactivePolicy(new ReactiveConfig(defaults.mode(), defaults.targetLatencyMs(), r.backoff(),
        r.increasePerSecond(), defaults.maxErrorRatio(), defaults.utilization(), defaults.minGradient(),
        defaults.min(), defaults.max()));
  }

  private static RatePolicy schedule(PolicyConfig config) {
    PolicyConfig.Schedule s = config.schedule().orElseThrow();
    return new SchedulePolicy(s.zone(), s.entries().stream()
        .map(e -> new ScheduleEntry(e.days(), e.from(), e.to(), e.ratePerSecond())).toList());
  }

  /**
   * The policy each key runs inside the limit's step. In the {@code shed-under-pressure} stance a
   * key keeps its static rate (or the reactive part's, for predictive+reactive) while there is
   * room: the forecast only decides who is shed first under pressure. Otherwise the limit's policy.
   */
  static RatePolicy keyPolicy(PolicyConfig config, RatePolicy limitPolicy) {
    boolean shedStance = config.predictive().flatMap(PolicyConfig.Predictive::surprise)
        .map(s -> Stance.parse(s.stance()) == Stance.SHED_UNDER_PRESSURE).orElse(false);
    if (!shedStance) {
      return limitPolicy;
    }
    RatePolicy base = config.type().reactive() ? reactive(config) : StaticPolicy.INSTANCE;
    return config.shadow() ? new ShadowPolicy(StaticPolicy.INSTANCE, base) : base;
  }

  /** Surprise shedding's settings, or null when the limit has none. */
  static SurpriseConfig surprise(PolicyConfig config) {
    return config.predictive().flatMap(PolicyConfig.Predictive::surprise).map(s -> {
      double latency = s.latency().map(PolicyFactory::millis)
          .orElse(config.reactive().map(r -> millis(r.targetLatency())).orElse(Double.NaN));
      return new SurpriseConfig(Stance.parse(s.stance()), Quantile.parse(s.band()), s.headroom(), latency,
          s.errorRatio(), s.hold().toMillis());
    }).orElse(null);
  }

  private static double millis(Duration d) {
    return d.toNanos() / 1e6;
  }
}
