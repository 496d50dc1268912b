/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.bench.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one wrk run measured. Latencies are in microseconds, from the moment wrk starts writing a
 * request to the end of its response (a {@code delay} pause is not part of it).
 *
 * @param threads     wrk threads, as wrk reported them
 * @param connections open connections, as wrk reported them
 * @param exact       whether the figures come from the script's {@code done} line (exact) or from
 *                    wrk's text (rounded to 3 significant digits, and no p99.9)
 * @param output      what wrk printed, for error messages
 */
record WrkResult(int threads, int connections, long requests, double seconds, double requestsPerSecond,
    Latency latency, Errors errors, boolean exact, String output) {

  /** Latency figures in microseconds; {@code p999Us} is NaN when wrk's text was all there was. */
  record Latency(double meanUs, double stdevUs, double maxUs, double p50Us, double p90Us, double p99Us,
      double p999Us) {

    double p99Millis() {
      return p99Us / 1000.0;
    }
  }

  /** Failed requests by kind; {@code non2xx} counts responses with a status outside 200-399. */
  record Errors(long connect, long read, long write, long timeout, long non2xx) {

    static final Errors NONE = new Errors(0, 0, 0, 0, 0);

    long total() {
      return connect + read + write + timeout + non2xx;
    }
  }

  /** Why the run cannot count as a measurement (errors, no requests); empty when it can. */
  List<String> problems() {
    List<String> p = new ArrayList<>();
    if (requests <= 0) {
      p.add("no request completed");
    }
    if (errors.non2xx() > 0) {
      p.add(String.format(Locale.ROOT, "%,d responses were not 2xx/3xx", errors.non2xx()));
    }
    long socket = errors.connect() + errors.read() + errors.write() + errors.timeout();
    if (socket > 0) {
      p.add(String.format(Locale.ROOT, "socket errors: connect %d, read %d, write %d, timeout %d",
          errors.connect(), errors.read(), errors.write(), errors.timeout()));
    }
    return p;
  }
}
