package dev.headroom.engine.policy;

import java.util.List;

/**
 * A policy's answer for one tick.
 *
 * <p>{@code parts} holds the decisions of the policies a composite policy is made of ({@link
 * MinPolicy}, {@link ShadowPolicy}), in their order. A policy's state is nothing but its last
 * decision: it comes back as {@link PolicyInput#previous()} at the next tick, and a composite hands
 * each part its own previous part. This keeps policies pure and lets, for example, a reactive
 * ceiling inside {@code predictive+reactive} live on while the predictive part is the lower one.
 *
 * @param ratePerSecond the refill rate to enforce, tokens per second (finite, not negative)
 * @param reason        why, in words, for the admin API and logs
 * @param fallback      true when the policy could not do its job (no usable forecast, a failure)
 *                      and fell back to the static rate; surfaced in metrics and the admin API
 * @param parts         sub-decisions of a composite policy; empty otherwise
 */
public record RateDecision(double ratePerSecond, String reason, boolean fallback, List<RateDecision> parts) {

  public RateDecision {
    if (!Double.isFinite(ratePerSecond) || ratePerSecond < 0) {
      throw new IllegalArgumentException("rate decision: rate must be finite and not negative, got "
          + ratePerSecond + " (" + reason + ")");
    }
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("rate decision: a reason is required");
    }
    parts = List.copyOf(parts);
  }

  public RateDecision(double ratePerSecond, String reason, boolean fallback) {
    this(ratePerSecond, reason, fallback, List.of());
  }

  /** The {@code i}-th sub-decision, or null when there is none (e.g. the first tick). */
  public RateDecision part(int i) {
    return i < parts.size() ? parts.get(i) : null;
  }
}
