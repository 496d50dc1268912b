package dev.headroom.simulator.workload;

import dev.headroom.forecaster.series.RateSeries;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * A synthetic request-rate trace: the shape of real API traffic (daily and weekly cycles, a trend,
 * day-to-day swings, flash crowds) with Poisson noise, so that scenarios and tests can run on a
 * known truth with no download. Start from {@link #defaults()} and change what is needed.
 *
 * <p>The rate at time {@code t}, in requests per second, is
 * {@code baseRate * (1 + trendPerWeek * weeks) * (1 + dailyAmplitude * cos(2π (hour - peakHour) / 24))
 * * (weekendLevel on Saturday and Sunday, else 1) * dayLevel * flash crowds}, with hours and days on
 * the clock of {@code zone}, {@code weeks} since {@code start}, and {@code dayLevel} a log-normal of
 * mean 1 and log-scale {@code dayNoiseSigma} drawn once per day. The count of each step is a Poisson
 * draw around the rate at the step's middle times the step.
 *
 * <p>Each step draws from one stream and each day's level from its own seed, so a shorter span gives
 * exactly the first steps of a longer one: a test can regenerate the head of a shipped file.
 *
 * @param start          time of the first step
 * @param span           length of the trace (whole steps)
 * @param step           interval of each count
 * @param baseRate       weekday mean rate at the start, in requests per second
 * @param dailyAmplitude relative swing of the daily cycle, in [0, 1]
 * @param peakHour       local hour of the daily peak
 * @param weekendLevel   Saturday and Sunday rate relative to weekdays (1: no weekly cycle)
 * @param trendPerWeek   linear growth of the rate per week (0.05 is 5% of the base per week)
 * @param dayNoiseSigma  log-scale sigma of each day's level (0: every day alike)
 * @param flashCrowds    surges multiplied into the rate
 * @param zone           clock of the cycles
 * @param seed           seed of every random draw
 */
public record SyntheticTrace(
    Instant start, Duration span, Duration step, double baseRate, double dailyAmplitude,
    double peakHour, double weekendLevel, double trendPerWeek, double dayNoiseSigma,
    List<FlashCrowd> flashCrowds, ZoneOffset zone, long seed) {

  private static final double WEEK_SECONDS = 7 * 86_400.0;

  public SyntheticTrace {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(zone, "zone");
    flashCrowds = List.copyOf(flashCrowds);
    if (step.isNegative() || step.isZero() || step.toNanos() % 1_000_000 != 0) {
      throw new IllegalArgumentException("step must be a positive whole number of ms, got " + step);
    }
    if (span.compareTo(step) < 0 || span.toMillis() % step.toMillis() != 0) {
      throw new IllegalArgumentException("span must be a whole number of steps (" + step + "), got "
          + span);
    }
    if (span.toMillis() / step.toMillis() > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("too many steps: " + span + " at " + step);
    }
    if (!(baseRate >= 0) || Double.isInfinite(baseRate)) {
      throw new IllegalArgumentException("baseRate must be finite and >= 0, got " + baseRate);
    }
    if (!(dailyAmplitude >= 0 && dailyAmplitude <= 1)) {
      throw new IllegalArgumentException("dailyAmplitude must be in [0, 1], got " + dailyAmplitude);
    }
    if (!(weekendLevel >= 0) || !(dayNoiseSigma >= 0) || !Double.isFinite(trendPerWeek)
        || !Double.isFinite(peakHour) || Double.isInfinite(weekendLevel)
        || Double.isInfinite(dayNoiseSigma)) {
      throw new IllegalArgumentException("weekendLevel and dayNoiseSigma must be finite and >= 0,"
          + " trendPerWeek and peakHour finite");
    }
  }

  /**
   * Four weeks from Monday 2025-01-06 UTC at one-minute steps, 100 requests per second on weekdays
   * peaking at 14:00 with a ±50% daily swing, weekends at 60%, no trend, no day noise, no flash
   * crowds, seed 1.
   */
  public static SyntheticTrace defaults() {
    return new SyntheticTrace(Instant.parse("2025-01-06T00:00:00Z"), Duration.ofDays(28),
        Duration.ofMinutes(1), 100, 0.5, 14, 0.6, 0, 0, List.of(), ZoneOffset.UTC, 1);
  }

  public SyntheticTrace withStart(Instant s) {
    return new SyntheticTrace(s, span, step, baseRate, dailyAmplitude, peakHour, weekendLevel,
        trendPerWeek, dayNoiseSigma, flashCrowds, zone, seed);
  }

  public SyntheticTrace withSpan(Duration s) {
    return new SyntheticTrace(start, s, step, baseRate, dailyAmplitude, peakHour, weekendLevel,
        trendPerWeek, dayNoiseSigma, flashCrowds, zone, seed);
  }

  public SyntheticTrace withStep(Duration s) {
    return new SyntheticTrace(start, span, s, baseRate, dailyAmplitude, peakHour, weekendLevel,
        trendPerWeek, dayNoiseSigma, flashCrowds, zone, seed);
  }

  public SyntheticTrace withBaseRate(double r) {
    return new SyntheticTrace(start, span, step, r, dailyAmplitude, peakHour, weekendLevel,
        trendPerWeek, dayNoiseSigma, flashCrowds, zone, seed);
  }

  public SyntheticTrace withDailyCycle(double amplitude, double peak) {
    return new SyntheticTrace(start, span, step, baseRate, amplitude, peak, weekendLevel,
        trendPerWeek, dayNoiseSigma, flashCrowds, zone, seed);
  }

  public SyntheticTrace withWeekendLevel(double level) {
    return new SyntheticTrace(start, span, step, baseRate, dailyAmplitude, peakHour, level,
        trendPerWeek, dayNoiseSigma, flashCrowds, zone, seed);
  }

  public SyntheticTrace withTrendPerWeek(double trend) {
    return new SyntheticTrace(start, span, step, baseRate, dailyAmplitude, peakHour, weekendLevel,
        trend, dayNoiseSigma, flashCrowds, zone, seed);
  }

  public SyntheticTrace withDayNoise(double sigma) {
    return new SyntheticTrace(start, span, step, baseRate, dailyAmplitude, peakHour, weekendLevel,
        trendPerWeek, sigma, flashCrowds, zone, seed);
  }

  public SyntheticTrace withFlashCrowds(List<FlashCrowd> crowds) {
    return new SyntheticTrace(start, span, step, baseRate, dailyAmplitude, peakHour, weekendLevel,
        trendPerWeek, dayNoiseSigma, crowds, zone, seed);
  }

  public SyntheticTrace withZone(ZoneOffset z) {
    return new SyntheticTrace(start, span, step, baseRate, dailyAmplitude, peakHour, weekendLevel,
        trendPerWeek, dayNoiseSigma, flashCrowds, z, seed);
  }

  public SyntheticTrace withSeed(long s) {
    return new SyntheticTrace(start, span, step, baseRate, dailyAmplitude, peakHour, weekendLevel,
        trendPerWeek, dayNoiseSigma, flashCrowds, zone, s);
  }

  /** The expected rate at {@code epochMillis}, requests per second, before Poisson noise. */
  public double rateAt(long epochMillis) {
    double rate = baseRate * shapeAt(epochMillis);
    long nanos = epochMillis * 1_000_000L;
    for (FlashCrowd f : flashCrowds) {
      rate *= f.factorAt(nanos);
    }
    return rate;
  }

  /** The rate relative to the base, without flash crowds. */
  private double shapeAt(long epochMillis) {
    long local = epochMillis + zone.getTotalSeconds() * 1000L;
    long day = Math.floorDiv(local, 86_400_000L);
    double hour = Math.floorMod(local, 86_400_000L) / 3_600_000.0;
    double weeks = (epochMillis - start.toEpochMilli()) / 1000.0 / WEEK_SECONDS;
    double trend = Math.max(0, 1 + trendPerWeek * weeks);
    double daily = 1 + dailyAmplitude * StrictMath.cos(2 * Math.PI * (hour - peakHour) / 24);
    // 1970-01-01 was a Thursday: day 2 of each week counted from it is a Saturday.
    long weekday = Math.floorMod(day, 7);
    double weekly = weekday == 2 || weekday == 3 ? weekendLevel : 1;
    return trend * daily * weekly * dayLevel(day);
  }

  /** The day's log-normal level, mean 1, drawn from a seed of its own. */
  private double dayLevel(long day) {
    if (dayNoiseSigma == 0) {
      return 1;
    }
    double z = new Rng(Rng.derive(seed, 1_000_000_000L + day)).gaussian();
    return StrictMath.exp(dayNoiseSigma * z - dayNoiseSigma * dayNoiseSigma / 2);
  }

  /** The counts per step: Poisson draws around the rate. */
  public RateSeries counts() {
    long stepMillis = step.toMillis();
    int n = (int) (span.toMillis() / stepMillis);
    double stepSeconds = stepMillis / 1000.0;
    double[] values = new double[n];
    Rng rng = new Rng(Rng.derive(seed, 0));
    long t0 = start.toEpochMilli();
    for (int i = 0; i < n; i++) {
      long mid = t0 + i * stepMillis + stepMillis / 2;
      values[i] = rng.poisson(rateAt(mid) * stepSeconds);
    }
    return RateSeries.ofMillis(t0, stepMillis, values);
  }

  /** The counts expanded into arrivals, for replay without writing a file. */
  public Workload workload(Spread spread) {
    return Workload.of(counts(), spread);
  }
}
