package dev.headroom.forecaster.trace;

import dev.headroom.forecaster.series.RateSeries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The requests of a per-request trace, in time order: what a replay needs, rather than counts per
 * interval. Times are epoch microseconds in a primitive array (a day of busy traffic is tens of
 * millions of requests); keys, when the file has a key column, are small ids into
 * {@link #keyNames()}.
 *
 * <p>Immutable: accessors that return arrays return copies.
 */
public final class RequestEvents {

  private final long[] micros;
  private final int[] keyIds;
  private final List<String> keyNames;

  /** Takes ownership of the arrays, which must be sorted by time already. */
  RequestEvents(long[] micros, int[] keyIds, List<String> keyNames) {
    this.micros = micros;
    this.keyIds = keyIds;
    this.keyNames = List.copyOf(keyNames);
  }

  public int size() {
    return micros.length;
  }

  /** Epoch microseconds of request {@code i}; requests are sorted, ties in file order. */
  public long timeMicros(int i) {
    return micros[i];
  }

  /** A copy of all request times, sorted, in epoch microseconds. */
  public long[] timesMicros() {
    return micros.clone();
  }

  /** True when the file had a key column. */
  public boolean hasKeys() {
    return keyIds != null;
  }

  /** Id of request {@code i}'s key, an index into {@link #keyNames()}. */
  public int keyId(int i) {
    requireKeys();
    return keyIds[i];
  }

  public String key(int i) {
    return keyNames.get(keyId(i));
  }

  /** A copy of the key ids, parallel to {@link #timesMicros()}. */
  public int[] keyIds() {
    requireKeys();
    return keyIds.clone();
  }

  /** Distinct keys in order of first appearance in the file; empty when there is no key column. */
  public List<String> keyNames() {
    return keyNames;
  }

  /**
   * Requests counted per clock-aligned bin of {@code step} (bins start at whole multiples of the step
   * since the epoch, UTC), from the bin holding the first request to the one holding the last.
   * Those two bins are usually partial. Bins without requests are zero, not missing: in a request
   * log, silence is a measurement.
   */
  public RateSeries bin(Duration step) {
    long stepMillis = step.toMillis();
    if (stepMillis <= 0 || !step.equals(Duration.ofMillis(stepMillis))) {
      throw new IllegalArgumentException("step must be a positive whole number of ms, got " + step);
    }
    if (micros.length == 0) {
      return RateSeries.ofMillis(0, stepMillis, new double[0]);
    }
    long stepMicros = stepMillis * 1000;
    long firstBin = Math.floorDiv(micros[0], stepMicros);
    long lastBin = Math.floorDiv(micros[micros.length - 1], stepMicros);
    if (lastBin - firstBin >= Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("too many bins of " + step + " between the first and last"
          + " request");
    }
    double[] counts = new double[(int) (lastBin - firstBin + 1)];
    for (long t : micros) {
      counts[(int) (Math.floorDiv(t, stepMicros) - firstBin)]++;
    }
    return RateSeries.ofMillis(firstBin * stepMillis, stepMillis, counts);
  }

  private void requireKeys() {
    if (keyIds == null) {
      throw new IllegalStateException("the trace has no key column");
    }
  }

  @Override
  public String toString() {
    return "RequestEvents[size=" + micros.length + ", keys=" + keyNames.size() + "]";
  }

  /** Collects requests in file order; sorts them (stably) when built. */
  static final class Builder {
    private long[] micros = new long[1024];
    private int[] keyIds;
    private final Map<String, Integer> ids;
    private final List<String> names = new ArrayList<>();
    private int size;
    private boolean sorted = true;

    Builder(boolean withKeys) {
      keyIds = withKeys ? new int[1024] : null;
      ids = withKeys ? new HashMap<>() : null;
    }

    void add(long timeMicros, String key) {
      if (size == micros.length) {
        int n = Math.max(1024, (int) Math.min(Integer.MAX_VALUE - 8, size * 2L));
        micros = Arrays.copyOf(micros, n);
        if (keyIds != null) {
          keyIds = Arrays.copyOf(keyIds, n);
        }
      }
      if (size > 0 && timeMicros < micros[size - 1]) {
        sorted = false;
      }
      micros[size] = timeMicros;
      if (keyIds != null) {
        keyIds[size] = ids.computeIfAbsent(key, k -> {
          names.add(k);
          return names.size() - 1;
        });
      }
      size++;
    }

    int size() {
      return size;
    }

    RequestEvents build() {
      long[] t = Arrays.copyOf(micros, size);
      int[] k = keyIds == null ? null : Arrays.copyOf(keyIds, size);
      if (!sorted) {
        if (k == null) {
          Arrays.sort(t);
        } else {
          ParallelSort.sort(t, k);
        }
      }
      return new RequestEvents(t, k, names);
    }
  }
}
