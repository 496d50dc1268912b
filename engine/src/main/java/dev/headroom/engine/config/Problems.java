/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;

/** Collects the problems of one file while it is read, so reading never stops at the first. */
final class Problems {

  private final String file;
  private final List<ConfigProblem> found = new ArrayList<>();

  Problems(String file) {
    this.file = file;
  }

  String file() {
    return file;
  }

  /** A problem at {@code mark} (SnakeYAML's lines and columns are 0-based). */
  void add(Mark mark, String path, String message) {
    int line = mark == null ? 0 : mark.getLine() + 1;
    int column = mark == null ? 0 : mark.getColumn() + 1;
    found.add(new ConfigProblem(file, line, column, path, message));
  }

  boolean isEmpty() {
    return found.isEmpty();
  }

  /** Throws every problem found, in file order, if there is any. */
  void throwIfAny() {
    if (!found.isEmpty()) {
      List<ConfigProblem> sorted = new ArrayList<>(found);
      sorted.sort(Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column));
      throw new ConfigException(sorted);
    }
  }
}
