/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A real {@code redis-server} for tests, on a free loopback port, in a temporary folder, with
 * persistence off ({@code save ""}, {@code appendonly no}): data lives in memory only and is gone
 * after {@link #stop()}.
 *
 * <pre>{@code
 * try (RedisServer redis = RedisServer.launch();
 *      Jedis jedis = new Jedis(redis.host(), redis.port())) {
 *   jedis.set("k", "v");
 * }
 * }</pre>
 *
 * <p>In JUnit tests prefer {@link RedisExtension}, which shares one server per test JVM; tests
 * sharing it should use their own key prefixes. The log is {@code redis.log} in
 * {@link #directory()}.
 */
public final class RedisServer extends LocalServer {

  private static final int PROBE_CONNECT_MILLIS = 500;
  private static final int PROBE_READ_MILLIS = 2000;

  private final int port;

  private RedisServer() {
    super("redis-server", "redis-server");
    this.port = freePort();
  }

  /**
   * Starts a new redis-server in a new temporary folder and waits until it answers PING.
   *
   * @throws IllegalStateException if redis-server is not on PATH
   * @throws ServerStartException if it does not answer within 30 s
   */
  public static RedisServer launch() {
    return LocalServer.launch(RedisServer::new);
  }

  /** The port on 127.0.0.1; the same after a restart. */
  public int port() {
    return port;
  }

  /** {@code redis://127.0.0.1:PORT}. */
  public String uri() {
    return "redis://" + HOST + ":" + port;
  }

  @Override
  List<String> command() {
    return List.of(executable().toString(),
        "--port", Integer.toString(port),
        "--bind", HOST,
        "--protected-mode", "yes",
        "--daemonize", "no",
        "--supervised", "no",
        "--dir", directory().toString(),
        "--logfile", log().toString(),
        "--loglevel", "notice",
        "--save", "",
        "--appendonly", "no");
  }

  @Override
  boolean answers() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, port), PROBE_CONNECT_MILLIS);
      socket.setSoTimeout(PROBE_READ_MILLIS);
      OutputStream out = socket.getOutputStream();
      out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] expected = "+PONG\r\n".getBytes(StandardCharsets.US_ASCII);
      byte[] answer = in.readNBytes(expected.length);
      return Arrays.equals(answer, expected);
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  List<Path> logFiles() {
    return List.of(log(), stderr(), stdout());
  }

  private Path log() {
    return directory().resolve("redis.log");
  }
}
