package dev.headroom.engine.policy;

import java.util.Locale;

/**
 * A ceiling that follows the upstream's feedback: multiplicative decrease when the upstream is in
 * trouble (429s, a 5xx share over the threshold, p99 latency over the target), additive increase
 * while it is healthy and the rate is in use. This is AIMD, the rule TCP congestion control and
 * Netflix's concurrency-limits use: cutting by a factor sheds load fast when it matters, creeping
 * up by a constant probes for spare capacity without overshooting far, and together they converge
 * to a fair, stable operating point under the capacity.
 *
 * <p>The {@link Mode#GRADIENT} variant scales the rate by {@code target / observed p99} instead of a
 * fixed factor when latency is the only trouble. Near saturation latency grows with load, so that
 * ratio aims straight at the rate that brings latency back to target rather than probing in fixed
 * steps: less sawtooth. The factor is floored at {@code minGradient} so one noisy interval cannot
 * collapse the rate. 429 and 5xx are not latency; both modes answer them with {@code backoff}.
 *
 * <p>Pure: {@link #update} maps (ceiling, one interval) to the next ceiling. The ceiling is this
 * policy's own previous decision, not the rate in force, so inside {@code predictive+reactive} a
 * lower predictive rate does not drag the ceiling down (which would then hold back the next
 * predicted ramp while it crept back up additively).
 */
public final class ReactivePolicy implements RatePolicy {

  /** How latency over the target lowers the rate. */
  public enum Mode {
    AIMD, GRADIENT;

    public static Mode parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new IllegalArgumentException("expected aimd or gradient, got \"" + text + "\"");
      }
    }
  }

  /** One update: the new ceiling and why. */
  public record Step(double ratePerSecond, String reason) {}

  private final ReactiveConfig config;

  public ReactivePolicy(ReactiveConfig config) {
    this.config = config;
  }

  public ReactiveConfig config() {
    return config;
  }

  @Override
  public String name() {
    return "reactive";
  }

  @Override
  public RateDecision decide(PolicyInput in) {
    double ceiling = in.previous() != null ? in.previous().ratePerSecond() : in.currentRate();
    Step step = update(ceiling, in.last());
    return new RateDecision(step.ratePerSecond(), step.reason(), false);
  }

  /** The next ceiling from the current one and one interval of feedback. */
  public Step update(double ceiling, Interval sample) {
    double c = clamp(ceiling);
    if (sample.isEmpty()) {
      return new Step(c, "reactive: no traffic, hold " + Format.rate(c));
    }
    if (sample.upstream429() > 0) {
      return decrease(c, c * config.backoff(), sample.upstream429() + " upstream 429(s)");
    }
    if (sample.errorRatio() > config.maxErrorRatio()) {
      return decrease(c, c * config.backoff(), "upstream 5xx ratio " + Format.number(sample.errorRatio())
          + " over " + Format.number(config.maxErrorRatio()));
    }
    double p99 = sample.latencyP99Ms();
    if (p99 > config.targetLatencyMs()) { // false for NaN: nothing measured, no latency signal
      String why = "p99 " + Format.number(p99) + " ms over target " + Format.number(config.targetLatencyMs())
          + " ms";
      double factor = config.mode() == Mode.AIMD
          ? config.backoff()
          : Math.max(config.minGradient(), config.targetLatencyMs() / p99);
      return decrease(c, c * factor, why);
    }
    double offered = sample.requestsPerSecond();
    if (offered < config.utilization() * c) {
      return new Step(c, "reactive: healthy but offered " + Format.rate(offered) + " is under "
          + Format.number(config.utilization()) + " of " + Format.rate(c) + ", hold");
    }
    double next = clamp(c + config.increasePerStep());
    return new Step(next, "reactive: healthy, +" + Format.rate(config.increasePerStep()) + " to "
        + Format.rate(next));
  }

  private Step decrease(double from, double to, String why) {
    double next = clamp(to);
    return new Step(next, "reactive: " + why + ", " + Format.rate(from) + " -> " + Format.rate(next));
  }

  private double clamp(double rate) {
    return Math.min(config.max(), Math.max(config.min(), rate));
  }
}
