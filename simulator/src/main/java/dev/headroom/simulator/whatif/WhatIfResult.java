package dev.headroom.simulator.whatif;

import dev.headroom.simulator.scenario.Scenario;
import java.time.Duration;
import java.util.List;

/**
 * A finished sweep: every cell of the grid, row by row (scales) then column by column (capacities).
 *
 * @param trace     what was replayed, for titles
 * @param scenario  the scenario every cell ran
 * @param window    the simulated window
 * @param grid      scales and capacity factors
 * @param policies  the mapped policies, by report name ({@code static} is each cell's best static limit)
 * @param cells     {@code grid.cells()} cells, row-major
 * @param replays   replays run, static sweeps included
 * @param wallNanos elapsed time of the sweep
 */
public record WhatIfResult(String trace, Scenario scenario, Duration window, Grid grid, List<String> policies,
    List<Cell> cells, int replays, long wallNanos) {

  public WhatIfResult {
    policies = List.copyOf(policies);
    cells = List.copyOf(cells);
    if (cells.size() != grid.cells()) {
      throw new IllegalArgumentException("a " + grid.rows() + " x " + grid.columns() + " grid needs "
          + grid.cells() + " cells, got " + cells.size());
    }
  }

  /** The cell at row {@code row} (scale) and column {@code column} (capacity). */
  public Cell cell(int row, int column) {
    return cells.get(row * grid.columns() + column);
  }

  /** {@code metric} of {@code policy} over the grid, {@code [row][column]}. */
  public double[][] values(String policy, Metric metric) {
    double[][] v = new double[grid.rows()][grid.columns()];
    for (int r = 0; r < grid.rows(); r++) {
      for (int c = 0; c < grid.columns(); c++) {
        v[r][c] = cell(r, c).value(policy, metric);
      }
    }
    return v;
  }

  /** {@code metric} of {@code policy} minus that of {@code baseline}, cell by cell. */
  public double[][] difference(String policy, String baseline, Metric metric) {
    double[][] a = values(policy, metric);
    double[][] b = values(baseline, metric);
    for (int r = 0; r < a.length; r++) {
      for (int c = 0; c < a[r].length; c++) {
        a[r][c] -= b[r][c];
      }
    }
    return a;
  }

  /** Capacity per second of each column (the same in every row: it is sized from the unscaled trace). */
  public double capacityPerSecond(int column) {
    return cell(0, column).capacityPerSecond();
  }

  /** Title line: trace, window and scenario. */
  public String title() {
    return trace + ", last " + human(window) + ": scenario " + scenario.number() + " " + scenario.id();
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    if (s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    if (s % 3_600 == 0) {
      return s / 3_600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }
}
