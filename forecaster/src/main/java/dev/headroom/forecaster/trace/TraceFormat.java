package dev.headroom.forecaster.trace;

/** The shapes of trace file that {@link TraceReader} understands. */
public enum TraceFormat {
  /**
   * Counts per fixed step with no timestamps: non-negative integers separated by any whitespace
   * (one line or many), as in the NASA and Twitter traces. Start and step come from the options.
   */
  COUNTS,
  /**
   * One row per interval: a timestamp and a count ({@code timestamp,value} CSV at any step,
   * whitespace- or tab-separated tables, or JSON lines with a value field), in any order.
   */
  INTERVALS,
  /** One row per request with its timestamp (CSV or JSON lines), in any order; optional key. */
  REQUESTS,
  /**
   * A web-server access log in Common (or Combined) Log Format: one request per line, timed by the
   * bracketed log time (whole seconds) and keyed by the client host.
   */
  ACCESS_LOG
}
