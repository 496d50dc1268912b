package dev.headroom.bench.limiter;

import java.util.Optional;

/**
 * The limiters measured side by side, in the order they are reported. Each has a hot-key and a
 * keyed benchmark in {@link LimiterThroughput}, named {@code METHOD + "Hot"} and
 * {@code METHOD + "Keyed"}, unless it cannot be measured fairly (then {@link #unsupported} says why).
 */
public enum Contender {
  HEADROOM_TOKEN_BUCKET("headroom token-bucket tryAcquire", "headroomTokenBucket", true, null),
  HEADROOM_GCRA("headroom gcra tryAcquire", "headroomGcra", true, null),
  HEADROOM_DECIDE("headroom token-bucket decide", "headroomDecide", true, null),
  BUCKET4J("bucket4j tryConsume", "bucket4j", false, null),
  GUAVA("guava tryAcquire", "guava", false, null),
  RESILIENCE4J("resilience4j acquirePermission", "resilience4j", false, null),
  SENTINEL("sentinel SphU.entry+exit", "sentinel", false,
      "not measured: sentinel-core has no per-key limiter. Per-key limits need Sentinel's hot-parameter "
          + "module (sentinel-parameter-flow-control, not a dependency here), and one resource per key "
          + "stops at 6,000 resources (Constants.MAX_SLOT_CHAIN_SIZE), past which SphU.entry checks no "
          + "rule at all, so it would admit everything for free");

  /** The two rivals every Headroom row is compared with, and the targets set for them. */
  public static final Contender PRIMARY_BASELINE = BUCKET4J;
  public static final Contender SECONDARY_BASELINE = GUAVA;

  private final String label;
  private final String method;
  private final boolean headroom;
  private final String keyedUnsupported;

  Contender(String label, String method, boolean headroom, String keyedUnsupported) {
    this.label = label;
    this.method = method;
    this.headroom = headroom;
    this.keyedUnsupported = keyedUnsupported;
  }

  /** How the row is named in the table and the report. */
  public String label() {
    return label;
  }

  /** The library, as a baseline is named in the report (bucket4j, guava, ...). */
  public String library() {
    return method.startsWith("headroom") ? "headroom" : method;
  }

  public boolean isHeadroom() {
    return headroom;
  }

  /** The JMH benchmark method for {@code shape}. */
  public String benchmark(Shape shape) {
    return method + shape.suffix;
  }

  /** Why this contender has no benchmark of {@code shape}, if it has none. */
  public Optional<String> unsupported(Shape shape) {
    return shape == Shape.KEYED ? Optional.ofNullable(keyedUnsupported) : Optional.empty();
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
