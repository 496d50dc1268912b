package dev.headroom.bench.limiter;

import java.util.Optional;

/**
 * What is measured side by side, in report order. Each has a hot-key and a keyed benchmark in
 * {@link LimiterThroughput}, named {@code METHOD + "Hot"} and {@code METHOD + "Keyed"}, unless it
 * cannot be measured fairly (then {@link #unsupported} says why).
 */
public enum Contender {
  HEADROOM_TOKEN_BUCKET(Kind.HEADROOM, "headroom token-bucket tryAcquire", null, "headroomTokenBucket", null),
  /** The same token bucket on {@link dev.headroom.engine.clock.CoarseClock} (1 ms tick) instead of the system clock. */
  HEADROOM_TOKEN_BUCKET_COARSE(Kind.HEADROOM, "headroom token-bucket tryAcquire, coarse clock (1 ms)", null,
      "headroomTokenBucketCoarse", null),
  HEADROOM_GCRA(Kind.HEADROOM, "headroom gcra tryAcquire", null, "headroomGcra", null),
  HEADROOM_DECIDE(Kind.HEADROOM, "headroom token-bucket decide", null, "headroomDecide", null),
  BUCKET4J(Kind.RIVAL, "bucket4j tryConsume", null, "bucket4j", null),
  GUAVA(Kind.RIVAL, "guava tryAcquire", null, "guava", null),
  RESILIENCE4J(Kind.RIVAL, "resilience4j acquirePermission", null, "resilience4j", null),
  SENTINEL(Kind.RIVAL, "sentinel SphU.entry+exit", null, "sentinel",
      "not measured: sentinel-core has no per-key limiter. Per-key limits need Sentinel's hot-parameter "
          + "module (sentinel-parameter-flow-control, not a dependency here), and one resource per key "
          + "stops at 6,000 resources (Constants.MAX_SLOT_CHAIN_SIZE), past which SphU.entry checks no "
          + "rule at all, so it would admit everything for free"),
  FLOOR(Kind.FLOOR, "floor: System.nanoTime()", "floor: ConcurrentHashMap.get + System.nanoTime()", "floor", null);

  /** The two rivals every Headroom row is compared with, and the targets set for them. */
  public static final Contender PRIMARY_BASELINE = BUCKET4J;
  public static final Contender SECONDARY_BASELINE = GUAVA;

  /** Headroom's limiters, the rival libraries, and the floor (no limiter: what every call costs anyway). */
  public enum Kind { HEADROOM, RIVAL, FLOOR }

  private final Kind kind;
  private final String label;
  private final String keyedLabel;
  private final String method;
  private final String keyedUnsupported;

  Contender(Kind kind, String label, String keyedLabel, String method, String keyedUnsupported) {
    this.kind = kind;
    this.label = label;
    this.keyedLabel = keyedLabel == null ? label : keyedLabel;
    this.method = method;
    this.keyedUnsupported = keyedUnsupported;
  }

  /** How the row is named in the table and the report. */
  public String label(Shape shape) {
    return shape == Shape.KEYED ? keyedLabel : label;
  }

  /** The library, as a baseline is named in the report (bucket4j, guava, ...). */
  public String library() {
    return kind == Kind.HEADROOM ? "headroom" : method;
  }

  public Kind kind() {
    return kind;
  }

  public boolean isHeadroom() {
    return kind == Kind.HEADROOM;
  }

  /** The JMH benchmark method for {@code shape}. */
  public String benchmark(Shape shape) {
    return method + shape.suffix;
  }

  /** Why this contender has no benchmark of {@code shape}, if it has none. */
  public Optional<String> unsupported(Shape shape) {
    return shape == Shape.KEYED ? Optional.ofNullable(keyedUnsupported) : Optional.empty();
  }

  /** Whether it is measured in {@code regime}: the floor, having no limit, only once (allow). */
  public boolean runsIn(Regime regime) {
    return kind != Kind.FLOOR || regime == Regime.ALLOW;
  }

  /** One hot key, or many keys picked at random. */
  public enum Shape {
    HOT("Hot"),
    KEYED("Keyed");

    final String suffix;

    Shape(String suffix) {
      this.suffix = suffix;
    }
  }
}
