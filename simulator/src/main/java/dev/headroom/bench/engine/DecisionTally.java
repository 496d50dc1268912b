/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.bench.engine;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engine's own count of decisions on the benchmark's limit, read from its {@code /metrics}:
 * wrk sees HTTP 200 for a refused check too ({@code "allowed": false}), so this is how the run
 * proves the decision rows measured admissions, and that the engine saw every request wrk counted.
 */
record DecisionTally(long allowed, long rejected, long shed) {

  private static final Pattern LINE = Pattern.compile(
      "^headroom_decisions_total\\{([^}]*)\\}\\s+(\\S+)\\s*$", Pattern.MULTILINE);

  static DecisionTally fetch(String metricsUrl) throws IOException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try {
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(metricsUrl))
          .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IOException(metricsUrl + " answered " + r.statusCode());
      }
      return parse(r.body(), BenchConfigs.LIMIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading " + metricsUrl, e);
    }
  }

  /** Reads the Prometheus text; throws when the limit's counters are not there. */
  static DecisionTally parse(String prometheus, String limit) {
    Long allowed = null;
    Long rejected = null;
    Long shed = null;
    Matcher m = LINE.matcher(prometheus);
    while (m.find()) {
      String labels = m.group(1);
      if (!labels.contains("limit=\"" + limit + "\"")) {
        continue;
      }
      long v = (long) Double.parseDouble(m.group(2));
      if (labels.contains("outcome=\"allowed\"")) {
        allowed = v;
      } else if (labels.contains("outcome=\"rejected\"")) {
        rejected = v;
      } else if (labels.contains("outcome=\"shed\"")) {
        shed = v;
      }
    }
    if (allowed == null || rejected == null || shed == null) {
      throw new IllegalArgumentException("no headroom_decisions_total for limit " + limit + " (allowed, rejected, shed) in /metrics");
    }
    return new DecisionTally(allowed, rejected, shed);
  }
}
