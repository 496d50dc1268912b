/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.bench.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * A Lua script for wrk: what each request is, how long a connection pauses between requests, and a
 * {@code done} hook that prints the run's exact figures on one line ({@link #REPORT_PREFIX}), so
 * that they are read from numbers rather than from wrk's rounded, unit-scaled text.
 *
 * <p>Requests that do not change are set once through {@code wrk.method/body/headers} (wrk then
 * sends a pre-built buffer); distinct keys need a {@code request()} function, which costs wrk Lua
 * work per request, so a row that uses one is compared with a baseline driven by the same script.
 */
record WrkScript(String name, String lua) {

  /** Start of the line {@code done} prints. */
  static final String REPORT_PREFIX = "HEADROOM_WRK";
  /** The decision API's body for one fixed key. */
  static final String ONE_KEY_BODY = "{\"key\":\"bench-key\",\"cost\":1}";
  /** The key the gateway rows send in X-Api-Key. */
  static final String GATEWAY_KEY = "bench-key";

  /** The same POST (JSON body) on every request. */
  static WrkScript post(String body) {
    StringBuilder lua = new StringBuilder();
    lua.append("wrk.method = \"POST\"\n");
    lua.append("wrk.headers[\"Content-Type\"] = \"application/json\"\n");
    lua.append("wrk.body = ").append(quote(body)).append('\n');
    lua.append(DONE);
    return new WrkScript("post-one-key", lua.toString());
  }

  /**
   * POSTs {@code {"key": "tT-N", "cost": 1}} where T is wrk's thread and N counts from 1 to
   * {@code keysPerThread} and starts over: that many distinct keys per thread, each new to the
   * engine the first time round.
   */
  static WrkScript distinctKeys(int keysPerThread) {
    if (keysPerThread < 1) {
      throw new IllegalArgumentException("keysPerThread must be at least 1, got " + keysPerThread);
    }
    String lua = """
        wrk.method = "POST"
        wrk.headers["Content-Type"] = "application/json"
        local threads = 0
        function setup(thread)
          thread:set("tid", threads)
          threads = threads + 1
        end
        local n = 0
        local head
        function init(args)
          head = '{"key":"t' .. tid .. '-'
        end
        function request()
          n = n + 1
          if n > %d then n = 1 end
          return wrk.format(nil, nil, nil, head .. n .. '","cost":1}')
        end
        """.formatted(keysPerThread);
    return new WrkScript("post-distinct-keys", lua + DONE);
  }

  /**
   * A GET with these headers; with {@code delayMillis > 0} each connection waits that long after a
   * response before sending its next request (wrk's {@code delay} hook), which is how the latency
   * rows hold a steady rate (see {@link Pacing}).
   */
  static WrkScript get(Map<String, String> headers, int delayMillis) {
    if (delayMillis < 0) {
      throw new IllegalArgumentException("delayMillis must be at least 0, got " + delayMillis);
    }
    StringBuilder lua = new StringBuilder();
    lua.append("wrk.method = \"GET\"\n");
    headers.forEach((k, v) -> lua.append("wrk.headers[").append(quote(k)).append("] = ").append(quote(v)).append('\n'));
    if (delayMillis > 0) {
      lua.append("function delay()\n  return ").append(delayMillis).append("\nend\n");
    }
    lua.append(DONE);
    return new WrkScript(delayMillis > 0 ? "get-paced-" + delayMillis + "ms" : "get", lua.toString());
  }

  /**
   * Prints every figure as a whole number (microseconds, counts) except mean and stdev; %.0f rather
   * than %d because LuaJIT's %d is picky about numbers that are not integers.
   */
  private static final String DONE = String.format(Locale.ROOT, """
      function done(summary, latency, requests)
        local e = summary.errors
        io.write(string.format("%s requests=%%.0f duration_us=%%.0f bytes=%%.0f connect=%%.0f read=%%.0f write=%%.0f status=%%.0f timeout=%%.0f min_us=%%.0f mean_us=%%.3f stdev_us=%%.3f max_us=%%.0f p50_us=%%.0f p90_us=%%.0f p99_us=%%.0f p999_us=%%.0f\\n",
          summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
          latency.min, latency.mean, latency.stdev, latency.max,
          latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9)))
      end
      """, REPORT_PREFIX);

  /** A Lua string literal. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\%03d", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** Writes the script into {@code dir} and returns its path. */
  Path writeTo(Path dir) throws IOException {
    Path file = dir.resolve(name + ".lua");
    Files.writeString(file, lua, StandardCharsets.UTF_8);
    return file;
  }
}
