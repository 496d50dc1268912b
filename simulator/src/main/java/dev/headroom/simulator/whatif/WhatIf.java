package dev.headroom.simulator.whatif;

import dev.headroom.simulator.scenario.Experiment;
import dev.headroom.simulator.scenario.PolicySpec.Kind;
import dev.headroom.simulator.scenario.ProgressBar;
import dev.headroom.simulator.scenario.Scenario;
import dev.headroom.simulator.scenario.Setup;
import dev.headroom.simulator.scenario.SimInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sweeps traffic scale against capacity: each cell of the {@link Grid} is one {@link Experiment}
 * (the static sweep and the mapped policies) on the trace scaled by the row's factor, against a
 * system sized by the column's factor from the <em>unscaled</em> trace, so that moving down a
 * column is more traffic against the same system. Cells run in parallel on a fixed pool, each
 * single-threaded, so it is the grid that uses the cores.
 *
 * <p>A scaled input is built when its first cell starts and dropped when its last cell ends, and
 * cells start row by row, so only a few rows' arrivals are held at once.
 */
public final class WhatIf {

  /** Builds the input at a traffic scale (the same trace, window and seed at every scale). */
  @FunctionalInterface
  public interface Inputs {
    SimInput at(double scale) throws IOException;
  }

  /**
   * @param scenario which situation every cell runs
   * @param grid     scales and capacity factors
   * @param policies the policies to map, in report order ({@code STATIC}: each cell's best static limit)
   * @param threads  cells at once
   * @param progress where progress goes, in fresh requests replayed (null: nowhere)
   */
  public record Options(Scenario scenario, Grid grid, List<Kind> policies, int threads, ProgressBar progress) {

    public Options {
      policies = List.copyOf(policies);
      if (policies.isEmpty()) {
        throw new IllegalArgumentException("--policies: name at least one policy");
      }
      if (threads < 1) {
        throw new IllegalArgumentException("--threads: must be at least 1, got " + threads);
      }
    }
  }

  private WhatIf() {}

  /**
   * Fresh requests the sweep will replay, for a progress bar's total: each row's demand (the
   * reference's, times the scale) times the replays of a cell, times the columns.
   */
  public static long work(SimInput reference, Scenario scenario, Grid grid, List<Kind> policies) {
    long perCell = Experiment.replays(scenario, policies);
    double rows = grid.scales().stream().mapToDouble(Double::doubleValue).sum();
    return Math.round(rows * reference.arrivals().size() * perCell * grid.columns());
  }

  /**
   * Runs every cell. {@code reference} is the unscaled input (scale 1) that sizes each column's
   * system; it is reused as the row of scale 1.
   */
  public static WhatIfResult run(SimInput reference, Inputs inputs, Options options) {
    long started = System.nanoTime();
    Grid grid = options.grid();
    List<Setup> setups = new ArrayList<>();
    for (double capacity : grid.capacities()) {
      setups.add(Setup.size(options.scenario(), reference, capacity));
    }
    List<Row> rows = new ArrayList<>();
    for (double scale : grid.scales()) {
      rows.add(new Row(scale, scale == 1 ? reference : null, inputs, grid.columns()));
    }
    Experiment.Options cellOptions = new Experiment.Options(options.policies(), 1, options.progress());
    ExecutorService pool = Executors.newFixedThreadPool(options.threads(),
        Thread.ofPlatform().daemon().name("whatif-", 0).factory());
    try {
      List<Future<Cell>> runs = new ArrayList<>();
      for (Row row : rows) {
        for (int c = 0; c < grid.columns(); c++) {
          Setup setup = setups.get(c);
          double capacity = grid.capacities().get(c);
          runs.add(pool.submit(() -> cell(row, capacity, setup, cellOptions)));
        }
      }
      List<Cell> cells = new ArrayList<>();
      int replays = 0;
      for (Future<Cell> f : runs) {
        Cell cell = get(f);
        cells.add(cell);
        replays += cell.replays();
      }
      List<String> names = options.policies().stream().map(Kind::id).toList();
      return new WhatIfResult(reference.name(), options.scenario(), reference.window(), grid, names, cells, replays,
          System.nanoTime() - started);
    } finally {
      pool.shutdownNow();
    }
  }

  private static Cell cell(Row row, double capacity, Setup setup, Experiment.Options options) {
    SimInput input = row.acquire();
    try {
      Experiment.Outcome o = Experiment.run(input, setup, options);
      return new Cell(row.scale, capacity, setup.capacityPerSecond(), input.arrivals().size(), o.bestFactor(),
          o.comparison().results(), o.replays());
    } finally {
      row.release();
    }
  }

  /** One scale's input, built on first use and let go when the row's last cell is done. */
  private static final class Row {
    final double scale;
    private final boolean keep;
    private final Inputs inputs;
    private SimInput input;
    private int remaining;

    Row(double scale, SimInput given, Inputs inputs, int cells) {
      this.scale = scale;
      this.input = given;
      this.keep = given != null;
      this.inputs = inputs;
      this.remaining = cells;
    }

    synchronized SimInput acquire() {
      if (input == null) {
        try {
          input = inputs.at(scale);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return input;
    }

    synchronized void release() {
      if (--remaining == 0 && !keep) {
        input = null;
      }
    }
  }

  private static <T> T get(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("what-if sweep interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("what-if sweep failed: " + e.getCause(), e.getCause());
    }
  }
}
