package dev.headroom.engine.policy;

import java.util.List;

/**
 * Runs a candidate policy without enforcing it, next to the enforced one, so a user can see what the
 * candidate would have done (and, with a {@link ShadowCounter} on a shadow limiter, what it would
 * have rejected) before switching it on.
 *
 * <p>The decision is the enforced policy's; {@code parts} holds [enforced, candidate], and {@link
 * #candidate} reads the candidate's. The candidate lives on its own: its "current rate" is the rate
 * it set last time, not the enforced one, so its step limit and memory behave exactly as they would
 * if it were enforced.
 */
public final class ShadowPolicy implements RatePolicy {

  private final RatePolicy enforced;
  private final RatePolicy candidate;

  public ShadowPolicy(RatePolicy enforced, RatePolicy candidate) {
    this.enforced = enforced;
    this.candidate = candidate;
  }

  @Override
  public String name() {
    return enforced.name() + " (shadow " + candidate.name() + ")";
  }

  public RatePolicy enforced() {
    return enforced;
  }

  public RatePolicy candidate() {
    return candidate;
  }

  /** What the candidate would have set, from a decision this policy made. */
  public static RateDecision candidate(RateDecision decision) {
    RateDecision c = decision.part(1);
    if (c == null) {
      throw new IllegalArgumentException("not a shadow policy's decision: " + decision.reason());
    }
    return c;
  }

  @Override
  public RateDecision decide(PolicyInput in) {
    RateDecision previous = in.previous();
    RateDecision enforcedPrevious = previous == null ? null : previous.part(0);
    RateDecision candidatePrevious = previous == null ? null : previous.part(1);
    RateDecision e = enforced.decide(in.forPart(in.currentRate(), enforcedPrevious));
    double candidateCurrent = candidatePrevious == null ? in.currentRate() : candidatePrevious.ratePerSecond();
    RateDecision c = candidate.decide(in.forPart(candidateCurrent, candidatePrevious));
    return new RateDecision(e.ratePerSecond(), e.reason() + "; shadow " + candidate.name() + " would set "
        + Format.rate(c.ratePerSecond()), e.fallback(), List.of(e, c));
  }
}
