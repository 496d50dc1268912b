package dev.headroom.forecaster.trace;

import java.util.List;

/** How one text line of a row-per-line trace splits into named fields. */
interface LineSyntax {

  /** Field names, from the header line or the first JSON object; "column N" when there is none. */
  List<String> names();

  /** True when the first line was a header to be skipped rather than data. */
  boolean firstLineIsHeader();

  /**
   * Puts the text of field {@code cols[j]} (an index into {@link #names()}) of {@code line} into
   * {@code out[j]}; returns null, or the reason the line cannot be split.
   */
  String pick(String line, int[] cols, String[] out);
}
