package dev.headroom.simulator.scenario;

import dev.headroom.simulator.report.KeyRecorder;
import dev.headroom.simulator.workload.Arrivals;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Which keys a replay records in detail for the report: the featured key first (the one asked
 * for, else the one with the most abusive requests, else the busiest), then the keys with the
 * largest floods, then the busiest, up to {@link KeyRecorder#MAX_KEYS}. Every replay of a
 * comparison gets the same choice, so the report can line the policies up key by key.
 */
public final class ReportKeys {

  /** Of the tracked keys, at most this many are chosen for their floods (the rest by volume). */
  static final int MAX_FLOODED = KeyRecorder.MAX_KEYS / 2;

  private ReportKeys() {}

  /**
   * The key ids to track for {@code input}, featured first. {@code featured} names a key (null: choose
   * one); an unknown name is a user error naming the option.
   */
  public static int[] choose(SimInput input, String featured) {
    Arrivals arrivals = input.arrivals();
    List<String> keys = input.keys();
    long[] count = new long[keys.size()];
    long[] abusive = new long[keys.size()];
    for (int i = 0; i < arrivals.size(); i++) {
      int k = arrivals.keyId(i);
      count[k]++;
      if (arrivals.abusive(i)) {
        abusive[k]++;
      }
    }
    List<Integer> chosen = new ArrayList<>();
    if (featured != null) {
      int id = keys.indexOf(featured);
      if (id < 0) {
        throw new IllegalArgumentException("--report-key: no key '" + featured + "' in " + input.name() + " (keys: "
            + String.join(", ", keys.subList(0, Math.min(10, keys.size()))) + (keys.size() > 10 ? ", ..." : "") + ")");
      }
      chosen.add(id);
    }
    Comparator<Integer> busiest = Comparator.<Integer>comparingLong(k -> -count[k]).thenComparingInt(k -> k);
    IntStream.range(0, keys.size()).boxed().filter(k -> abusive[k] > 0)
        .sorted(Comparator.<Integer>comparingLong(k -> -abusive[k]).thenComparingInt(k -> k))
        .limit(MAX_FLOODED).filter(k -> !chosen.contains(k)).forEach(chosen::add);
    IntStream.range(0, keys.size()).boxed().sorted(busiest).filter(k -> !chosen.contains(k))
        .limit(Math.max(0, KeyRecorder.MAX_KEYS - chosen.size())).forEach(chosen::add);
    return chosen.stream().limit(KeyRecorder.MAX_KEYS).mapToInt(Integer::intValue).toArray();
  }
}
