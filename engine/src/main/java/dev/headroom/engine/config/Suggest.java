/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean": the closest known word to a misspelt one, when it is close enough to be a typo. */
public final class Suggest {

  private Suggest() {}

  /** {@code " (did you mean \"x\"?)"}, or an empty string when nothing is close. */
  public static String didYouMean(String word, Collection<String> known) {
    String best = closest(word, known);
    return best == null ? "" : " (did you mean \"" + best + "\"?)";
  }

  static String closest(String word, Collection<String> known) {
    String w = word.toLowerCase(Locale.ROOT);
    // A typo is about one edit per three letters; beyond that a "suggestion" is a guess.
    int allowed = Math.max(1, Math.min(3, w.length() / 3));
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = distance(w, k.toLowerCase(Locale.ROOT));
      if (d <= allowed && d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[a.length()][b.length()];
  }
}
