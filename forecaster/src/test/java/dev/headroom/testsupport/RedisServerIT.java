/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/** Runs real commands on a real redis-server through Jedis. */
@ExtendWith(RedisExtension.class)
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class RedisServerIT {

  /** Takes a bucket token if one is left: returns the tokens left after taking, or -1. */
  private static final String TAKE = """
      local left = tonumber(redis.call('GET', KEYS[1]) or ARGV[1])
      if left <= 0 then return -1 end
      redis.call('SET', KEYS[1], left - 1)
      return left - 1
      """;

  private final RedisServer redis;
  private Jedis jedis;

  RedisServerIT(RedisServer redis) {
    this.redis = redis;
  }

  @BeforeEach
  void connect() {
    jedis = new Jedis(new HostAndPort(redis.host(), redis.port()), DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(2_000)
        .socketTimeoutMillis(5_000)
        .build());
  }

  @AfterEach
  void disconnect() {
    jedis.close();
  }

  @Test
  void oneServerPerJvmOnLoopback(RedisServer injected) {
    assertSame(redis, injected);
    assertTrue(redis.isRunning());
    assertEquals("127.0.0.1", redis.host());
    assertEquals("redis://127.0.0.1:" + redis.port(), redis.uri());
    assertEquals("PONG", jedis.ping());
  }

  @Test
  void setGetAndIncr() {
    assertEquals("OK", jedis.set("it:set", "headroom"));
    assertEquals("headroom", jedis.get("it:set"));
    assertNull(jedis.get("it:missing"));
    assertEquals(1, jedis.incr("it:counter"));
    assertEquals(2, jedis.incr("it:counter"));
    assertEquals("2", jedis.get("it:counter"));
  }

  @Test
  void evalRunsLua() {
    List<String> keys = List.of("it:bucket");
    List<String> capacity = List.of("3");
    assertEquals(2L, jedis.eval(TAKE, keys, capacity));
    assertEquals(1L, jedis.eval(TAKE, keys, capacity));
    assertEquals(0L, jedis.eval(TAKE, keys, capacity));
    assertEquals(-1L, jedis.eval(TAKE, keys, capacity));
    assertEquals("0", jedis.get("it:bucket"));
  }
}
