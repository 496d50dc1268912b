/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

/**
 * The bearer token of the admin API and where it came from. A generated token is new on every
 * start, so the service prints it once; {@link #toString} never shows the token itself.
 *
 * @param envVar the environment variable read for the token (when {@code origin} is ENVIRONMENT or
 *               GENERATED, the one that was unset)
 */
public record AdminConfig(String token, Origin origin, String envVar) {

  /** Where the token came from. */
  public enum Origin { FILE, ENVIRONMENT, GENERATED }

  public static final String DEFAULT_ENV_VAR = "HEADROOM_ADMIN_TOKEN";
  /** Shorter tokens can be guessed; 16 characters of a random token is about 96 bits. */
  public static final int MIN_TOKEN_LENGTH = 16;

  public boolean generated() {
    return origin == Origin.GENERATED;
  }

  @Override
  public String toString() {
    return "AdminConfig[token=(" + token.length() + " characters), origin=" + origin + ", envVar=" + envVar + "]";
  }
}
