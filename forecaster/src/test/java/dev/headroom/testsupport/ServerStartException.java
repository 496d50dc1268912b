/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.testsupport;

/**
 * A test server did not start or did not answer in time. The message holds the command line, the
 * server's folder and the last lines of its logs.
 */
public final class ServerStartException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final boolean portTaken;

  ServerStartException(String message, Throwable cause, boolean portTaken) {
    super(message, cause);
    this.portTaken = portTaken;
  }

  /** Whether the server reported that one of its ports was already taken (worth a retry). */
  boolean portTaken() {
    return portTaken;
  }
}
