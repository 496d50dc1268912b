package dev.headroom.cli;

import dev.headroom.simulator.scenario.Scenario;
import dev.headroom.simulator.scenario.Setup;
import java.util.Locale;

/** One-line descriptions of a sized scenario for the command line. */
final class Describe {

  private Describe() {}

  static String setup(Setup s) {
    if (s.scenario() == Scenario.QUOTA) {
      return String.format(Locale.ROOT, "scenario 4 quota: %,d calls per %s (%s), provider 429s above %.0f calls/s; "
          + "a call waits at most %.0f s", s.quota(), Describe.duration(s.quotaWindow()), rate(s.capacityPerSecond()),
          s.providerCeiling(), s.maxWaitNanos() / 1e9);
    }
    String capacity = s.autoscaler() == null
        ? String.format(Locale.ROOT, "%d workers of %.0f ms (%s)", s.workers(), s.serviceTime().meanNanos() / 1e6,
            rate(s.capacityPerSecond()))
        : String.format(Locale.ROOT, "%d to %d workers of %.0f ms (up to %s), %d started, new ones after %s",
            s.autoscaler().minWorkers(), s.autoscaler().maxWorkers(), s.serviceTime().meanNanos() / 1e6,
            rate(s.capacityPerSecond()), s.workers(),
            Describe.duration(java.time.Duration.ofNanos(s.autoscaler().provisioningDelayNanos())));
    return String.format(Locale.ROOT, "scenario %s: %s; %d key(s); objective %.0f ms; clients retry %d times with backoff",
        s.scenario(), capacity, s.keys(), s.objectiveNanos() / 1e6, s.retry().maxAttempts() - 1);
  }

  /** {@code 2d}, {@code 58d 14h}, {@code 1h 30m}, {@code 45s}: the largest two units that matter. */
  static String duration(java.time.Duration d) {
    long s = d.toSeconds();
    if (s >= 86_400) {
      long h = (s % 86_400) / 3600;
      return s / 86_400 + "d" + (h == 0 ? "" : " " + h + "h");
    }
    if (s >= 3600) {
      long m = (s % 3600) / 60;
      return s / 3600 + "h" + (m == 0 ? "" : " " + m + "m");
    }
    return s >= 60 ? s / 60 + "m" : s + "s";
  }

  static String rate(double perSecond) {
    return perSecond >= 100 ? String.format(Locale.ROOT, "%.0f/s", perSecond)
        : String.format(Locale.ROOT, "%.2f/s", perSecond);
  }
}
