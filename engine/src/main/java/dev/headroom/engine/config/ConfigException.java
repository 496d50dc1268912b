/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration that cannot be used, with every problem found in it: fixing a file one error per
 * run is the slow way, so the loader reads on after a problem and reports them all at once.
 */
public final class ConfigException extends RuntimeException {

  private final List<ConfigProblem> problems;

  public ConfigException(List<ConfigProblem> problems) {
    super(format(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** The problems, in file order. */
  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String format(List<ConfigProblem> problems) {
    String lines = problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n"));
    return problems.size() == 1 ? lines
        : problems.size() + " problems in the configuration:\n" + lines;
  }
}
