package dev.headroom.simulator.workload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * The synthetic traces shipped in the repository's {@code datasets/} folder, defined here so that
 * {@link #regenerate(Path)} rebuilds them exactly and datasets/README.md can cite one method. The
 * parameters are part of the files' identity: changing any of them changes the files.
 */
public final class BundledTraces {

  /** {@code timestamp,count} at one-minute steps over four weeks. */
  public static final String API_FILE = "synthetic-api-4w-1m.csv.gz";
  /** {@code timestamp,tenant} with one row per request over one day, three tenants. */
  public static final String TENANTS_FILE = "synthetic-tenants-1d.csv.gz";
  /** Seed of the expansion of the tenants' counts into requests. */
  public static final long TENANTS_EXPANSION_SEED = 7;

  /**
   * One API's traffic: 100 req/s on weekdays peaking at 14:00 UTC (±50%), weekends at 60%, +2% a
   * week, day-to-day level noise of sigma 0.1, and two flash crowds: x4 for 45 minutes on Wednesday
   * 15 January from 12:00 (10-minute ramps), x2.5 for two hours on Friday 24 January from 19:30
   * (30-minute ramps).
   */
  public static final SyntheticTrace API = SyntheticTrace.defaults()
      .withTrendPerWeek(0.02)
      .withDayNoise(0.1)
      .withFlashCrowds(List.of(
          new FlashCrowd(Instant.parse("2025-01-15T12:00:00Z"), Duration.ofMinutes(45), 4,
              Duration.ofMinutes(10)),
          new FlashCrowd(Instant.parse("2025-01-24T19:30:00Z"), Duration.ofHours(2), 2.5,
              Duration.ofMinutes(30))))
      .withSeed(20250106);

  private BundledTraces() {}

  /**
   * Three tenants over Tuesday 7 January 2025 at one-minute counts: {@code web} (2 req/s, peak
   * 14:00, ±60%), {@code mobile} (1.5 req/s, peak 20:00, ±50%) and {@code batch} (0.5 req/s, peak
   * 03:00, ±80%, with a x6 flash crowd at 09:00 for 20 minutes, 2-minute ramps), seeds 11, 12, 13.
   */
  public static SequencedMap<String, SyntheticTrace> tenants(Duration span) {
    SyntheticTrace day = SyntheticTrace.defaults()
        .withStart(Instant.parse("2025-01-07T00:00:00Z"))
        .withSpan(span);
    SequencedMap<String, SyntheticTrace> t = new LinkedHashMap<>();
    t.put("web", day.withBaseRate(2).withDailyCycle(0.6, 14).withSeed(11));
    t.put("mobile", day.withBaseRate(1.5).withDailyCycle(0.5, 20).withSeed(12));
    t.put("batch", day.withBaseRate(0.5).withDailyCycle(0.8, 3).withSeed(13)
        .withFlashCrowds(List.of(new FlashCrowd(Instant.parse("2025-01-07T09:00:00Z"),
            Duration.ofMinutes(20), 6, Duration.ofMinutes(2)))));
    return t;
  }

  /** The tenants' counts expanded as Poisson arrivals and mixed, each tenant its own key. */
  public static Workload tenantsWorkload(Duration span) {
    SequencedMap<String, Workload> parts = new LinkedHashMap<>();
    tenants(span).forEach((name, trace) -> parts.put(name, trace.workload(Spread.POISSON)));
    return Workload.mix(parts);
  }

  /** Writes both files into {@code dir} (the repository's {@code datasets/}). */
  public static void regenerate(Path dir) throws IOException {
    Files.createDirectories(dir);
    TraceWriter.writeCounts(API.counts(), dir.resolve(API_FILE));
    TraceWriter.writeRequests(tenantsWorkload(Duration.ofDays(1)), TENANTS_EXPANSION_SEED,
        "tenant", dir.resolve(TENANTS_FILE));
  }
}
