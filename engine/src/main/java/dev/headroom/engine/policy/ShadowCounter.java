package dev.headroom.engine.policy;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts, request by request, how a shadow limiter (one run at a candidate policy's rate, never
 * enforced) disagrees with the enforced one: the evidence a user needs before switching the
 * candidate on. Safe to record from many threads (striped adders, no locks on the hot path);
 * {@link #snapshotAndReset} closes an interval.
 */
public final class ShadowCounter {

  /**
   * One interval's counts.
   *
   * @param requests       requests seen
   * @param wouldReject    requests the shadow limiter would have rejected
   * @param newlyRejected  admitted for real, but the shadow would have rejected: the cost of switching
   * @param newlyAdmitted  rejected for real, but the shadow would have admitted: the gain
   */
  public record Counts(long requests, long wouldReject, long newlyRejected, long newlyAdmitted) {}

  private final LongAdder requests = new LongAdder();
  private final LongAdder wouldReject = new LongAdder();
  private final LongAdder newlyRejected = new LongAdder();
  private final LongAdder newlyAdmitted = new LongAdder();

  /** One request: whether the enforced limiter admitted it and whether the shadow would have. */
  public void record(boolean enforcedAllowed, boolean shadowAllowed) {
    requests.increment();
    if (!shadowAllowed) {
      wouldReject.increment();
      if (enforcedAllowed) {
        newlyRejected.increment();
      }
    } else if (!enforcedAllowed) {
      newlyAdmitted.increment();
    }
  }

  /**
   * The counts since the last call, and a fresh start. Records racing with the call land in this
   * interval or the next, never in neither.
   */
  public Counts snapshotAndReset() {
    return new Counts(requests.sumThenReset(), wouldReject.sumThenReset(), newlyRejected.sumThenReset(),
        newlyAdmitted.sumThenReset());
  }
}
