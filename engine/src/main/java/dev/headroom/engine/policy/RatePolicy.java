package dev.headroom.engine.policy;

/**
 * Decides one limit's refill rate at each tick.
 *
 * <p>Pure: the same {@link PolicyInput} gives the same {@link RateDecision}. Everything a policy
 * needs (the time, the last interval's telemetry, the forecast, its own previous decision) comes in
 * through the input, so the service runs it on the system clock and the simulator at virtual time,
 * and a policy instance can be shared by every key that uses the same configuration.
 */
public interface RatePolicy {

  /** Short name for the admin API, metrics and decision reasons, e.g. {@code predictive}. */
  String name();

  RateDecision decide(PolicyInput in);
}
