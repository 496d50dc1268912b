package dev.headroom.forecaster.trace;

import dev.headroom.forecaster.series.RateSeries;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request-rate trace file into a {@link RateSeries}, and the requests themselves for
 * per-request files. One reader for every shape of trace found in the shared datasets, so that
 * benchmarks, the simulator and the forecaster agree on what a trace says.
 *
 * <p>Detection, unless {@link TraceOptions#format()} forces a format. Gzip is told by the magic
 * bytes, so a {@code .gz} name works and is not required. A file whose first line holds only digits
 * and blanks is {@link TraceFormat#COUNTS}; one whose first line starts with <code>&#123;</code> is
 * JSON lines; anything else is delimited text (comma, tab, semicolon, or runs of blanks), with a
 * header unless its first field is a timestamp (so a headerless file must start with it). Rows are
 * {@link TraceFormat#INTERVALS} when a value column is named or called {@code value}, {@code count},
 * {@code count_raw}, {@code sum_req}, {@code requests} or {@code hits}, or when there are two
 * columns and the other holds a number; otherwise {@link TraceFormat#REQUESTS}, with keys from a
 * named column or one called {@code key} or {@code tenant}. The timestamp column is the named one,
 * else one called {@code timestamp}, {@code time}, {@code ts}, ... (listed in {@code RowReader}), else
 * the first. A file of digits only that is really per-request epoch seconds must be read with the
 * format forced to REQUESTS. A first line of the shape {@code host ident user [10/Oct/2000:13:55:36
 * -0700] ...} makes the file a {@link TraceFormat#ACCESS_LOG} (Common or Combined Log Format), read
 * by {@code AccessLogReader} as one request per line keyed by host.
 *
 * <p>Output step: with none asked, the native one. An asked step must be a multiple of the native
 * step. Timestamped rows aggregate into clock-aligned blocks (whole multiples of the step since the
 * epoch, UTC; the partial blocks at both ends are dropped); requests are binned straight into
 * clock-aligned bins (the end bins are kept, partial); counts files, whose clock is nominal, sum
 * blocks from their first value. A block with a missing interval is missing. Asking for the native
 * step itself returns the native series unchanged.
 *
 * <p>Bad lines (an unreadable timestamp or count, a missing field, a duplicate timestamp, a row off
 * the grid) fail with a {@link TraceException} naming file, line and reason, unless
 * {@link TraceOptions#maxBadLines()} allows skipping them; {@link Trace#skippedLines()} counts the
 * skipped ones. A skipped count in a counts file becomes a missing interval.
 */
public final class TraceReader {

  private static final int BUFFER = 1 << 16;

  private TraceReader() {}

  /** Reads {@code file} with {@link TraceOptions#defaults()}. */
  public static Trace read(Path file) throws IOException {
    return read(file, TraceOptions.defaults());
  }

  public static Trace read(Path file, TraceOptions options) throws IOException {
    try {
      return readFile(file, options);
    } catch (ZipException | EOFException e) {
      // Only the gzip stream throws these (a plain file simply ends): damaged or cut-off data.
      throw new TraceException(file, 0, "damaged gzip data (" + e.getMessage() + ")");
    }
  }

  private static Trace readFile(Path file, TraceOptions options) throws IOException {
    BadLines bad = new BadLines(file, options.maxBadLines());
    try (InputStream in = open(file)) {
      TraceFormat sniffed = options.format() != null ? options.format() : sniff(in, file);
      if (sniffed == TraceFormat.COUNTS) {
        return counts(file, options, bad, CountsParser.parse(in, bad));
      }
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), BUFFER);
      if (sniffed == TraceFormat.ACCESS_LOG) {
        if (options.keyColumn() != null && !options.keyColumn().equalsIgnoreCase("host")) {
          throw new TraceException(file, 0, "no key column '" + options.keyColumn()
              + "' in an access log: its requests are keyed by host");
        }
        return requests(file, options, bad, TraceFormat.ACCESS_LOG,
            new AccessLogReader(file, bad).read(reader));
      }
      RowReader.Rows rows = new RowReader(file, options, bad).read(reader);
      if (rows.format() == TraceFormat.INTERVALS) {
        IntervalGrid.Grid grid = rows.intervals().build(file, bad, options.step());
        RateSeries series = options.step() == null || options.step().equals(grid.step())
            ? grid.series() : aggregate(file, grid.series(), options.step(), true);
        return new Trace(file, TraceFormat.INTERVALS, grid.step(), series, Optional.empty(),
            bad.count(), bad.examples());
      }
      if (rows.requests().size() == 0) {
        throw new TraceException(file, 0, "no data rows");
      }
      return requests(file, options, bad, TraceFormat.REQUESTS, rows.requests());
    }
  }

  private static Trace requests(Path file, TraceOptions options, BadLines bad, TraceFormat format,
      RequestEvents.Builder collected) throws TraceException {
    RequestEvents events = collected.build();
    Duration step = options.step() == null ? Duration.ofSeconds(1) : options.step();
    if (events.size() > 0) {
      // The same guard as for interval rows: one stray timestamp decades away is not a series of
      // billions of bins.
      long stepMicros = step.toMillis() * 1000;
      long first = events.timeMicros(0);
      long last = events.timeMicros(events.size() - 1);
      if (Math.floorDiv(last, stepMicros) - Math.floorDiv(first, stepMicros) >= IntervalGrid.MAX_INTERVALS) {
        throw new TraceException(file, 0, "requests from " + instant(first) + " to " + instant(last)
            + " in bins of " + step + " make more than " + IntervalGrid.MAX_INTERVALS + " bins");
      }
    }
    RateSeries series = events.bin(step);
    return new Trace(file, format, null, series, Optional.of(events), bad.count(), bad.examples());
  }

  private static Trace counts(Path file, TraceOptions options, BadLines bad, double[] values)
      throws TraceException {
    if (values.length == 0) {
      throw new TraceException(file, 0, "empty trace: no data");
    }
    RateSeries series = RateSeries.ofMillis(options.countsStart().toEpochMilli(),
        options.countsStep().toMillis(), values);
    if (options.step() != null && !options.step().equals(options.countsStep())) {
      series = aggregate(file, series, options.step(), false);
    }
    return new Trace(file, TraceFormat.COUNTS, options.countsStep(), series, Optional.empty(),
        bad.count(), bad.examples());
  }

  private static RateSeries aggregate(Path file, RateSeries series, Duration step, boolean aligned)
      throws TraceException {
    if (step.toMillis() % series.stepMillis() != 0) {
      throw new TraceException(file, 0, "the asked step " + step
          + " is not a multiple of the trace's step " + series.step());
    }
    try {
      return aligned ? series.aggregateAligned(step) : series.aggregate(step);
    } catch (IllegalArgumentException e) {
      throw new TraceException(file, 0, e.getMessage());
    }
  }

  /** The file's bytes, decompressed when they start with the gzip magic number. */
  private static InputStream open(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
    try {
      raw.mark(2);
      int b0 = raw.read();
      int b1 = raw.read();
      raw.reset();
      if (b0 == 0x1f && b1 == 0x8b) {
        return new BufferedInputStream(new GZIPInputStream(raw, BUFFER), BUFFER);
      }
      return raw;
    } catch (IOException e) {
      raw.close();
      throw e;
    }
  }

  /**
   * COUNTS when the first line holds only digits and blanks (within the first 64 KiB; the NASA line
   * is 10 MB), ACCESS_LOG when it reads as an access-log line, otherwise null for row formats to be
   * settled by the rows.
   */
  private static TraceFormat sniff(InputStream in, Path file) throws IOException {
    in.mark(BUFFER);
    byte[] head = in.readNBytes(BUFFER);
    in.reset();
    int i = 0;
    if (head.length >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb
        && (head[2] & 0xff) == 0xbf) {
      i = 3;
    }
    while (i < head.length && isBlank(head[i])) {
      i++;
    }
    if (i == head.length) {
      throw new TraceException(file, 0, "empty trace: no data");
    }
    int lineStart = i;
    boolean digitsOnly = true;
    for (; i < head.length && head[i] != '\n'; i++) {
      byte b = head[i];
      if (!(b >= '0' && b <= '9') && !isBlank(b)) {
        digitsOnly = false;
      }
    }
    if (digitsOnly) {
      return TraceFormat.COUNTS;
    }
    String first = new String(head, lineStart, i - lineStart, StandardCharsets.ISO_8859_1);
    return AccessLogReader.looksLikeAccessLog(first) ? TraceFormat.ACCESS_LOG : null;
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }

  private static boolean isBlank(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '\f';
  }
}
