package dev.headroom.forecaster;

import dev.headroom.forecaster.model.Seasonality;
import dev.headroom.forecaster.series.RateSeries;

/**
 * The seasonal periods request traffic has by construction: the day and the week, in steps of the
 * series, each kept only when the step divides it and the history holds at least two cycles.
 */
final class CalendarSeasonality {

  private static final long DAY = 86_400_000L;

  private CalendarSeasonality() {}

  static Seasonality of(RateSeries series) {
    long step = series.stepMillis();
    int n = series.size();
    java.util.List<Integer> periods = new java.util.ArrayList<>();
    for (long span : new long[] {DAY, 7 * DAY}) {
      if (span % step == 0 && span / step >= 2 && 2 * (span / step) <= n) {
        periods.add((int) (span / step));
      }
    }
    return new Seasonality(periods.stream().mapToInt(Integer::intValue).toArray());
  }
}
