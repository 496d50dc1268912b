package dev.headroom.engine.limiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.engine.clock.ManualClock;
import org.junit.jupiter.api.Test;

class LimiterRegistryTest {

  private final ManualClock clock = new ManualClock(1_000_000_000_000L);
  private final TokenBucket template = TokenBucket.of(Rate.perSecond(1), 3);

  private LimiterRegistry registry(int maxKeys) {
    return LimiterRegistry.builder(template).clock(clock).maxKeys(maxKeys).maxKeyLength(64).build();
  }

  @Test
  void keysAreIndependentAndCreatedLazily() {
    LimiterRegistry r = registry(100);
    assertEquals(0, r.size());
    assertTrue(r.tryAcquire("a", 3));
    assertFalse(r.tryAcquire("a", 1));
    assertTrue(r.tryAcquire("b", 1));
    assertEquals(2, r.decide("b", 1).remaining() + 1);
    assertEquals(2, r.size());
  }

  @Test
  void evictsOnlyKeysAtRestAndLosesNothing() {
    LimiterRegistry r = registry(100);
    r.tryAcquire("busy", 3);
    r.tryAcquire("idle", 1);
    clock.advance(1_000_000_000L);  // "idle" is full again, "busy" holds 1 of 3
    assertEquals(1, r.evictIdle());
    assertEquals(1, r.size());
    assertEquals(1, r.peek("busy", 1).remaining() + 1);
    assertEquals(3, r.peek("idle", 1).remaining() + 1, "an evicted key comes back exactly as it was: full");
  }

  @Test
  void reconfiguredKeysAreEvictedOnceAtRest() {
    LimiterRegistry r = registry(100);
    r.setRate("vip", Rate.perSecond(50));
    assertTrue(r.tryAcquire("vip", 2));
    assertEquals(Rate.perSecond(50), ((TokenBucket) r.config("vip")).rate());
    assertEquals(0, r.evictIdle(), "a key still refilling holds tokens: kept");
    assertEquals(Rate.perSecond(50), ((TokenBucket) r.config("vip")).rate());
    clock.advance(1_000_000_000L); // full again at 50/s
    assertEquals(1, r.evictIdle(), "a reconfigured key at rest is dropped by the routine sweep");
    assertEquals(0, r.size());
    assertSame(template, r.config("vip"));
  }

  @Test
  void setRateIfPresentNeverRecreatesAKey() {
    LimiterRegistry r = registry(100);
    assertFalse(r.setRateIfPresent("gone", Rate.perSecond(50)), "an absent key is not created");
    assertEquals(0, r.size());
    assertTrue(r.tryAcquire("here", 3));
    assertTrue(r.setRateIfPresent("here", Rate.perSecond(50)));
    assertEquals(Rate.perSecond(50), ((TokenBucket) r.config("here")).rate());
    clock.advance(1_000_000_000L);
    assertEquals(1, r.evictIdle());
    assertFalse(r.setRateIfPresent("here", Rate.perSecond(7)), "an evicted key stays evicted");
    assertEquals(0, r.size());
    assertNull(r.reconfigureIfPresent("here", l -> l, Inheritance.AS_IS));
  }

  @Test
  void decideIfRoomTellsAFullRegistryApart() {
    LimiterRegistry r = registry(1);
    assertTrue(r.decideIfRoom("a", 1).allowed());
    assertNull(r.decideIfRoom("b", 1), "no room for a new key while 'a' is busy");
    assertEquals(1, r.overflowDenials());
    assertFalse(r.decideIfRoom("a", 3).allowed(), "an existing key is refused by its limit, not by the cap");
  }

  @Test
  void boundedMemoryDeniesNewKeysWhenEveryKeyIsBusy() {
    LimiterRegistry r = registry(2);
    assertTrue(r.tryAcquire("a", 1));
    assertTrue(r.tryAcquire("b", 1));
    assertFalse(r.tryAcquire("c", 1), "third key while both are busy");
    assertEquals(1, r.overflowDenials());
    assertFalse(r.decide("c", 1).allowed());
    clock.advance(5_000_000_000L);  // a and b are at rest now: room is made inline
    assertTrue(r.tryAcquire("c", 1));
    assertTrue(r.size() <= 2);
  }

  @Test
  void badKeysGetClearErrors() {
    LimiterRegistry r = registry(10);
    IllegalArgumentException tooLong =
        assertThrows(IllegalArgumentException.class, () -> r.tryAcquire("k".repeat(65), 1));
    assertTrue(tooLong.getMessage().contains("65 characters"), tooLong.getMessage());
    assertThrows(IllegalArgumentException.class, () -> r.tryAcquire("", 1));
    assertThrows(IllegalArgumentException.class, () -> r.tryAcquire(null, 1));
    IllegalArgumentException cost =
        assertThrows(IllegalArgumentException.class, () -> r.tryAcquire("ok", 4));
    assertTrue(cost.getMessage().contains("cost must be between 1 and 3"), cost.getMessage());
  }

  @Test
  void concurrencyLimitsAreReleasedPerKey() {
    LimiterRegistry r = LimiterRegistry.builder(ConcurrencyLimit.of(2)).clock(clock).build();
    assertTrue(r.tryAcquire("db", 2));
    assertFalse(r.tryAcquire("db", 1));
    r.release("db", 1);
    assertTrue(r.tryAcquire("db", 1));
    r.release("db", 2);
    IllegalStateException twice = assertThrows(IllegalStateException.class, () -> r.release("db", 1));
    assertTrue(twice.getMessage().contains("released twice"), twice.getMessage());
  }
}
