package dev.headroom.simulator.workload;

import dev.headroom.forecaster.series.RateSeries;
import dev.headroom.forecaster.trace.RequestEvents;
import dev.headroom.forecaster.trace.Trace;
import dev.headroom.forecaster.trace.TraceOptions;
import dev.headroom.forecaster.trace.TraceReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * A description of the traffic to simulate, from which any number of identical streams of arrivals
 * can be opened: one per policy compared, so that every policy faces the same requests. Built from
 * a trace, then reshaped by what-if transforms that compose ({@code w.scale(2).flashCrowd(f)}).
 *
 * <p>Deterministic: {@link #open(long)} with the same seed gives the same arrivals. Each stage draws
 * from its own seed derived from the one given, so adding a stage does not disturb the others.
 */
public interface Workload {

  /** A fresh stream of the arrivals for {@code seed}. */
  ArrivalSource open(long seed);

  /** Names of the keys (clients or tenants) that arrivals' key ids index. Never empty. */
  List<String> keys();

  /** No arrival is earlier than this (nanoseconds on the trace's clock). */
  long startNanos();

  /** No arrival is at or after this. */
  long endNanos();

  // ---- sources ----

  /** Reads a trace file of any format the forecaster reads, as {@link #of(Trace, Spread)}. */
  static Workload read(Path file, TraceOptions options, Spread spread) throws IOException {
    return of(TraceReader.read(file, options), spread);
  }

  /**
   * Per-request traces (request files, access logs) replayed as they are, keyed by their key
   * column or host when they have one; interval and counts traces expanded by {@code spread}.
   * Access logs time requests to the second: add {@link #spreadWithin(Duration)} to replay them
   * without a burst at every second's start.
   */
  static Workload of(Trace trace, Spread spread) {
    return trace.requests().<Workload>map(Workload::of).orElseGet(() -> of(trace.series(), spread));
  }

  static Workload of(RequestEvents events) {
    return new RequestReplay(events);
  }

  /**
   * Counts per interval expanded into that many arrivals in each. A missing interval (NaN) has no
   * arrivals: fill it first ({@link RateSeries#interpolateMissing()}) if it should. A fractional
   * count is rounded up or down at random, keeping its mean.
   */
  static Workload of(RateSeries counts, Spread spread) {
    return new IntervalExpansion(counts, spread);
  }

  /**
   * Several workloads as tenants of one: tenant {@code i} is key {@code i}, named by its map key.
   * Each tenant's own keys are merged into its tenant key.
   */
  static Workload mix(SequencedMap<String, ? extends Workload> tenants) {
    return new Mixed(new ArrayList<>(tenants.sequencedKeySet()),
        new ArrayList<>(tenants.sequencedValues()));
  }

  // ---- what-if transforms ----

  /** {@link #scale(double, Duration)} with copies jittered by up to half a second either way. */
  default Workload scale(double factor) {
    return scale(factor, Duration.ofSeconds(1));
  }

  /**
   * The rate times {@code factor}: below 1 each arrival is kept with probability {@code factor}
   * (thinning, which keeps a Poisson process Poisson); above 1 each arrival is kept and copied
   * {@code factor - 1} times on average, the copies moved by a uniform jitter in
   * {@code [-jitter/2, jitter/2)} so they do not land as exact duplicates.
   */
  default Workload scale(double factor, Duration jitter) {
    if (!(factor >= 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("scale factor must be finite and >= 0, got " + factor);
    }
    return new Replicated(this, RateProfile.constant(factor), jitter.toNanos());
  }

  /** Every arrival moved by {@code by} (negative moves earlier). */
  default Workload shift(Duration by) {
    return new Retimed(this, startNanos(), 1.0, by.toNanos());
  }

  /**
   * Time stretched by {@code factor} about the start: 2 plays the trace over twice as long at half
   * the rate, 0.5 compresses it to double the rate. The number of arrivals is unchanged.
   */
  default Workload stretch(double factor) {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("stretch factor must be finite and > 0, got " + factor);
    }
    return new Retimed(this, startNanos(), factor, 0);
  }

  /**
   * Each arrival moved to a uniform time within {@code resolution} after it: for traces that
   * record whole seconds (access logs), so that a second's requests do not all arrive at once.
   */
  default Workload spreadWithin(Duration resolution) {
    return new Spreading(this, resolution.toNanos());
  }

  /** {@link #flashCrowd(FlashCrowd, Duration)} with copies jittered within one second. */
  default Workload flashCrowd(FlashCrowd crowd) {
    return flashCrowd(crowd, Duration.ofSeconds(1));
  }

  /**
   * A flash crowd laid over the traffic: within its window the rate is multiplied by the crowd's
   * profile, by copying arrivals as {@link #scale(double, Duration)} does.
   */
  default Workload flashCrowd(FlashCrowd crowd, Duration jitter) {
    return new Replicated(this, crowd, jitter.toNanos());
  }

  /**
   * {@code copies} tenants replaying this workload, tenant {@code i} shifted by {@code i * apart}:
   * the several-tenants scenario from one trace, with peaks that do not coincide.
   */
  default Workload shiftedCopies(int copies, Duration apart) {
    if (copies < 1) {
      throw new IllegalArgumentException("copies must be >= 1, got " + copies);
    }
    SequencedMap<String, Workload> tenants = new LinkedHashMap<>();
    for (int i = 0; i < copies; i++) {
      tenants.put("copy-" + i, shift(apart.multipliedBy(i)));
    }
    return mix(tenants);
  }

  /**
   * Costs drawn from a log-normal with this median and log-scale {@code sigma} (0 gives every
   * arrival the median), for limiters that charge by cost rather than count.
   */
  default Workload withCost(double median, double sigma) {
    return new Costed(this, median, sigma);
  }

  /** All the arrivals for {@code seed} in arrays, for traces that fit in memory. */
  default Arrivals collect(long seed) {
    return Arrivals.collect(open(seed), keys());
  }
}
