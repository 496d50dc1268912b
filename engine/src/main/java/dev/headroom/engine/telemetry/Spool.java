/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.telemetry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * An append-only file of telemetry batches waiting for InfluxDB, bounded in bytes, that outlives the
 * process: what was not written before a crash or shutdown is replayed at the next start.
 *
 * <p>Format: the 16-byte header {@value #MAGIC_TEXT} then records of
 * {@code int length, int points, int crc32, length bytes} (big-endian), where the bytes are the
 * batch in InfluxDB line protocol (UTF-8) and the CRC-32 covers {@code points} and the bytes. A
 * record cut short (a crash mid-append) or failing its checksum ends the readable part: on open it
 * and anything after it are cut off with a warning, and appends go on from there.
 *
 * <p>Thread-safe: appends may come from the writer thread and from a caller spilling a full queue.
 * Reads use positional I/O outside the lock, so a replay in progress never holds up an append.
 */
final class Spool implements AutoCloseable {

  static final String MAGIC_TEXT = "HEADROOM-SPOOL1\n";
  private static final byte[] MAGIC = MAGIC_TEXT.getBytes(StandardCharsets.US_ASCII);
  static final int HEADER = MAGIC.length;
  static final int RECORD_HEADER = 12;
  private static final System.Logger LOG = System.getLogger(Spool.class.getName());

  private final Path file;
  private final long maxBytes;
  private final FileChannel channel;
  private long end;
  private int records;
  private long points;

  private Spool(Path file, long maxBytes, FileChannel channel) {
    this.file = file;
    this.maxBytes = maxBytes;
    this.channel = channel;
  }

  /**
   * Opens {@code file}, creating it (and its folder) if absent, and checks what it holds.
   *
   * @param maxBytes cap on the file size, header included
   * @throws IllegalArgumentException if the file exists but is not a spool (it is left untouched)
   * @throws UncheckedIOException if it cannot be read or written
   */
  static Spool open(Path file, long maxBytes) {
    if (maxBytes < HEADER + RECORD_HEADER + 1) {
      throw new IllegalArgumentException("spool max bytes must be at least " + (HEADER + RECORD_HEADER + 1)
          + ", got " + maxBytes);
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      Spool spool = new Spool(file, maxBytes, ch);
      try {
        spool.recover();
      } catch (RuntimeException | IOException e) {
        ch.close();
        throw e;
      }
      return spool;
    } catch (IOException e) {
      throw new UncheckedIOException("telemetry spool " + file + " cannot be opened: " + e.getMessage(), e);
    }
  }

  private void recover() throws IOException {
    long size = channel.size();
    if (size == 0) {
      channel.write(ByteBuffer.wrap(MAGIC), 0);
      end = HEADER;
      return;
    }
    ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, HEADER));
    readFully(head, 0);
    if (size < HEADER && Arrays.equals(head.array(), Arrays.copyOf(MAGIC, (int) size))) {
      // a crash while the header was being written: nothing was spooled yet
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(MAGIC), 0);
      end = HEADER;
      return;
    }
    if (!Arrays.equals(head.array(), MAGIC)) {
      throw new IllegalArgumentException("telemetry spool " + file + " exists but is not a Headroom spool (it does "
          + "not start with \"" + MAGIC_TEXT.strip() + "\"); refusing to overwrite it: point the spool elsewhere "
          + "or remove the file");
    }
    long pos = HEADER;
    String problem = null;
    while (pos < size) {
      if (size - pos < RECORD_HEADER) {
        problem = "a record header cut short";
        break;
      }
      ByteBuffer rh = ByteBuffer.allocate(RECORD_HEADER);
      readFully(rh, pos);
      int length = rh.getInt(0);
      int count = rh.getInt(4);
      int crc = rh.getInt(8);
      if (length < 0 || count < 0 || length > size - pos - RECORD_HEADER) {
        problem = length < 0 || count < 0 ? "a record header that makes no sense" : "a record cut short";
        break;
      }
      ByteBuffer body = ByteBuffer.allocate(length);
      readFully(body, pos + RECORD_HEADER);
      if (crc(count, body.array()) != crc) {
        problem = "a record failing its checksum";
        break;
      }
      records++;
      points += count;
      pos += RECORD_HEADER + length;
    }
    if (problem != null) {
      LOG.log(System.Logger.Level.WARNING, "telemetry spool {0}: ignoring the last {1} bytes from offset {2} "
          + "({3}, probably a crash while writing); keeping the {4} records ({5} points) before it",
          file, size - pos, pos, problem, records, points);
      channel.truncate(pos);
    }
    end = pos;
  }

  /**
   * Appends one batch, unless that would take the file past its cap.
   *
   * @return false if the batch did not fit (the caller counts its points as dropped)
   * @throws UncheckedIOException if the write fails (disk full, I/O error)
   */
  synchronized boolean append(String lines, int count) {
    byte[] body = lines.getBytes(StandardCharsets.UTF_8);
    long size = RECORD_HEADER + (long) body.length;
    if (end + size > maxBytes) {
      return false;
    }
    ByteBuffer buf = ByteBuffer.allocate((int) size);
    buf.putInt(body.length).putInt(count).putInt(crc(count, body)).put(body).flip();
    try {
      long at = end;
      while (buf.hasRemaining()) {
        at += channel.write(buf, at);
      }
    } catch (IOException e) {
      // A partial record may be on disk; cut it off so the next append starts clean.
      truncateQuietly(end);
      throw new UncheckedIOException("appending to telemetry spool " + file + " failed: " + e.getMessage(), e);
    }
    end += size;
    records++;
    points += count;
    return true;
  }

  /** The record at {@code offset}, or null at the end. Offsets come from {@link #first()} and {@link Entry#next()}. */
  Entry read(long offset) {
    if (offset >= end()) {
      return null;
    }
    try {
      ByteBuffer rh = ByteBuffer.allocate(RECORD_HEADER);
      readFully(rh, offset);
      int length = rh.getInt(0);
      ByteBuffer body = ByteBuffer.allocate(length);
      readFully(body, offset + RECORD_HEADER);
      return new Entry(new String(body.array(), StandardCharsets.UTF_8), rh.getInt(4),
          offset + RECORD_HEADER + length);
    } catch (IOException e) {
      throw new UncheckedIOException("reading telemetry spool " + file + " at offset " + offset + " failed: "
          + e.getMessage(), e);
    }
  }

  /** Offset of the oldest record. */
  long first() {
    return HEADER;
  }

  /**
   * Empties the spool if everything before {@code offset} is all it holds, that is if nothing was
   * appended since the replay that reached {@code offset} began.
   *
   * @return whether it was emptied
   */
  synchronized boolean clearIfEnd(long offset) {
    if (offset != end) {
      return false;
    }
    try {
      channel.truncate(HEADER);
    } catch (IOException e) {
      throw new UncheckedIOException("truncating telemetry spool " + file + " failed: " + e.getMessage(), e);
    }
    end = HEADER;
    records = 0;
    points = 0;
    return true;
  }

  synchronized long end() {
    return end;
  }

  synchronized boolean isEmpty() {
    return end == HEADER;
  }

  /** Bytes in the file, header included. */
  synchronized long bytes() {
    return end;
  }

  synchronized int records() {
    return records;
  }

  /** Points in the file, replayed or not. */
  synchronized long points() {
    return points;
  }

  Path file() {
    return file;
  }

  long maxBytes() {
    return maxBytes;
  }

  @Override
  public synchronized void close() {
    try {
      channel.force(false);
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing telemetry spool " + file + " failed: " + e.getMessage(), e);
    }
  }

  private void readFully(ByteBuffer buf, long at) throws IOException {
    while (buf.hasRemaining()) {
      int n = channel.read(buf, at + buf.position());
      if (n < 0) {
        throw new IOException("unexpected end of file at offset " + (at + buf.position()));
      }
    }
  }

  private void truncateQuietly(long size) {
    try {
      channel.truncate(size);
    } catch (IOException ignored) {
      // the append already failed and says so; recovery at the next open cuts a torn tail anyway
    }
  }

  private static int crc(int count, byte[] body) {
    CRC32 crc = new CRC32();
    crc.update(ByteBuffer.allocate(4).putInt(count).array());
    crc.update(body);
    return (int) crc.getValue();
  }

  /** One spooled batch: line protocol text, its point count, and the offset of the next record. */
  record Entry(String lines, int points, long next) {}
}
