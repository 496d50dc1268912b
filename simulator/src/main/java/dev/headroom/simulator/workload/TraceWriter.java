package dev.headroom.simulator.workload;

import dev.headroom.forecaster.series.RateSeries;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes traces in formats the forecaster's {@code TraceReader} reads back unchanged: interval
 * counts as {@code timestamp,count} CSV, arrivals as {@code timestamp,<key>} CSV with epoch seconds
 * to the millisecond. A name ending in {@code .gz} is gzipped.
 */
public final class TraceWriter {

  private TraceWriter() {}

  /** {@code timestamp,count} rows, ISO-8601 UTC timestamps at each interval's start. */
  public static void writeCounts(RateSeries counts, Path file) throws IOException {
    try (Writer out = open(file)) {
      out.write("timestamp,count\n");
      StringBuilder line = new StringBuilder(48);
      for (int i = 0; i < counts.size(); i++) {
        line.setLength(0);
        line.append(Instant.ofEpochMilli(counts.timeMillis(i))).append(',');
        double v = counts.value(i);
        // A missing interval stays an empty field, which the reader reads back as missing.
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
          line.append((long) v);
        } else if (!Double.isNaN(v)) {
          line.append(v);
        }
        out.append(line).append('\n');
      }
    }
  }

  /**
   * One row per arrival of {@code workload} opened with {@code seed} (from 1970 on): epoch seconds with three
   * decimals (times are truncated to the millisecond) and the key's name under the header
   * {@code keyColumn} ({@code tenant} or {@code key} are found by the reader without being told).
   *
   * @return the number of rows written
   */
  public static long writeRequests(Workload workload, long seed, String keyColumn, Path file)
      throws IOException {
    List<String> keys = workload.keys();
    ArrivalSource source = workload.open(seed);
    long rows = 0;
    try (Writer out = open(file)) {
      out.write("timestamp," + keyColumn + "\n");
      StringBuilder line = new StringBuilder(48);
      for (long t = source.next(); t != ArrivalSource.END; t = source.next()) {
        if (t < 0) {
          throw new IllegalArgumentException("arrival " + rows + " is before 1970; the format"
              + " writes epoch seconds from 1970 on");
        }
        long millis = Math.floorDiv(t, 1_000_000L);
        line.setLength(0);
        long seconds = Math.floorDiv(millis, 1000L);
        int frac = (int) Math.floorMod(millis, 1000L);
        line.append(seconds).append('.');
        if (frac < 100) {
          line.append(frac < 10 ? "00" : "0");
        }
        line.append(frac).append(',').append(keys.get(source.key())).append('\n');
        out.append(line);
        rows++;
      }
    }
    return rows;
  }

  private static Writer open(Path file) throws IOException {
    OutputStream raw = Files.newOutputStream(file);
    try {
      OutputStream out = file.getFileName().toString().endsWith(".gz")
          ? new GZIPOutputStream(raw, 1 << 16) : raw;
      return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    } catch (IOException e) {
      raw.close();
      throw e;
    }
  }
}
