package dev.headroom.engine.limiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.engine.clock.ManualClock;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * GCRA against a transcription of NGINX's ngx_http_limit_req_module arithmetic (excess in
 * thousandths of a request, time in milliseconds). With millisecond steps and rates whose emission
 * interval is a whole number of our 1/16 ns units (rates dividing 8 x 10^9 per second) both are
 * exact, so every decision must match. For other rates ours rounds the interval up by under 1/16 ns
 * (never admitting above the rate), which can flip a decision that falls exactly on a boundary.
 */
class GcraNginxTest {

  /** ngx_http_limit_req_lookup / _account, reduced to one key. Rates in requests per second. */
  static final class NginxLimitReq {
    final long rateMilli;   // ctx->rate: requests per second x 1000
    final long burstMilli;  // limit->burst
    final long delayMilli;  // limit->delay
    long excess;
    long lastMs;
    boolean seen;

    NginxLimitReq(long ratePerSecond, long burst, long delay) {
      this.rateMilli = ratePerSecond * 1000;
      this.burstMilli = burst * 1000;
      this.delayMilli = delay * 1000;
    }

    /** Returns -1 when rejected (NGX_BUSY), otherwise the delay in ms. */
    long request(long nowMs) {
      long e;
      if (!seen) {
        e = 0;
      } else {
        long ms = nowMs - lastMs;
        e = excess - rateMilli * ms / 1000 + 1000;
        if (e < 0) {
          e = 0;
        }
      }
      if (e > burstMilli) {
        return -1;
      }
      seen = true;
      excess = e;
      lastMs = nowMs;
      return e <= delayMilli ? 0 : (e - delayMilli) * 1000 / rateMilli;
    }
  }

  @Test
  void matchesNginxOnRandomTraffic() {
    Random random = new Random(20261126);
    for (int run = 0; run < 300; run++) {
      long[] exactRates = {1, 2, 4, 5, 8, 10, 16, 20, 25, 32, 40, 50, 64, 80, 100, 125, 160, 200, 250, 500};
      long rate = exactRates[random.nextInt(exactRates.length)];
      long burst = random.nextInt(20);
      long delay = random.nextInt((int) burst + 1);
      NginxLimitReq nginx = new NginxLimitReq(rate, burst, delay);
      long startMs = 1_700_000_000_000L;
      ManualClock clock = new ManualClock(startMs * 1_000_000L);
      PackedLimiter gcra = Gcra.of(new Rate(rate, 1_000_000_000L), burst, delay).limiter(clock);
      long nowMs = startMs;
      for (int i = 0; i < 400; i++) {
        long gapMs = random.nextInt(4) == 0 ? random.nextInt(3000) : random.nextInt(40);
        nowMs += gapMs;
        clock.advance(gapMs * 1_000_000L);
        long expected = nginx.request(nowMs);
        Decision d = gcra.decide(1);
        String where = "run " + run + " request " + i + " (rate " + rate + ", burst " + burst
            + ", delay " + delay + ")";
        assertEquals(expected >= 0, d.allowed(), where);
        if (expected >= 0) {
          // NGINX truncates the delay to whole milliseconds; ours is exact to the nanosecond.
          assertTrue(d.delayNanos() >= expected * 1_000_000L
              && d.delayNanos() < (expected + 1) * 1_000_000L, where + ": delay " + d.delayNanos());
        }
      }
    }
  }

  @Test
  void idleKeyTakesBurstPlusOneAtOnce() {
    ManualClock clock = new ManualClock(0);
    PackedLimiter gcra = Gcra.noDelay(Rate.perSecond(10), 5).limiter(clock);
    for (int i = 0; i < 6; i++) {
      Decision d = gcra.decide(1);
      assertEquals(true, d.allowed(), "request " + i);
      assertEquals(0, d.delayNanos());
    }
    Decision denied = gcra.decide(1);
    assertEquals(false, denied.allowed());
    assertEquals(100_000_000L, denied.retryAfterNanos());
    assertEquals(6, denied.limit());
  }

  @Test
  void costCountsAsThatManyRequestsArrivingTogether() {
    ManualClock clock = new ManualClock(0);
    PackedLimiter a = Gcra.of(Rate.perSecond(10), 4, 1).limiter(clock);
    PackedLimiter b = Gcra.of(Rate.perSecond(10), 4, 1).limiter(clock);
    Decision together = a.decide(3);
    Decision last = null;
    for (int i = 0; i < 3; i++) {
      last = b.decide(1);
    }
    assertEquals(last, together);
    assertThrows(IllegalArgumentException.class, () -> a.decide(6));
  }
}
