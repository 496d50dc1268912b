package dev.headroom.engine.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The coarse clock's promises, checked by driving its tick by hand (no timing); the one test of the
 * real ticker waits for an outcome with a generous deadline instead of measuring how fast it comes.
 */
class CoarseClockTest {

  private static final long START = 1_700_000_000_000_000_000L;

  @Test
  void standsStillBetweenTicksAndTakesTheSourceTimeOnATick() {
    ManualClock source = new ManualClock(START);
    CoarseClock clock = new CoarseClock(source, Duration.ofMillis(1));
    assertEquals(START, clock.nanos());

    source.advance(2_500_000);
    assertEquals(START, clock.nanos(), "moved without a tick");
    clock.refresh();
    assertEquals(START + 2_500_000, clock.nanos());
    clock.refresh();
    assertEquals(START + 2_500_000, clock.nanos());
  }

  @Test
  void neverGoesBackEvenWhenTheSourceDoes() {
    long[] readings = {START, START + 50, START + 20, START + 20, START + 70, START - 1_000, START + 71};
    long[] expected = {START, START + 50, START + 50, START + 50, START + 70, START + 70, START + 71};
    AtomicInteger i = new AtomicInteger();
    CoarseClock clock = new CoarseClock(() -> readings[Math.min(i.getAndIncrement(), readings.length - 1)],
        Duration.ofMillis(1));
    assertEquals(expected[0], clock.nanos());
    for (int k = 1; k < readings.length; k++) {
      clock.refresh();
      assertEquals(expected[k], clock.nanos(), "after reading " + k);
    }
  }

  @Test
  void comparesLikeNanoTimeAcrossTheSignBoundary() {
    ManualClock source = new ManualClock(Long.MAX_VALUE - 10);
    CoarseClock clock = new CoarseClock(source, Duration.ofMillis(1));
    source.advance(20);
    clock.refresh();
    assertEquals(Long.MIN_VALUE + 9, clock.nanos(), "a wrap is time moving on, not back");
  }

  @Test
  void rejectsATickItCannotKeep() {
    ManualClock source = new ManualClock(START);
    IllegalArgumentException fine = assertThrows(IllegalArgumentException.class,
        () -> new CoarseClock(source, Duration.ofNanos(1_000)));
    assertTrue(fine.getMessage().contains("tick must be between 10000 ns and 1 s"), fine.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new CoarseClock(source, Duration.ofSeconds(2)));
    assertThrows(NullPointerException.class, () -> new CoarseClock(source, null));
    assertThrows(NullPointerException.class, () -> new CoarseClock(null, Duration.ofMillis(1)));
  }

  @Test
  void theTickerFollowsTheSourceUntilClosed() throws InterruptedException {
    ManualClock source = new ManualClock(START);
    CoarseClock clock = CoarseClock.start(source, Duration.ofMillis(1));
    Thread ticker = clock.ticker();
    try {
      assertTrue(ticker.isDaemon(), "the ticker must not keep the JVM alive");
      assertEquals(Duration.ofMillis(1), clock.tick());
      source.advance(5_000_000_000L);
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (clock.nanos() != START + 5_000_000_000L && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      assertEquals(START + 5_000_000_000L, clock.nanos(), "the ticker never published the source's time");
    } finally {
      clock.close();
    }
    assertFalse(ticker.isAlive(), "close() returned with the ticker still running");
    source.advance(1);
    assertEquals(START + 5_000_000_000L, clock.nanos(), "a closed clock stands still");
    clock.close();
  }
}
