/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.forecaster.influx;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;

/** Short human reasons for influxdb-java failures, so messages say "timed out" rather than a class name. */
final class InfluxErrors {

  private InfluxErrors() {}

  static String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException || isCallTimeout(t)) {
        return "timed out (" + t.getMessage() + ")";
      }
      if (t instanceof ConnectException) {
        return "cannot connect (" + t.getMessage() + ")";
      }
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() != null ? root.getMessage() : root.toString();
  }

  /** OkHttp's whole-call timeout surfaces as an InterruptedIOException with message "timeout". */
  private static boolean isCallTimeout(Throwable t) {
    return t instanceof InterruptedIOException && "timeout".equals(t.getMessage());
  }
}
