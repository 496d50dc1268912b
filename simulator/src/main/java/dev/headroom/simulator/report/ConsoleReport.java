package dev.headroom.simulator.report;

import dev.headroom.bench.Table;
import dev.headroom.bench.Table.Align;

/** The comparison as an aligned text table, one row per policy, for the terminal. */
public final class ConsoleReport {

  private ConsoleReport() {}

  /**
   * The table; when some traffic is labelled abusive (a flood), the columns split by label instead
   * of the quota ones.
   */
  public static String render(Comparison comparison) {
    if (comparison.results().stream().anyMatch(r -> r.labels().abusiveOffered() > 0)) {
      return renderLabelled(comparison);
    }
    Table table = new Table()
        .column("policy", Align.LEFT)
        .column("offered", Align.RIGHT)
        .column("admitted", Align.RIGHT)
        .column("rejected", Align.RIGHT)
        .column("avoidable", Align.RIGHT)
        .column("overload s", Align.RIGHT)
        .column("p50 ms", Align.RIGHT)
        .column("p95 ms", Align.RIGHT)
        .column("p99 ms", Align.RIGHT)
        .column("goodput/s", Align.RIGHT)
        .column("retries", Align.RIGHT)
        .column("quota wasted", Align.RIGHT)
        .column("exhausted", Align.RIGHT)
        .column("fairness", Align.RIGHT);
    for (PolicyResult r : comparison.results()) {
      table.row(r.policy(), Numbers.count(r.offered()), Numbers.count(r.admitted()),
          Numbers.count(r.rejected()), Numbers.count(r.avoidableRejections()),
          Numbers.fixed(r.overloadSeconds(), 1), Numbers.fixed(r.p50Ms(), 2),
          Numbers.fixed(r.p95Ms(), 2), Numbers.fixed(r.p99Ms(), 2),
          Numbers.fixed(r.goodputPerSecond(), 1), Numbers.count(r.retriesCaused()),
          Numbers.count(r.quotaWasted()),
          r.quotaWindowsExhausted() + "/" + r.quotaWindows(), Numbers.fixed(r.fairness(), 3));
    }
    return comparison.title() + "\n" + table.render();
  }

  private static String renderLabelled(Comparison comparison) {
    Table table = new Table()
        .column("policy", Align.LEFT)
        .column("offered", Align.RIGHT)
        .column("legit rejected", Align.RIGHT)
        .column("avoidable", Align.RIGHT)
        .column("abusive offered", Align.RIGHT)
        .column("abusive admitted", Align.RIGHT)
        .column("overload s", Align.RIGHT)
        .column("p99 ms", Align.RIGHT)
        .column("legit goodput/s", Align.RIGHT)
        .column("retries", Align.RIGHT)
        .column("shed", Align.RIGHT)
        .column("fairness", Align.RIGHT);
    for (PolicyResult r : comparison.results()) {
      PolicyResult.Labels l = r.labels();
      double seconds = r.durationSeconds();
      table.row(r.policy(), Numbers.count(r.offered()), Numbers.count(l.legitimateRejected()),
          Numbers.count(l.legitimateAvoidable()), Numbers.count(l.abusiveOffered()),
          Numbers.count(l.abusiveAdmitted()), Numbers.fixed(r.overloadSeconds(), 1), Numbers.fixed(r.p99Ms(), 2),
          Numbers.fixed(seconds == 0 ? Double.NaN : l.legitimateGoodput() / seconds, 1),
          Numbers.count(r.retriesCaused()), Numbers.count(l.shedDecisions()), Numbers.fixed(r.fairness(), 3));
    }
    return comparison.title() + "\n" + table.render();
  }
}
