/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

/**
 * One thing wrong with a configuration file, located well enough to fix it without searching:
 * the file, the 1-based line and column, and the path of the field ({@code limits[2].policy.lead}).
 *
 * @param line   1-based line, or 0 when the problem concerns the whole file (it cannot be read)
 * @param column 1-based column, or 0 when unknown
 * @param path   dotted path with 0-based list indexes; empty for the document itself
 */
public record ConfigProblem(String file, int line, int column, String path, String message) {

  /** {@code FILE:LINE: path: message}, the form editors and terminals turn into a link. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(file);
    if (line > 0) {
      s.append(':').append(line);
    }
    s.append(": ");
    if (!path.isEmpty()) {
      s.append(path).append(": ");
    }
    return s.append(message).toString();
  }
}
