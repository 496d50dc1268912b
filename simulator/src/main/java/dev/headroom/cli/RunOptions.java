package dev.headroom.cli;

import dev.headroom.simulator.scenario.ProgressBar;
import dev.headroom.simulator.scenario.Scenario;
import picocli.CommandLine.Option;

/** The scenario and how to run it, shared by {@code simulate} and {@code whatif}. */
public final class RunOptions {

  @Option(names = "--scenario", paramLabel = "NAME", defaultValue = "flood",
      description = "protect (1), tenants (2), elastic (3), quota (4) or flood (5) (default: ${DEFAULT-VALUE}).")
  String scenario;

  @Option(names = "--threads", paramLabel = "N", description = "Simulations at once (default: the number of cores).")
  Integer threads;

  @Option(names = "--no-progress", description = "No progress bar (it shows only on a terminal anyway).")
  boolean noProgress;

  /** The scenario named, or an error that names the option. */
  Scenario scenario() {
    try {
      return Scenario.parse(scenario);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--scenario: " + e.getMessage(), e);
    }
  }

  /** Threads to use, at least 1. */
  int threads() {
    int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (n < 1) {
      throw new IllegalArgumentException("--threads: must be at least 1, got " + n);
    }
    return n;
  }

  /** A progress bar on standard error when it is a terminal and not turned off. */
  ProgressBar progress(long total, String unit) {
    return ProgressBar.of(System.err, ProgressBar.terminal() && !noProgress, total, unit);
  }
}
