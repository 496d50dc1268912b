package dev.headroom.engine.limiter;

import dev.headroom.engine.clock.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;

/**
 * Limiters by key (API key, client IP, tenant), created on first use from a template, with bounded
 * memory.
 *
 * <p>A key costs one map entry and one {@link Generation} (a long of state and a reference to its
 * configuration, shared with the template until the key is reconfigured): about 100 bytes with a
 * short key. Keys whose state is at rest, the same as a new key's (a full bucket, an empty window),
 * are evicted by {@link #evictIdle}: dropping them changes no decision, because the key would be
 * recreated in exactly that state. A request that still holds an evicted key's generation finds it
 * sealed and looks the key up again, so eviction never loses a consumed token.
 *
 * <p>At {@code maxKeys}, a new key triggers an eviction pass (at most one a second); if every key is
 * busy, requests for new keys are denied and counted in {@link #overflowDenials()}. Under a flood
 * of random keys that is the safe answer: existing keys keep their limits, memory stays bounded.
 */
public final class LimiterRegistry {

  private static final long INLINE_EVICTION_INTERVAL_NANOS = 1_000_000_000L;

  private volatile PackedLimit template; // replaced only by reconfigureAll
  private final Clock clock;
  private final int maxKeys;
  private final int maxKeyLength;
  private final ConcurrentHashMap<String, Generation> keys;
  private final LongAdder overflowDenials = new LongAdder();
  private final AtomicLong lastInlineEviction;

  private LimiterRegistry(Builder b) {
    this.template = b.template;
    this.clock = b.clock;
    this.maxKeys = b.maxKeys;
    this.maxKeyLength = b.maxKeyLength;
    this.keys = new ConcurrentHashMap<>(Math.min(b.maxKeys, 1 << 16));
    this.lastInlineEviction = new AtomicLong(clock.nanos() - INLINE_EVICTION_INTERVAL_NANOS);
  }

  public static Builder builder(PackedLimit template) {
    return new Builder(template);
  }

  public PackedLimit template() {
    return template;
  }

  /** Tries to take {@code cost} for {@code key}; false when denied (or when the registry is full). */
  public boolean tryAcquire(String key, long cost) {
    long now = clock.nanos();
    for (; ; ) {
      Generation g = lookup(key, now);
      if (g == null) {
        return false;
      }
      int outcome = g.tryAcquire(now, cost);
      if (outcome != Generation.SEALED) {
        return outcome == Generation.ALLOWED;
      }
      settle(key, g);
    }
  }

  /** Tries to take {@code cost} for {@code key} and tells the whole decision. */
  public Decision decide(String key, long cost) {
    long now = clock.nanos();
    for (; ; ) {
      Generation g = lookup(key, now);
      if (g == null) {
        return Decision.denied(template.limit(), 0, 0, INLINE_EVICTION_INTERVAL_NANOS);
      }
      Decision d = g.decide(now, cost);
      if (d != null) {
        return d;
      }
      settle(key, g);
    }
  }

  /** What {@link #decide} would answer now, without consuming and without creating the key. */
  public Decision peek(String key, long cost) {
    checkKey(key);
    long now = clock.nanos();
    Generation g = keys.get(key);
    return g == null
        ? template.peek(template.initialState(now), now, cost)
        : g.limit.peek(g.stateForReading(), now, cost);
  }

  /** Gives back {@code cost} for {@code key} (concurrency limits). */
  public void release(String key, long cost) {
    for (; ; ) {
      Generation g = keys.get(key);
      if (g == null) {
        throw new IllegalStateException("release for key '" + key + "', which holds nothing");
      }
      if (g.release(cost)) {
        return;
      }
      settle(key, g);
    }
  }

  /**
   * Replaces {@code key}'s configuration, carrying its state over by {@code rule}; creates the key
   * if needed. {@code change} may run more than once under contention, so it must be pure.
   */
  public PackedLimit reconfigure(String key, UnaryOperator<PackedLimit> change, Inheritance rule) {
    Objects.requireNonNull(rule, "rule");
    long now = clock.nanos();
    for (; ; ) {
      Generation g = lookup(key, now);
      if (g == null) {
        throw new IllegalStateException("registry full (" + maxKeys + " keys): cannot add key '" + key + "'");
      }
      if (g.isSealed()) {
        settle(key, g);
        continue;
      }
      PackedLimit next = Objects.requireNonNull(change.apply(g.limit), "new configuration");
      if (g.begin(next, rule, now) == null) {
        continue;
      }
      Generation published = g.completeTransition();
      // Published by us, or by a request that helped; a generation that was ever published and has
      // since been superseded is sealed. Otherwise g had been evicted: apply the change again.
      if (keys.replace(key, g, published) || keys.get(key) == published || published.isSealed()) {
        return next;
      }
    }
  }

