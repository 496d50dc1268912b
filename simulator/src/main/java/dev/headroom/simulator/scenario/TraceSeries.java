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

  /**
   * Several traces as tenants on one time axis: each on the coarsest of their steps (which the
   * others' must divide; a trace stamped off its step's grid moves back by under a step), moved by whole days so that it ends within the day before the latest
   * trace's end (time of day, and so the daily peaks, stay where they were recorded), then all cut
   * to the span they share. Gaps are interpolated. The days each trace moved are in the result, for
   * the caller to report.
   *
   * @param traces one series per tenant, by name
   */
  public static Mix mixed(SequencedMap<String, RateSeries> traces) {
    if (traces.size() < 2) {
      throw new IllegalArgumentException("mixing needs at least two traces, got " + traces.size());
    }
    long step = traces.values().stream().mapToLong(RateSeries::stepMillis).max().orElseThrow();
    SequencedMap<String, RateSeries> onStep = new LinkedHashMap<>();
    for (var e : traces.entrySet()) {
      RateSeries s = e.getValue();
      if (step % s.stepMillis() != 0) {
        throw new IllegalArgumentException(e.getKey() + ": its step of " + s.stepMillis() + " ms does not divide "
            + step + " ms, the coarsest step of the mixed traces");
      }
      // On its own step's grid first (moved back by under a step, e.g. 5-minute counts stamped at
      // :02, :07, ...), so that blocks of the common step line up across traces.
      long offset = Math.floorMod(s.startMillis(), s.stepMillis());
      RateSeries snapped = offset == 0 ? s : RateSeries.ofMillis(s.startMillis() - offset, s.stepMillis(), s.values());
      RateSeries a = snapped.aggregateAligned(Duration.ofMillis(step));
      onStep.put(e.getKey(), a.missingCount() > 0 ? a.interpolateMissing() : a);
    }
    long latestEnd = onStep.values().stream().mapToLong(RateSeries::endMillis).max().orElseThrow();
    SequencedMap<String, Long> shiftDays = new LinkedHashMap<>();
    long from = Long.MIN_VALUE;
    long to = Long.MAX_VALUE;
    for (var e : onStep.entrySet()) {
      long days = Math.floorDiv(latestEnd - e.getValue().endMillis(), 86_400_000L);
      shiftDays.put(e.getKey(), days);
      from = Math.max(from, e.getValue().startMillis() + days * 86_400_000L);
      to = Math.min(to, e.getValue().endMillis() + days * 86_400_000L);
    }
    if (to - from < 2 * step) {
      throw new IllegalArgumentException("the traces share no span once aligned by whole days (" + shiftDays.keySet()
          + "): one ends less than a day after another starts");
    }
    SequencedMap<String, RateSeries> out = new LinkedHashMap<>();
    for (var e : onStep.entrySet()) {
      RateSeries s = e.getValue();
      long shifted = s.startMillis() + shiftDays.get(e.getKey()) * 86_400_000L;
      int first = (int) ((from - shifted) / step);
      int n = (int) ((to - from) / step);
      RateSeries cut = s.slice(first, first + n);
      out.put(e.getKey(), RateSeries.ofMillis(from, step, cut.values()));
    }
    return new Mix(out, shiftDays);
  }

  /**
   * Mixed traces: the tenants' series on one axis, and by how many days each was moved.
   *
   * @param series    per tenant, the same start, step and length
   * @param shiftDays per tenant, the whole days it was moved forward
   */
  public record Mix(SequencedMap<String, RateSeries> series, SequencedMap<String, Long> shiftDays) {}
}
