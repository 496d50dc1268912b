package dev.headroom.engine.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Several policies as ceilings: the lowest wins. {@code predictive+reactive} is the main use: the
 * forecast raises the rate ahead of demand, and the upstream's own feedback can still pull it down
 * when the upstream is struggling whatever the forecast says.
 *
 * <p>Each part gets its own previous decision (kept in this decision's {@code parts}), so a part
 * that is not the lowest still keeps its memory. The result is a fallback when any part fell back,
 * so metrics show a broken forecast even while a reactive ceiling is the one in force.
 */
public final class MinPolicy implements RatePolicy {

  private final List<RatePolicy> parts;
  private final String name;

  public MinPolicy(List<RatePolicy> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("min policy: at least one part is required");
    }
    this.parts = List.copyOf(parts);
    this.name = String.join("+", this.parts.stream().map(RatePolicy::name).toList());
  }

  public MinPolicy(RatePolicy first, RatePolicy second) {
    this(List.of(first, second));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public RateDecision decide(PolicyInput in) {
    RateDecision previous = in.previous();
    List<RateDecision> decisions = new ArrayList<>(parts.size());
    int lowest = 0;
    boolean fallback = false;
    for (int i = 0; i < parts.size(); i++) {
      RateDecision d = parts.get(i).decide(in.forPart(in.currentRate(), previous == null ? null : previous.part(i)));
      decisions.add(d);
      fallback |= d.fallback();
      if (d.ratePerSecond() < decisions.get(lowest).ratePerSecond()) {
        lowest = i;
      }
    }
    RateDecision winner = decisions.get(lowest);
    String reason = parts.size() == 1
        ? winner.reason()
        : "lowest of " + name + " is " + parts.get(lowest).name() + ": " + winner.reason();
    return new RateDecision(winner.ratePerSecond(), reason, fallback, decisions);
  }
}
