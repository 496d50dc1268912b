package dev.headroom.forecaster.trace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts the lines a reader skips, up to the configured limit: a few damaged lines in a month of
 * logs should not stop a replay, but a file in the wrong format must fail on its first line.
 */
final class BadLines {

  private static final int EXAMPLES = 5;

  private final Path file;
  private final int max;
  private final List<String> examples = new ArrayList<>();
  private int count;

  BadLines(Path file, int max) {
    this.file = file;
    this.max = max;
  }

  /** Records a bad line; throws once more than {@code max} lines are bad. */
  void add(long line, String reason) throws TraceException {
    count++;
    if (count > max) {
      throw new TraceException(file, line,
          max == 0 ? reason : reason + " (more than " + max + " bad lines)");
    }
    if (examples.size() < EXAMPLES) {
      examples.add(new TraceException(file, line, reason).getMessage());
    }
  }

  int count() {
    return count;
  }

  /** The messages of the first few skipped lines, for logs. */
  List<String> examples() {
    return List.copyOf(examples);
  }
}
