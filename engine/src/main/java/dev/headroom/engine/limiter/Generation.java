package dev.headroom.engine.limiter;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One configuration of a key and the state it has under it.
 *
 * <p>Reconfiguration never mutates a generation: it publishes a new one. To move a key from this
 * generation to the next without locks, the reconfiguring thread (1) records a {@link Transition}
 * in {@link #pending}, (2) seals the state by setting its odd bit, so no request can consume under
 * the old configuration any more, (3) works out the next generation's state with the inheritance
 * rule, and (4) publishes the next generation where this one was. Every step is deterministic, so a
 * request that finds a sealed state does the remaining steps itself instead of waiting: a thread
 * stalled in the middle of a reconfiguration never blocks anyone.
 *
 * <p>A sealed state with no pending transition means the key was retired by eviction.
 */
final class Generation {

  static final int DENIED = 0;
  static final int ALLOWED = 1;
  static final int SEALED = 2;

  /** The next generation's state until a helper has computed it; odd, so it reads as sealed. */
  private static final long UNSET = 1L;

  private static final VarHandle STATE;
  private static final VarHandle PENDING;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      STATE = lookup.findVarHandle(Generation.class, "state", long.class);
      PENDING = lookup.findVarHandle(Generation.class, "pending", Transition.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final PackedLimit limit;
  private volatile long state;
  private volatile Transition pending;

  Generation(PackedLimit limit, long state) {
    this.limit = limit;
    this.state = state;
  }

  private static Generation unset(PackedLimit limit) {
    return new Generation(limit, UNSET);
  }

  /** The hot path: one read, one pure computation, one CAS. Returns ALLOWED, DENIED or SEALED. */
  int tryAcquire(long nowNanos, long cost) {
    PackedLimit l = limit;
    for (; ; ) {
      long s = state;
      if ((s & 1L) != 0) {
        return SEALED;
      }
      long next = l.tryConsume(s, nowNanos, cost);
      if (next == PackedLimit.DENIED) {
        return DENIED;
      }
      if (STATE.weakCompareAndSet(this, s, next)) {
        return ALLOWED;
      }
    }
  }

  /** Like {@link #tryAcquire} with the full decision; {@code null} when the state is sealed. */
  Decision decide(long nowNanos, long cost) {
    PackedLimit l = limit;
    for (; ; ) {
      long s = state;
      if ((s & 1L) != 0) {
        return null;
      }
      long next = l.tryConsume(s, nowNanos, cost);
      if (next == PackedLimit.DENIED) {
        return l.describe(s, nowNanos, cost, false);
      }
      if (STATE.weakCompareAndSet(this, s, next)) {
        return l.describe(next, nowNanos, cost, true);
      }
    }
  }

  /** Gives back {@code cost}; false when the state is sealed (the caller helps and retries). */
  boolean release(long cost) {
    for (; ; ) {
      long s = state;
      if ((s & 1L) != 0) {
        return false;
      }
      if (STATE.weakCompareAndSet(this, s, limit.release(s, cost))) {
        return true;
      }
    }
  }

  /** The current state, unsealed; for read-only views such as remaining tokens. */
  long stateForReading() {
    return state & ~1L;
  }

  boolean isSealed() {
    return (state & 1L) != 0;
  }

  boolean isRetired() {
    return isSealed() && pending == null;
  }

  Transition pending() {
    return pending;
  }

  /**
   * Starts moving this key to {@code next} at {@code nowNanos}; false if another transition (or a
   * retirement) got there first, in which case the caller helps that one and tries again.
   */
  Transition begin(PackedLimit next, Inheritance rule, long nowNanos) {
    // Checked here, not in inherit(): a transition that cannot complete would seal the key for good.
    if (next.getClass() != limit.getClass()) {
      next.sameKind(limit, next.getClass());
    }
    Transition t = new Transition(unset(next), rule, nowNanos);
    return PENDING.compareAndSet(this, (Transition) null, t) ? t : null;
  }

  /**
   * Steps 2 and 3 of a transition, idempotent so that any thread can run them: seals this state and
   * fills in the next generation's state. Returns the next generation, ready to publish.
   */
  Generation completeTransition() {
    Transition t = pending;
    long s;
    do {
      s = state;
    } while ((s & 1L) == 0 && !STATE.compareAndSet(this, s, s | 1L));
    long sealed = state & ~1L;
    Generation next = t.next();
    if (next.state == UNSET) {
      long inherited = next.limit.inherit(sealed, limit, t.atNanos(), t.rule());
      STATE.compareAndSet(next, UNSET, inherited);
    }
    return next;
  }

  /**
   * Retires a key whose state is at rest (the same as a new key's), so that it can be dropped from a
   * registry without losing anything: a request that still holds this generation finds it sealed
   * and looks the key up again.
   */
  boolean retireIfAtRest(long nowNanos) {
    for (; ; ) {
      long s = state;
      if ((s & 1L) != 0 || pending != null || !limit.atRest(s, nowNanos)) {
        return false;
      }
      if (STATE.compareAndSet(this, s, s | 1L)) {
        return true;
      }
    }
  }

  /** A pending move to the next generation: what it is, by which rule, and at what time. */
  record Transition(Generation next, Inheritance rule, long atNanos) {}
}
