package dev.headroom.forecaster;

import dev.headroom.forecaster.model.PeriodDetector;
import dev.headroom.forecaster.model.Seasonality;
import dev.headroom.forecaster.series.RateSeries;

/**
 * Seasonal periods for a series. Request traffic follows people, so the day and the week (in steps
 * of the series) are taken whenever the step divides them and the history holds two cycles: on
 * the protocol's traces the autocorrelation test alone missed AWS's daily cycle, and a missed day
 * costs far more than a weak one kept (the backtest then prefers models that use it little).
 * When neither applies (sub-day histories, odd steps), {@link PeriodDetector} looks for a cycle in
 * the autocorrelation.
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
    if (periods.isEmpty()) {
      return PeriodDetector.detect(series);
    }
    return new Seasonality(periods.stream().mapToInt(Integer::intValue).toArray());
  }
}
