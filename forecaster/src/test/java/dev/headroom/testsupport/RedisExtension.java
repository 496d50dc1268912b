/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.testsupport;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Injects a real, shared {@link RedisServer} into tests.
 *
 * <pre>{@code
 * @ExtendWith(RedisExtension.class)
 * class LimiterIT {
 *   @Test
 *   void counts(RedisServer redis) {
 *     try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
 *       ...
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>A parameter of type {@code RedisServer} can be declared on test methods, constructors,
 * {@code @BeforeAll}/{@code @BeforeEach} methods and so on. The server is started once per test
 * JVM, on first use, shared by every test class that uses this extension, and stopped (its folder
 * deleted) when the whole run ends. Tests sharing it should use keys of their own (a prefix per
 * test) rather than FLUSHALL, which would break tests running in parallel. If a test stopped the
 * server, the next test that resolves the parameter gets it started again (empty: Redis runs
 * without persistence here).
 *
 * <p>Jedis is a test dependency of the forecaster module only: a module using this extension with
 * Jedis declares {@code redis.clients:jedis} itself. redis-server must be on PATH (Debian package
 * {@code redis-server}; {@code ./headroom test} installs it).
 */
public final class RedisExtension extends SharedServerExtension<RedisServer> {

  public RedisExtension() {
    super(RedisServer.class, RedisServer::launch);
  }

  /**
   * The server shared by the test run that {@code context} belongs to, launched on first call and
   * running on return. For other extensions; tests take it as a parameter.
   */
  public static RedisServer server(ExtensionContext context) {
    return shared(context, RedisServer.class, RedisServer::launch);
  }
}
