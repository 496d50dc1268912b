package dev.headroom.simulator.scenario;

import dev.headroom.simulator.report.PolicyResult;
import java.util.Locale;

/**
 * How one policy did against the best static limit and the oracle, in the terms of the project's
 * targets: the share of the static limit's avoidable rejections it removed, its overload time
 * against the static limit's, and the share of the oracle's gain over static that it reached.
 *
 * @param policy        the judged policy
 * @param avoidableCut  1 - avoidable(policy) / avoidable(static); NaN when static had none
 * @param overloadDelta overload seconds of the policy minus those of static (0 or less: no worse)
 * @param oracleShare   (avoidable(static) - avoidable(policy)) / (avoidable(static) - avoidable(oracle));
 *                      NaN when the oracle gained nothing or was not run
 * @param goodputRatio  goodput(policy) / goodput(static)
 * @param avoidable     the policy's avoidable rejections
 * @param staticAvoidable the best static limit's
 */
public record Verdict(String policy, double avoidableCut, double overloadDelta, double oracleShare,
    double goodputRatio, long avoidable, long staticAvoidable) {

  /** {@code policy} against {@code staticBest} and {@code oracle} (null when the oracle was not run). */
  public static Verdict of(PolicyResult policy, PolicyResult staticBest, PolicyResult oracle) {
    double s = staticBest.avoidableRejections();
    double p = policy.avoidableRejections();
    double cut = s == 0 ? Double.NaN : 1 - p / s;
    double share = Double.NaN;
    if (oracle != null && s - oracle.avoidableRejections() > 0) {
      share = (s - p) / (s - oracle.avoidableRejections());
    }
    double goodput = staticBest.goodput() == 0 ? Double.NaN : (double) policy.goodput() / staticBest.goodput();
    return new Verdict(policy.policy(), cut, policy.overloadSeconds() - staticBest.overloadSeconds(), share, goodput,
        policy.avoidableRejections(), staticBest.avoidableRejections());
  }

  /**
   * The bar for the scenarios where prediction should pay (tenants, elastic, quota): at
   * least half the avoidable rejections gone, no more overload, and 80% of the oracle's gain.
   */
  public boolean meetsSharedTarget() {
    if (staticAvoidable == 0) {
      return avoidable == 0 && overloadDelta <= 0; // nothing to cut: met when nothing was added
    }
    return avoidableCut >= 0.5 && overloadDelta <= 0 && oracleShare >= 0.8;
  }

  /** The bar for protecting one fixed service: never worse than the best static limit. */
  public boolean meetsProtectTarget() {
    return avoidable <= staticAvoidable && overloadDelta <= 0 && !(goodputRatio < 0.999);
  }

  @Override
  public String toString() {
    // A share of a handful is noise: below 100 avoidable rejections for static, say only the counts.
    String cut = staticAvoidable < 100 ? "" : String.format(Locale.ROOT, " (%+.0f%%)", -100 * avoidableCut);
    return String.format(Locale.ROOT, "%s: avoidable rejections %,d against best static's %,d%s, overload %+.0f s,"
        + " %s of the oracle's gain, goodput x%.3f", policy, avoidable, staticAvoidable, cut, overloadDelta,
        Double.isNaN(oracleShare) ? "n/a" : String.format(Locale.ROOT, "%.0f%%", 100 * oracleShare), goodputRatio);
  }
}
