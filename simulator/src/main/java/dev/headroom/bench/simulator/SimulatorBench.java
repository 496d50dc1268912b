package dev.headroom.bench.simulator;

import dev.headroom.bench.BenchReport;
import dev.headroom.bench.BenchRow;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code headroom bench simulator}: runs each selected {@link BenchSection} in turn, in this JVM,
 * prints their tables and writes {@code bench-results/simulator.json}.
 */
public final class SimulatorBench {

  public static final String NAME = "simulator";

  /** The parts, in the order they run. */
  public static final List<BenchSection> SECTIONS = List.of(new HoldThroughput(), new SimpyComparison(),
      new NasaFivePolicies(), new PolicyComparison(), new FloodComparison());

  /**
   * @param filter selects parts by a find() on their names; null for all
   * @param python the interpreter for SimPy, or null to try python3 and then /usr/bin/python3
   */
  public record Options(boolean quick, Pattern filter, Path resultsDir, String python, Duration pythonTimeout) {}

  private SimulatorBench() {}

  /** Returns the exit code: 0, 1 when a part failed, 2 when the filter selects nothing. */
  public static int run(Options options, PrintStream out, PrintStream progress) throws Exception {
    Instant started = Instant.now();
    List<BenchSection> chosen = SECTIONS.stream()
        .filter(s -> options.filter() == null || options.filter().matcher(s.name()).find())
        .toList();
    if (chosen.isEmpty()) {
      out.println("bench simulator: --filter " + options.filter() + " selects nothing. Parts: "
          + String.join(", ", SECTIONS.stream().map(BenchSection::name).toList()));
      return 2;
    }
    progress.printf(Locale.ROOT, "bench simulator (%s): %s%n", options.quick() ? "quick" : "full",
        String.join(", ", chosen.stream().map(BenchSection::name).toList()));
    List<BenchRow> rows = new ArrayList<>();
    List<String> tables = new ArrayList<>();
    boolean failed = false;
    for (BenchSection section : chosen) {
      BenchSection.Result r = section.run(options, progress);
      rows.addAll(r.rows());
      tables.add(r.table());
      failed |= r.failed();
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("mode", options.quick() ? "quick" : "full");
    settings.put("parts", chosen.stream().map(BenchSection::name).toList());
    settings.put("jvm_args", BenchReport.jvmFlags());
    settings.put("duration_s", Duration.between(started, Instant.now()).toSeconds());
    Path file = new BenchReport(NAME, started, BenchReport.Machine.current(), settings, rows)
        .writeTo(options.resultsDir());
    for (String table : tables) {
      out.println();
      out.print(table);
    }
    long hits = rows.stream().filter(r -> Boolean.TRUE.equals(r.meetsTarget())).count();
    long misses = rows.stream().filter(r -> Boolean.FALSE.equals(r.meetsTarget())).count();
    out.printf(Locale.ROOT, "%ntargets met: %d of %d. Report: %s%n", hits, hits + misses, file);
    return failed ? 1 : 0;
  }
}
