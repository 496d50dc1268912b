package dev.headroom.simulator.whatif;

import dev.headroom.simulator.report.PolicyResult;
import java.util.List;

/**
 * One point of the grid: the scenario replayed at one traffic scale against one system size.
 *
 * @param scale             traffic multiplier of this row
 * @param capacityFactor    system size of this column, as a multiple of the unscaled busy-minute demand
 * @param capacityPerSecond what that system completes per second (quota: the quota's average rate)
 * @param demand            fresh requests (first attempts) of the scaled window
 * @param bestStaticFactor  the best static limit of this cell's sweep, as a multiple of a key's share
 * @param results           each mapped policy's outcome, in the order asked
 * @param replays           replays this cell ran (its static sweep included)
 */
public record Cell(double scale, double capacityFactor, double capacityPerSecond, long demand,
    double bestStaticFactor, List<PolicyResult> results, int replays) {

  public Cell {
    results = List.copyOf(results);
  }

  /** The named policy's outcome; throws when it was not run. */
  public PolicyResult result(String policy) {
    return results.stream().filter(r -> r.policy().equals(policy)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no result for policy " + policy));
  }

  /** {@code metric} of {@code policy}'s outcome here. */
  public double value(String policy, Metric metric) {
    return metric.of(result(policy), demand);
  }
}
