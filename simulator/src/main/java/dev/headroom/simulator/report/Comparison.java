package dev.headroom.simulator.report;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Policies run over the same trace and scenario, the input every report writer takes. Checked once
 * here so that the writers can line the time series up bucket by bucket.
 *
 * @param title what was compared, e.g. the trace and scenario; the report's heading
 */
public record Comparison(String title, List<PolicyResult> results) {

  public Comparison {
    Objects.requireNonNull(title, "title");
    results = List.copyOf(results);
    if (results.isEmpty()) {
      throw new IllegalArgumentException("a comparison needs at least one policy result");
    }
    PolicyResult first = results.getFirst();
    Set<String> names = new HashSet<>();
    for (PolicyResult r : results) {
      if (!names.add(r.policy())) {
        throw new IllegalArgumentException("policy '" + r.policy() + "' appears twice");
      }
      if (r.bucketSeconds() != first.bucketSeconds()
          || r.series().length() != first.series().length()) {
        throw new IllegalArgumentException("policy '" + r.policy() + "' has "
            + r.series().length() + " buckets of " + r.bucketSeconds() + " s but '"
            + first.policy() + "' has " + first.series().length() + " of "
            + first.bucketSeconds() + " s: results must come from the same trace");
      }
    }
  }

  public double bucketSeconds() {
    return results.getFirst().bucketSeconds();
  }

  public int buckets() {
    return results.getFirst().series().length();
  }
}
