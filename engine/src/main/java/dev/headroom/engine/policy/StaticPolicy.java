package dev.headroom.engine.policy;

/** The configured rate, always: the baseline every other policy falls back to. */
public final class StaticPolicy implements RatePolicy {

  public static final StaticPolicy INSTANCE = new StaticPolicy();

  private StaticPolicy() {}

  @Override
  public String name() {
    return "static";
  }

  @Override
  public RateDecision decide(PolicyInput in) {
    return new RateDecision(in.staticRate(), "static rate", false);
  }
}
