package dev.headroom.forecaster.trace;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A trace that cannot be read as asked. The message names the file and, when one line is at fault,
 * its 1-based number ({@code trace.csv:17: reason}), so that the line can be found and fixed.
 */
public final class TraceException extends IOException {

  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long line;
  private final String reason;

  /** A fault of line {@code line} (1-based), or of the whole file when {@code line} is 0. */
  public TraceException(Path file, long line, String reason) {
    super(line > 0 ? file + ":" + line + ": " + reason : file + ": " + reason);
    this.file = file;
    this.line = line;
    this.reason = reason;
  }

  public Path file() {
    return file;
  }

  /** The 1-based line at fault, or 0 when the fault is the whole file's. */
  public long line() {
    return line;
  }

  public String reason() {
    return reason;
  }
}
