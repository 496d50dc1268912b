package dev.headroom.forecaster.history;

import dev.headroom.forecaster.series.RateSeries;
import java.time.Duration;
import java.time.Instant;

/**
 * Where past call counts come from: InfluxDB, an in-memory ring, a trace file. One call returns
 * one key's requests per step over {@code [from, to)}, intervals without data as missing.
 */
public interface HistorySource {

  /**
   * Requests per {@code step} for {@code key} over {@code [from, to)}, both ends rounded down to a
   * whole step since the epoch ({@link StepRange}), so only complete intervals come back. A step
   * with no data recorded is NaN, a step recorded as zero is 0. Throws {@link HistoryException}
   * when the store cannot answer.
   */
  RateSeries requests(String key, Instant from, Instant to, Duration step);

  /** Failure to read history (store down, timeout, malformed answer); the message says which. */
  final class HistoryException extends RuntimeException {
    public HistoryException(String message, Throwable cause) {
      super(message, cause);
    }

    public HistoryException(String message) {
      super(message);
    }
  }
}
