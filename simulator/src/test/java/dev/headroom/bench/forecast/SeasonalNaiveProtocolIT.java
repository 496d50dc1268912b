package dev.headroom.bench.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Seasonal naive on the real protocol rows reproduces the protocol's published mean MASE (0.827 at
 * 1 h, 1.225 at 24 h, to its three decimals): a check that the preparation and the evaluation
 * both follow the protocol. Needs the shared datasets; skipped, saying so, without them.
 */
class SeasonalNaiveProtocolIT {

  @Test
  void reproducesThePublishedSeasonalNaiveBaseline() throws Exception {
    Path datasets = ForecastBench.defaultDatasets();
    Assumptions.assumeTrue(Files.isDirectory(datasets),
        "datasets folder " + datasets + " absent (set -Dheadroom.datasets=DIR)");
    List<ProtocolSeries> rows = ProtocolTraces.load(datasets);
    List<CellResult> cells = rows.stream().map(r -> Evaluation.run(r, new SeasonalNaive())).toList();
    ForecastSummary summary = new ForecastSummary(cells);
    for (int i = 0; i < ForecastSummary.PROTOCOL_HORIZONS.size(); i++) {
      ForecastSummary.Average a = summary.average(SeasonalNaive.NAME, ForecastSummary.DAY_SCALE,
          ForecastSummary.PROTOCOL_HORIZONS.get(i));
      assertEquals(ForecastSummary.PROTOCOL_ROWS, a.rows());
      assertEquals(ForecastSummary.PROTOCOL_MASE.get(SeasonalNaive.NAME)[i], a.mase(), 0.0005, a.horizon());
    }
  }
}
