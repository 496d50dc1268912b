package dev.headroom.bench.simulator;

import dev.headroom.bench.BenchRow;
import java.io.PrintStream;
import java.util.List;

/**
 * One part of {@code headroom bench simulator} (hold model, SimPy comparison, and later the trace
 * and policy runs): it measures, and returns its report rows and its human table. Adding a part is
 * adding an implementation to {@link SimulatorBench#SECTIONS}.
 */
public interface BenchSection {

  /** The name {@code --filter} matches (with find), e.g. "hold" or "simpy". */
  String name();

  /** Runs the part; progress lines go to {@code progress}. */
  Result run(SimulatorBench.Options options, PrintStream progress) throws Exception;

  /**
   * @param table rendered table (with its own title line)
   * @param failed whether something that should have run did not (the exit code becomes 1)
   */
  record Result(List<BenchRow> rows, String table, boolean failed) {}
}