  /**
   * A configuration reload: keys created from now on take {@code newTemplate}, and every resident
   * key is reconfigured by {@code change} with its state carried over by {@code rule}. A key
   * created concurrently from the old template just before the switch may miss the change; the next
   * reload or policy step catches it up. Returns how many keys were reconfigured.
   */
  public int reconfigureAll(PackedLimit newTemplate, UnaryOperator<PackedLimit> change, Inheritance rule) {
    Objects.requireNonNull(newTemplate, "newTemplate");
    template = newTemplate;
    int n = 0;
    for (String key : keys.keySet()) {
      if (keys.containsKey(key)) {
        reconfigure(key, change, rule);
        n++;
      }
    }
    return n;
  }

  /** Resident keys, for the admin API and reloads; weakly consistent under concurrent change. */
  public java.util.Set<String> keys() {
    return java.util.Collections.unmodifiableSet(keys.keySet());
  }

  public void setRate(String key, Rate rate) {
    Objects.requireNonNull(rate, "rate");
    reconfigure(key, limit -> RefillLimit.of(limit).withRate(rate), Inheritance.PROPORTIONAL);
  }

  /**
   * Sets {@code key}'s rate only if the key is resident, and says whether it was. A policy must not
   * bring back a key the registry evicted: that would make every key ever seen live forever, and a
   * returning key starts from the template's rate anyway. (A key evicted between the check and the
   * change comes back once, and is evicted again at rest.)
   */
  public boolean setRateIfPresent(String key, Rate rate) {
    if (key == null || !keys.containsKey(key)) {
      return false;
    }
    setRate(key, rate);
    return true;
  }

  /** The configuration in force for {@code key}: its own if reconfigured, else the template. */
  public PackedLimit config(String key) {
    Generation g = keys.get(key);
    return g == null ? template : g.limit;
  }

  /** Keys resident now. */
  public int size() {
    return (int) Math.min(Integer.MAX_VALUE, keys.mappingCount());
  }

  /** Requests denied because the registry was full of busy keys. */
  public long overflowDenials() {
    return overflowDenials.sum();
  }

  /**
   * Drops keys whose state is at rest and whose configuration is the template's: nothing is lost.
   * Returns how many were dropped. Call it from a timer; it walks every key.
   */
  public int evictIdle() {
    return evict(false);
  }

  /**
   * Also drops at-rest keys that were reconfigured; their own configuration is forgotten, so use it
   * only when memory is short (the registry does when full).
   */
  public int evictIdleIncludingReconfigured() {
    return evict(true);
  }

  private int evict(boolean includeReconfigured) {
    long now = clock.nanos();
    int evicted = 0;
    for (Map.Entry<String, Generation> e : keys.entrySet()) {
      Generation g = e.getValue();
      if ((includeReconfigured || g.limit == template)
          && g.retireIfAtRest(now)
          && keys.remove(e.getKey(), g)) {
        evicted++;
      }
    }
    return evicted;
  }

  private Generation lookup(String key, long now) {
    Generation g = key == null ? null : keys.get(key);
    if (g != null) {
      return g;
    }
    checkKey(key);
    if (keys.mappingCount() >= maxKeys && !makeRoom(now)) {
      overflowDenials.increment();
      return null;
    }
    return keys.computeIfAbsent(key, k -> new Generation(template, template.initialState(now)));
  }

  private boolean makeRoom(long now) {
    long last = lastInlineEviction.get();
    if (now - last >= INLINE_EVICTION_INTERVAL_NANOS && lastInlineEviction.compareAndSet(last, now)) {
      evict(true);
    }
    return keys.mappingCount() < maxKeys;
  }

  /** Finishes what sealed {@code g}: publishes its successor, or removes it if it was retired. */
  private void settle(String key, Generation g) {
    if (g.pending() != null) {
      keys.replace(key, g, g.completeTransition());
    } else {
      keys.remove(key, g);
    }
  }

  private void checkKey(String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("key is missing or empty");
    }
    if (key.length() > maxKeyLength) {
      throw new IllegalArgumentException("key is " + key.length() + " characters long; the limit is "
          + maxKeyLength + " (starts with '" + key.substring(0, 32) + "...')");
    }
  }

  /** Options for a {@link LimiterRegistry}. */
  public static final class Builder {
    private final PackedLimit template;
    private Clock clock = Clock.system();
    private int maxKeys = 1_000_000;
    private int maxKeyLength = 256;

    private Builder(PackedLimit template) {
      this.template = Objects.requireNonNull(template, "template");
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Most keys resident at once (default 1,000,000). */
    public Builder maxKeys(int maxKeys) {
      if (maxKeys < 1) {
        throw new IllegalArgumentException("maxKeys must be at least 1, got " + maxKeys);
      }
      this.maxKeys = maxKeys;
      return this;
    }

    /** Longest key accepted, in characters (default 256). */
    public Builder maxKeyLength(int maxKeyLength) {
      if (maxKeyLength < 1) {
        throw new IllegalArgumentException("maxKeyLength must be at least 1, got " + maxKeyLength);
      }
      this.maxKeyLength = maxKeyLength;
      return this;
    }

    public LimiterRegistry build() {
      return new LimiterRegistry(this);
    }
  }
}
