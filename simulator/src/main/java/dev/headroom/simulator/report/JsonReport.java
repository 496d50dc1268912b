package dev.headroom.simulator.report;

import dev.headroom.bench.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The comparison as JSON, summaries and time series, for scripts and later runs to read back. */
public final class JsonReport {

  private JsonReport() {}

  public static String render(Comparison comparison) {
    List<Object> policies = new ArrayList<>();
    for (PolicyResult r : comparison.results()) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("policy", r.policy());
      p.put("offered", r.offered());
      p.put("admitted", r.admitted());
      p.put("rejected", r.rejected());
      p.put("avoidable_rejections", r.avoidableRejections());
      p.put("overload_seconds", r.overloadSeconds());
      p.put("latency_objective_ms", r.latencyObjectiveMs());
      p.put("completed", r.completed());
      p.put("latency_p50_ms", r.p50Ms());
      p.put("latency_p95_ms", r.p95Ms());
      p.put("latency_p99_ms", r.p99Ms());
      p.put("goodput", r.goodput());
      p.put("goodput_per_second", r.goodputPerSecond());
      p.put("retries_caused", r.retriesCaused());
      p.put("quota_wasted", r.quotaWasted());
      p.put("quota_windows", r.quotaWindows());
      p.put("quota_windows_exhausted", r.quotaWindowsExhausted());
      p.put("fairness_jain", r.fairness());
      p.put("policy_decisions", r.keyTicks());
      p.put("fallback_decisions", r.fallbackTicks());
      p.put("fallback_reason", r.fallbackReason());
      PolicyResult.Labels l = r.labels();
      p.put("legitimate_offered", l.legitimateOffered());
      p.put("legitimate_rejected", l.legitimateRejected());
      p.put("legitimate_avoidable", l.legitimateAvoidable());
      p.put("legitimate_goodput", l.legitimateGoodput());
      p.put("abusive_offered", l.abusiveOffered());
      p.put("abusive_admitted", l.abusiveAdmitted());
      p.put("abusive_rejected", l.abusiveRejected());
      p.put("shed_decisions", l.shedDecisions());
      p.put("tenant_goodput", l.tenantGoodput());
      PolicyResult.Series s = r.series();
      Map<String, Object> series = new LinkedHashMap<>();
      series.put("offered", boxed(s.offered()));
      series.put("admitted", boxed(s.admitted()));
      series.put("rejected", boxed(s.rejected()));
      series.put("rate_limit", boxed(s.rateLimit()));
      series.put("queue_length", boxed(s.queueLength()));
      p.put("series", series);
      policies.add(p);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("title", comparison.title());
    root.put("bucket_seconds", comparison.bucketSeconds());
    root.put("buckets", comparison.buckets());
    root.put("policies", policies);
    return Json.write(root) + "\n";
  }

  private static List<Long> boxed(long[] values) {
    List<Long> out = new ArrayList<>(values.length);
    for (long v : values) {
      out.add(v);
    }
    return out;
  }

  private static List<Double> boxed(double[] values) {
    List<Double> out = new ArrayList<>(values.length);
    for (double v : values) {
      out.add(v);
    }
    return out;
  }
}
