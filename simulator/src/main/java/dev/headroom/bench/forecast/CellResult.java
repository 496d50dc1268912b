package dev.headroom.bench.forecast;

import java.util.ArrayList;
import java.util.List;

/**
 * One method on one protocol row: its result at every origin, or the reason it could not run.
 *
 * @param folds one per origin, in origin order; empty when skipped
 * @param skipped why there are no figures (tool missing, fit failed), null when there are
 * @param note remarks that do not void the figures, such as fit warnings; may be null
 */
public record CellResult(ProtocolSeries row, String method, List<FoldResult> folds, String skipped, String note) {

  public CellResult {
    folds = List.copyOf(folds);
    if (skipped == null && folds.isEmpty()) {
      throw new IllegalArgumentException(row.name() + " " + method + ": no folds and no reason");
    }
  }

  public static CellResult skipped(ProtocolSeries row, String method, String reason) {
    return new CellResult(row, method, List.of(), reason, null);
  }

  public boolean ran() {
    return skipped == null;
  }

  /** Horizon {@code i} (in the row's order) averaged over the origins: plain means of each score. */
  public HorizonScore horizon(int i) {
    if (!ran()) {
      throw new IllegalStateException(row.name() + " " + method + " did not run: " + skipped);
    }
    double mase = 0;
    double smape = 0;
    double p90 = 0;
    double p99 = 0;
    for (FoldResult f : folds) {
      HorizonScore s = f.horizons().get(i);
      mase += s.mase();
      smape += s.smape();
      p90 += s.p90Coverage();
      p99 += s.p99Coverage();
    }
    int n = folds.size();
    return new HorizonScore(row.horizonLabels()[i], row.horizons()[i], mase / n, smape / n, p90 / n, p99 / n);
  }

  /** Every horizon averaged over the origins. */
  public List<HorizonScore> horizons() {
    List<HorizonScore> out = new ArrayList<>();
    for (int i = 0; i < row.horizons().length; i++) {
      out.add(horizon(i));
    }
    return out;
  }

  /** Median over origins of the fit-and-forecast wall time (the protocol's fit time). */
  public double fitMillis() {
    return Quantiles.median(folds.stream().mapToDouble(FoldResult::fitMillis).toArray());
  }
}
