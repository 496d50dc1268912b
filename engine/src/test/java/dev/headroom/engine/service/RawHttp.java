/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A bare socket to the service, for what an HTTP client library will not do: trickle headers a byte
 * at a time, send a chunked body of any size, hold a connection idle. Reads have a timeout.
 */
final class RawHttp implements AutoCloseable {

  final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawHttp(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(15_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  void write(String text) throws IOException {
    write(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  void write(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Everything the server sends until it closes the connection or stops for {@code quietMillis}. */
  String readUntilClosedOrQuiet(int quietMillis) throws IOException {
    socket.setSoTimeout(quietMillis);
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      for (int n; (n = in.read(buf)) >= 0; ) {
        got.write(buf, 0, n);
      }
    } catch (SocketTimeoutException quiet) {
      // the server went quiet with the connection open
    } catch (IOException reset) {
      // closed hard: what was read is the answer
    }
    return got.toString(StandardCharsets.ISO_8859_1);
  }

  /** True when the server closed the connection (end of stream or reset) within {@code millis}. */
  boolean closedWithin(int millis) throws IOException {
    socket.setSoTimeout(millis);
    try {
      while (in.read() >= 0) {
        // drain whatever the server says before closing
      }
      return true;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
