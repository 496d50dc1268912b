package dev.headroom.forecaster.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.headroom.forecaster.series.RateSeries;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestEventsTest {

  @Test
  void binsOnTheClockIncludingBeforeTheEpoch() {
    RequestEvents.Builder b = new RequestEvents.Builder(false);
    for (long t : new long[] {-1, 0, 1_999_999, 2_000_000, 5_500_000}) {
      b.add(t, null);
    }
    RequestEvents e = b.build();
    assertEquals(RateSeries.ofMillis(-2000, 2000, new double[] {1, 2, 1, 1}),
        e.bin(Duration.ofSeconds(2)));
  }

  @Test
  void sortsByTimeAndKeepsKeysAlongStably() {
    RequestEvents.Builder b = new RequestEvents.Builder(true);
    b.add(30, "x");
    b.add(10, "y");
    b.add(30, "z");
    b.add(10, "x");
    RequestEvents e = b.build();
    assertArrayEquals(new long[] {10, 10, 30, 30}, e.timesMicros());
    assertEquals(List.of("x", "y", "z"), e.keyNames());
    assertArrayEquals(new int[] {1, 0, 0, 2}, e.keyIds());
  }

  @Test
  void keysAreRefusedWhenThereIsNoKeyColumn() {
    RequestEvents.Builder b = new RequestEvents.Builder(false);
    b.add(1, null);
    RequestEvents e = b.build();
    assertThrows(IllegalStateException.class, () -> e.keyId(0));
    assertEquals(List.of(), e.keyNames());
    assertThrows(IllegalArgumentException.class, () -> e.bin(Duration.ofNanos(500)));
  }
}
