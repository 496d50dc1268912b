package dev.headroom.engine.limiter;

/**
 * What happens to the tokens already in a bucket when its rate or burst changes. The predictive
 * engine changes rates every minute, so the rule must be explicit: none of them invents tokens
 * except {@link #RESET}, which says so, and none loses them except where the new burst is smaller
 * than what the bucket held.
 *
 * <p>Example: a bucket with burst 100 holds 40 tokens; the burst becomes 200.
 * PROPORTIONAL gives 80, AS_IS 40, ADDITIVE 140, RESET 200.
 */
public enum Inheritance {
  /** Keep the bucket's fill fraction: tokens x newBurst / oldBurst. The default: a half-full bucket stays half full. */
  PROPORTIONAL,
  /** Keep the token count, capped at the new burst. */
  AS_IS,
  /** When the burst grows, add the difference to the tokens; when it shrinks, cap at the new burst. */
  ADDITIVE,
  /** Start full at the new burst, forgetting what was consumed. */
  RESET
}
