package dev.headroom.bench.forecast;

import java.util.List;

/**
 * One method at one origin of one row: its scores per horizon (shortest first, all cut from the
 * same forecast) and the wall time of the one fit and forecast that produced it.
 */
public record FoldResult(int origin, List<HorizonScore> horizons, double fitMillis) {

  public FoldResult {
    horizons = List.copyOf(horizons);
  }
}
