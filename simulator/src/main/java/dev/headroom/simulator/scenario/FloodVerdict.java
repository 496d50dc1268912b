package dev.headroom.simulator.scenario;

import dev.headroom.simulator.report.PolicyResult;
import java.util.Locale;

/**
 * The flood scenario's target for one stance, against the best per-key static limit: in the
 * {@code hold} stance, at no more overload, at most half its legitimate rejections and at most half
 * the abusive requests it admits; in the {@code shed-under-pressure} stance, at most half its
 * legitimate rejections at no more overload (abuse is served while the backend has room, by design).
 *
 * @param policy            the judged policy
 * @param hold              judged by the hold stance's bar (abuse counts) or the shed stance's
 * @param legitRejected     the policy's legitimate rejections
 * @param staticLegitRejected the best per-key static limit's
 * @param abusiveAdmitted   the policy's abusive requests admitted
 * @param staticAbusiveAdmitted the best per-key static limit's
 * @param overload          the policy's overload seconds
 * @param staticOverload    the best per-key static limit's
 */
public record FloodVerdict(String policy, boolean hold, long legitRejected, long staticLegitRejected,
    long abusiveAdmitted, long staticAbusiveAdmitted, double overload, double staticOverload) {

  /** The share of a baseline a policy may keep: half. */
  public static final double HALF = 0.5;

  public static FloodVerdict of(PolicyResult policy, PolicyResult staticPerKey, boolean hold) {
    return new FloodVerdict(policy.policy(), hold, policy.labels().legitimateRejected(),
        staticPerKey.labels().legitimateRejected(), policy.labels().abusiveAdmitted(),
        staticPerKey.labels().abusiveAdmitted(), policy.overloadSeconds(), staticPerKey.overloadSeconds());
  }

  public boolean legitMet() {
    return legitRejected <= HALF * staticLegitRejected;
  }

  public boolean abuseMet() {
    return abusiveAdmitted <= HALF * staticAbusiveAdmitted;
  }

  /** Overload no more than static's (to the sampling's tenth of a second). */
  public boolean overloadMet() {
    return overload <= staticOverload + 0.05;
  }

  public boolean met() {
    return legitMet() && overloadMet() && (!hold || abuseMet());
  }

  /** One line: met or not, with the numbers. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    b.append(policy).append(": ").append(met() ? "target met" : "target NOT met").append(" - legitimate rejected ")
        .append(change(legitRejected, staticLegitRejected)).append(legitMet() ? " (<= half: yes)" : " (<= half: no)");
    if (hold) {
      b.append(", abusive admitted ").append(change(abusiveAdmitted, staticAbusiveAdmitted))
          .append(abuseMet() ? " (<= half: yes)" : " (<= half: no)");
    }
    b.append(String.format(Locale.ROOT, ", overload %.0f s against %.0f s%s", overload, staticOverload,
        overloadMet() ? "" : " (more)"));
    b.append(" vs best static-per-key");
    return b.toString();
  }

  static String change(long now, long before) {
    String pct = before == 0 ? "" : String.format(Locale.ROOT, " (%+.0f%%)", 100.0 * (now - before) / before);
    return String.format(Locale.ROOT, "%,d against %,d%s", now, before, pct);
  }

  /**
   * The closing line: what forecasting gained over the best static limit, per stance, in words.
   * {@code hold} or {@code shed} may be null when that policy was not run.
   */
  public static String gained(PolicyResult staticPerKey, PolicyResult hold, PolicyResult shed) {
    StringBuilder b = new StringBuilder("predictive vs the best static (per key):");
    if (hold != null) {
      b.append(String.format(Locale.ROOT, " hold stance %s legitimate rejections and %s abusive requests admitted,"
          + " overload %.0f -> %.0f s, legitimate goodput %s;", pctWord(hold.labels().legitimateRejected(),
              staticPerKey.labels().legitimateRejected()),
          pctWord(hold.labels().abusiveAdmitted(), staticPerKey.labels().abusiveAdmitted()),
          staticPerKey.overloadSeconds(), hold.overloadSeconds(), goodput(hold, staticPerKey)));
    }
    if (shed != null) {
      b.append(String.format(Locale.ROOT, " shed stance %s legitimate rejections, overload %.0f -> %.0f s,"
          + " legitimate goodput %s;", pctWord(shed.labels().legitimateRejected(),
              staticPerKey.labels().legitimateRejected()),
          staticPerKey.overloadSeconds(), shed.overloadSeconds(), goodput(shed, staticPerKey)));
    }
    b.setLength(b.length() - 1);
    return b.append('.').toString();
  }

  private static String goodput(PolicyResult p, PolicyResult staticPerKey) {
    long before = staticPerKey.labels().legitimateGoodput();
    return before == 0 ? "n/a" : String.format(Locale.ROOT, "%+.1f%%",
        100.0 * (p.labels().legitimateGoodput() - before) / before);
  }

  private static String pctWord(long now, long before) {
    if (before == 0) {
      return now == 0 ? "no change in (0)" : String.format(Locale.ROOT, "%,d more (static: 0)", now);
    }
    double change = 100.0 * (now - before) / before;
    return String.format(Locale.ROOT, "%.0f%% %s (%,d -> %,d)", Math.abs(change), change <= 0 ? "fewer" : "more",
        before, now);
  }
}
