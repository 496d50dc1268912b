/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool file: round trip across reopen, its byte cap, and what a crash can leave behind. */
class SpoolTest {

  private static final long ROOMY = 1 << 20;

  @TempDir
  Path dir;

  private static List<Spool.Entry> all(Spool spool) {
    List<Spool.Entry> out = new ArrayList<>();
    for (Spool.Entry e = spool.read(spool.first()); e != null; e = spool.read(e.next())) {
      out.add(e);
    }
    return out;
  }

  private static String batch(int n) {
    return "calls,key=k" + n + " requests=" + n + ",admitted=" + n + ",rejected=0,latency_sum_ms=0,latency_count=0 "
        + (1_700_000_000_000L + n) + "\n";
  }

  @Test
  void batchesComeBackInOrderAfterReopening() {
    Path file = dir.resolve("sub/folder/telemetry.spool");
    try (Spool spool = Spool.open(file, ROOMY)) {
      assertTrue(spool.isEmpty());
      assertTrue(spool.append(batch(1), 1));
      assertTrue(spool.append(batch(2) + batch(3), 2));
      assertTrue(spool.append("é ünïcode key\n", 1));
    }
    try (Spool spool = Spool.open(file, ROOMY)) {
      List<Spool.Entry> entries = all(spool);
      assertEquals(List.of(batch(1), batch(2) + batch(3), "é ünïcode key\n"),
          entries.stream().map(Spool.Entry::lines).toList());
      assertEquals(List.of(1, 2, 1), entries.stream().map(Spool.Entry::points).toList());
      assertEquals(3, spool.records());
      assertEquals(4, spool.points());
      assertEquals(spool.end(), entries.getLast().next());
    }
  }

  @Test
  void clearingOnlyHappensWhenNothingWasAppendedSinceTheReplayStarted() throws IOException {
    Path file = dir.resolve("t.spool");
    try (Spool spool = Spool.open(file, ROOMY)) {
      spool.append(batch(1), 1);
      long replayedTo = spool.read(spool.first()).next();
      spool.append(batch(2), 1); // arrives while batch 1 is being replayed
      assertFalse(spool.clearIfEnd(replayedTo));
      Spool.Entry second = spool.read(replayedTo);
      assertEquals(batch(2), second.lines());
      assertTrue(spool.clearIfEnd(second.next()));
      assertTrue(spool.isEmpty());
      assertEquals(0, spool.points());
    }
    assertEquals(Spool.HEADER, Files.size(file));
  }

  @Test
  void theCapIsNeverExceededAndTheNewestBatchIsRefused() throws IOException {
    Path file = dir.resolve("small.spool");
    long cap = Spool.HEADER + 3 * (Spool.RECORD_HEADER + batch(1).length()) + 10;
    try (Spool spool = Spool.open(file, cap)) {
      assertTrue(spool.append(batch(1), 1));
      assertTrue(spool.append(batch(2), 1));
      assertTrue(spool.append(batch(3), 1));
      assertFalse(spool.append(batch(4), 1), "a fourth batch does not fit");
      assertFalse(spool.append(batch(5), 1));
      assertTrue(spool.bytes() <= cap);
      assertEquals(List.of(batch(1), batch(2), batch(3)), all(spool).stream().map(Spool.Entry::lines).toList());
    }
    assertTrue(Files.size(file) <= cap, Files.size(file) + " > " + cap);
  }

  @Test
  void aRecordCutShortByACrashIsDroppedAndAppendsGoOn() throws IOException {
    Path file = dir.resolve("torn.spool");
    try (Spool spool = Spool.open(file, ROOMY)) {
      spool.append(batch(1), 1);
      spool.append(batch(2), 1);
    }
    long whole = Files.size(file);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(whole - 5); // the last append was interrupted
    }
    try (Spool spool = Spool.open(file, ROOMY)) {
      assertEquals(List.of(batch(1)), all(spool).stream().map(Spool.Entry::lines).toList());
      assertEquals(1, spool.points());
      assertTrue(spool.append(batch(3), 1));
    }
    try (Spool spool = Spool.open(file, ROOMY)) {
      assertEquals(List.of(batch(1), batch(3)), all(spool).stream().map(Spool.Entry::lines).toList());
    }
  }

  @Test
  void aHeaderCutShortAndAFlippedByteAreHandledToo() throws IOException {
    Path file = dir.resolve("flipped.spool");
    try (Spool spool = Spool.open(file, ROOMY)) {
      spool.append(batch(1), 1);
      spool.append(batch(2), 1);
    }
    long secondBody = Files.size(file) - batch(2).length();
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(secondBody + 3);
      raf.write('X');
    }
    try (Spool spool = Spool.open(file, ROOMY)) {
      assertEquals(List.of(batch(1)), all(spool).stream().map(Spool.Entry::lines).toList(), "checksum catches it");
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(Files.size(file) + 7); // half a record header
    }
    try (Spool spool = Spool.open(file, ROOMY)) {
      assertEquals(1, spool.records());
    }
    Path fresh = dir.resolve("fresh.spool");
    Files.write(fresh, Spool.MAGIC_TEXT.substring(0, 5).getBytes()); // crashed while creating it
    try (Spool spool = Spool.open(fresh, ROOMY)) {
      assertTrue(spool.isEmpty());
      assertTrue(spool.append(batch(1), 1));
      assertEquals(batch(1), spool.read(spool.first()).lines());
    }
  }

  @Test
  void aFileThatIsNotASpoolIsLeftAlone() throws IOException {
    Path file = dir.resolve("notes.txt");
    Files.writeString(file, "my precious notes, not telemetry\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Spool.open(file, ROOMY));
    assertTrue(e.getMessage().contains(file + " exists but is not a Headroom spool"), e.getMessage());
    assertEquals("my precious notes, not telemetry\n", Files.readString(file));
  }

  @Test
  void readingPastTheEndGivesNull() {
    try (Spool spool = Spool.open(dir.resolve("e.spool"), ROOMY)) {
      assertNull(spool.read(spool.first()));
    }
  }
}
