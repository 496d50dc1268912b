package dev.headroom.simulator.report;

/**
 * The comparison as CSV (RFC 4180): a summary with one row per policy, and the time series in long
 * form (one row per policy and bucket) so that a spreadsheet or plotting tool can pivot it. Empty
 * cells mean "not measured".
 */
public final class CsvReport {

  private CsvReport() {}

  public static String summary(Comparison comparison) {
    StringBuilder out = new StringBuilder(
        "policy,offered,admitted,rejected,avoidable_rejections,overload_seconds,"
            + "latency_objective_ms,completed,latency_p50_ms,latency_p95_ms,latency_p99_ms,"
            + "goodput,goodput_per_second,retries_caused,quota_wasted,quota_windows,"
            + "quota_windows_exhausted,fairness_jain,policy_decisions,fallback_decisions,fallback_reason,"
            + "legitimate_offered,legitimate_rejected,legitimate_avoidable,legitimate_goodput,abusive_offered,"
            + "abusive_admitted,abusive_rejected,shed_decisions\r\n");
    for (PolicyResult r : comparison.results()) {
      out.append(field(r.policy())).append(',')
          .append(r.offered()).append(',')
          .append(r.admitted()).append(',')
          .append(r.rejected()).append(',')
          .append(r.avoidableRejections()).append(',')
          .append(Numbers.plain(r.overloadSeconds())).append(',')
          .append(Numbers.plain(r.latencyObjectiveMs())).append(',')
          .append(r.completed()).append(',')
          .append(Numbers.plain(r.p50Ms())).append(',')
          .append(Numbers.plain(r.p95Ms())).append(',')
          .append(Numbers.plain(r.p99Ms())).append(',')
          .append(r.goodput()).append(',')
          .append(Numbers.plain(r.goodputPerSecond())).append(',')
          .append(r.retriesCaused()).append(',')
          .append(r.quotaWasted()).append(',')
          .append(r.quotaWindows()).append(',')
          .append(r.quotaWindowsExhausted()).append(',')
          .append(Numbers.plain(r.fairness())).append(',')
          .append(r.keyTicks()).append(',')
          .append(r.fallbackTicks()).append(',')
          .append(r.fallbackReason() == null ? "" : field(r.fallbackReason())).append(',');
      PolicyResult.Labels l = r.labels();
      out.append(l.legitimateOffered()).append(',')
          .append(l.legitimateRejected()).append(',')
          .append(l.legitimateAvoidable()).append(',')
          .append(l.legitimateGoodput()).append(',')
          .append(l.abusiveOffered()).append(',')
          .append(l.abusiveAdmitted()).append(',')
          .append(l.abusiveRejected()).append(',')
          .append(l.shedDecisions()).append("\r\n");
    }
    return out.toString();
  }

  public static String timeSeries(Comparison comparison) {
    StringBuilder out = new StringBuilder(
        "policy,bucket,start_seconds,offered,admitted,rejected,rate_limit,queue_length\r\n");
    double width = comparison.bucketSeconds();
    for (PolicyResult r : comparison.results()) {
      PolicyResult.Series s = r.series();
      long[] offered = s.offered();
      long[] admitted = s.admitted();
      long[] rejected = s.rejected();
      double[] limit = s.rateLimit();
      double[] queue = s.queueLength();
      String name = field(r.policy());
      for (int i = 0; i < offered.length; i++) {
        out.append(name).append(',').append(i).append(',')
            .append(Numbers.plain(i * width)).append(',')
            .append(offered[i]).append(',').append(admitted[i]).append(',')
            .append(rejected[i]).append(',')
            .append(Numbers.plain(limit[i])).append(',')
            .append(Numbers.plain(queue[i])).append("\r\n");
      }
    }
    return out.toString();
  }

  /** A text cell, quoted when it holds a separator, quote or line break. */
  static String field(String text) {
    if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0
        && text.indexOf('\r') < 0) {
      return text;
    }
    return '"' + text.replace("\"", "\"\"") + '"';
  }
}
