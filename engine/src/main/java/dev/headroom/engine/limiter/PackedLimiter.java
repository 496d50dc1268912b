package dev.headroom.engine.limiter;

import dev.headroom.engine.clock.Clock;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A stand-alone limiter: one {@link PackedLimit} configuration and its state, on a clock.
 * Thread-safe without locks; a request costs one clock read and one compare-and-set.
 *
 * <pre>{@code
 * PackedLimiter bucket = TokenBucket.of(Rate.perSecond(100), 200).limiter(Clock.system());
 * Decision d = bucket.decide(1);
 * bucket.setRate(Rate.perSecond(250));   // tokens carried over proportionally
 * }</pre>
 */
public final class PackedLimiter implements Limiter {

  private static final VarHandle CURRENT;

  static {
    try {
      CURRENT = MethodHandles.lookup().findVarHandle(PackedLimiter.class, "current", Generation.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Clock clock;
  private volatile Generation current;

  PackedLimiter(PackedLimit limit, Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.current = new Generation(Objects.requireNonNull(limit, "limit"), limit.initialState(clock.nanos()));
  }

  @Override
  public Decision decide(long cost) {
    long now = clock.nanos();
    for (; ; ) {
      Generation g = current;
      Decision d = g.decide(now, cost);
      if (d != null) {
        return d;
      }
      help(g);
    }
  }

  @Override
  public boolean tryAcquire(long cost) {
    long now = clock.nanos();
    for (; ; ) {
      Generation g = current;
      int outcome = g.tryAcquire(now, cost);
      if (outcome != Generation.SEALED) {
        return outcome == Generation.ALLOWED;
      }
      help(g);
    }
  }

  /** What {@link #decide} would answer now, without consuming anything. */
  public Decision peek(long cost) {
    long now = clock.nanos();
    Generation g = current;
    return g.limit.peek(g.stateForReading(), now, cost);
  }

  /** Gives back {@code cost} taken earlier (concurrency limits). */
  public void release(long cost) {
    for (; ; ) {
      Generation g = current;
      if (g.release(cost)) {
        return;
      }
      help(g);
    }
  }

  @Override
  public long limit() {
    return current.limit.limit();
  }

  /** The raw state, for tests that check exact token arithmetic. */
  long state() {
    return current.stateForReading();
  }

  /** The configuration in force. */
  public PackedLimit config() {
    return current.limit;
  }

  /**
   * Replaces the configuration, carrying the state over by {@code rule}. {@code change} maps the
   * configuration in force to the new one; it may run more than once under contention, so it must
   * be pure. Returns the configuration installed.
   */
  public PackedLimit reconfigure(UnaryOperator<PackedLimit> change, Inheritance rule) {
    Objects.requireNonNull(rule, "rule");
    for (; ; ) {
      Generation g = current;
      if (g.pending() != null) {
        help(g);
        continue;
      }
      PackedLimit next = Objects.requireNonNull(change.apply(g.limit), "new configuration");
      if (g.begin(next, rule, clock.nanos()) != null) {
        help(g);
        return next;
      }
    }
  }

  /** Changes the refill rate, keeping the tokens held ({@link Inheritance#PROPORTIONAL} with the same burst). */
  public void setRate(Rate rate) {
    setRate(rate, Inheritance.PROPORTIONAL);
  }

  public void setRate(Rate rate, Inheritance rule) {
    Objects.requireNonNull(rate, "rate");
    reconfigure(limit -> RefillLimit.of(limit).withRate(rate), rule);
  }

  /** Changes the burst; by default the bucket keeps its fill fraction ({@link Inheritance#PROPORTIONAL}). */
  public void setBurst(long burst) {
    setBurst(burst, Inheritance.PROPORTIONAL);
  }

  public void setBurst(long burst, Inheritance rule) {
    reconfigure(limit -> RefillLimit.of(limit).withBurst(burst), rule);
  }

  private void help(Generation g) {
    if (g.pending() == null) {
      throw new IllegalStateException("a stand-alone limiter's state is sealed with no transition");
    }
    CURRENT.compareAndSet(this, g, g.completeTransition());
  }
}
