package dev.headroom.simulator.scenario;

import dev.headroom.forecaster.series.RateSeries;
import dev.headroom.forecaster.trace.RequestEvents;
import dev.headroom.forecaster.trace.Trace;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.SequencedMap;

/**
 * A trace as per-key count series, the one shape {@link SimInput} takes: interval and counts files
 * as they are (one key named after the file); per-request files counted per second, per key when
 * they have a key column. One second keeps the replay within a second of the recorded times, and
 * requests are spread within their second again on expansion.
 */
public final class TraceSeries {

  /** A year of seconds: per-key counts of a longer per-request trace would not fit in memory. */
  static final long MAX_SPAN_SECONDS = 366L * 86_400;

  private TraceSeries() {}

  public static SequencedMap<String, RateSeries> of(Trace trace, String name) {
    SequencedMap<String, RateSeries> out = new LinkedHashMap<>();
    if (trace.requests().isEmpty()) {
      out.put(name, trace.series());
      return out;
    }
    RequestEvents r = trace.requests().get();
    if (!r.hasKeys() || r.keyNames().size() == 1) {
      out.put(r.hasKeys() ? r.keyNames().getFirst() : name, r.bin(Duration.ofSeconds(1)));
      return out;
    }
    long first = Math.floorDiv(r.timeMicros(0), 1_000_000L);
    long span = Math.floorDiv(r.timeMicros(r.size() - 1), 1_000_000L) - first + 1;
    if (span > MAX_SPAN_SECONDS) {
      throw new IllegalArgumentException(trace.file() + ": requests span " + java.time.Instant.ofEpochSecond(first)
          + " to " + java.time.Instant.ofEpochSecond(first + span - 1) + ", over " + MAX_SPAN_SECONDS / 86_400
          + " days at one-second counts per key; a stray timestamp? (per-key replay needs a shorter span)");
    }
    int n = (int) span;
    double[][] counts = new double[r.keyNames().size()][n];
    for (int i = 0; i < r.size(); i++) {
      counts[r.keyId(i)][(int) (Math.floorDiv(r.timeMicros(i), 1_000_000L) - first)]++;
    }
    for (int k = 0; k < counts.length; k++) {
      out.put(r.keyNames().get(k), RateSeries.ofMillis(first * 1000, 1000, counts[k]));
    }
    return out;
  }

  /** All keys summed into one series named {@code name}: one service's total traffic. */
  public static SequencedMap<String, RateSeries> merged(SequencedMap<String, RateSeries> series, String name) {
    if (series.size() == 1) {
      SequencedMap<String, RateSeries> out = new LinkedHashMap<>();
      out.put(name, series.firstEntry().getValue());
      return out;
    }
    RateSeries any = series.firstEntry().getValue();
    double[] sum = new double[any.size()];
    for (RateSeries s : series.values()) {
      if (s.size() != any.size() || s.startMillis() != any.startMillis() || s.stepMillis() != any.stepMillis()) {
        throw new IllegalArgumentException("keys' series differ in span or step; cannot merge them");
      }
      for (int i = 0; i < sum.length; i++) {
        sum[i] += s.value(i);
      }
    }
    SequencedMap<String, RateSeries> out = new LinkedHashMap<>();
    out.put(name, RateSeries.ofMillis(any.startMillis(), any.stepMillis(), sum));
    return out;
  }

  /**
   * {@code tenants} copies of one series as tenants, copy {@code i} rotated by {@code i} times a
   * day divided by the tenant count and scaled by 1 / tenants: the same total traffic, with peaks
   * that no longer coincide (the several-tenants scenario from one trace). Rotation keeps every
   * copy on the same time axis, so the window and the history line up for all of them.
   */
  public static SequencedMap<String, RateSeries> rotatedTenants(RateSeries one, String name, int tenants) {
    if (tenants < 1) {
      throw new IllegalArgumentException("tenants must be at least 1, got " + tenants);
    }
    SequencedMap<String, RateSeries> out = new LinkedHashMap<>();
    double[] v = one.values();
    int n = v.length;
    long shiftSteps = Math.max(1, 86_400_000L / tenants / one.stepMillis());
    for (int t = 0; t < tenants; t++) {
      double[] r = new double[n];
      int by = (int) ((t * shiftSteps) % Math.max(1, n));
      for (int i = 0; i < n; i++) {
        r[(i + by) % n] = v[i] / tenants;
      }
      out.put(name + "-" + (t + 1), RateSeries.ofMillis(one.startMillis(), one.stepMillis(), r));
    }
    return out;
  }
}
