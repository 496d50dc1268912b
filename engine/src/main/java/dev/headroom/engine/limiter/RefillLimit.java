package dev.headroom.engine.limiter;

/** A limit that refills at a rate up to a burst (token bucket, GCRA): the ones whose rate policies move. */
public sealed interface RefillLimit permits TokenBucket, Gcra {

  Rate rate();

  long burst();

  PackedLimit withRate(Rate rate);

  PackedLimit withBurst(long burst);

  static RefillLimit of(PackedLimit limit) {
    if (limit instanceof RefillLimit refill) {
      return refill;
    }
    throw new IllegalArgumentException(
        "a " + limit.algorithm() + " limit has no refill rate or burst to change");
  }
}
