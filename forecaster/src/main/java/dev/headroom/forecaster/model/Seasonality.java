package dev.headroom.forecaster.model;

import java.util.Arrays;

/**
 * Seasonal periods in steps, most important first: {@code [1440, 10080]} for day and week in
 * per-minute data. Empty when the series shows no seasonality.
 */
public record Seasonality(int[] periods) {

  public Seasonality {
    periods = periods.clone();
    for (int p : periods) {
      if (p < 2) {
        throw new IllegalArgumentException("seasonal period must be at least 2 steps, got " + p);
      }
    }
  }

  public static Seasonality of(int... periods) {
    return new Seasonality(periods);
  }

  public static Seasonality none() {
    return new Seasonality(new int[0]);
  }

  public boolean isEmpty() {
    return periods.length == 0;
  }

  /** The main period, or 1 when there is none. */
  public int primary() {
    return periods.length == 0 ? 1 : periods[0];
  }

  /** The longest period, or 1 when there is none. */
  public int longest() {
    return Arrays.stream(periods).max().orElse(1);
  }

  @Override
  public int[] periods() {
    return periods.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Seasonality s && Arrays.equals(s.periods, periods);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(periods);
  }

  @Override
  public String toString() {
    return "Seasonality" + Arrays.toString(periods);
  }
}
