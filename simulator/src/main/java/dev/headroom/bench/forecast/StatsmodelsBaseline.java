package dev.headroom.bench.forecast;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The statsmodels baselines of the protocol (damped additive Holt-Winters, and STL with ARIMA(1,0,0)),
 * fitted on the same splits as the Java methods, in one Python process per benchmark run.
 *
 * <p>The script, {@code statsmodels_baseline.py}, is a resource next to this class (so it travels
 * in the jar); it is copied to a temporary folder with the rows' values and origins, its per-fit
 * forecasts and wall times are read back, and {@link Evaluation#score} scores them exactly as the
 * Java methods' forecasts are scored. When no interpreter can import statsmodels, or the run times
 * out, the cells say why in {@link CellResult#skipped} and the rest of the benchmark goes on.
 */
public final class StatsmodelsBaseline {

  public static final String HOLT_WINTERS = "statsmodels-hw";
  public static final String STL_ARIMA = "statsmodels-stl-arima";
  public static final List<String> METHODS = List.of(HOLT_WINTERS, STL_ARIMA);
  static final String SCRIPT = "statsmodels_baseline.py";
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);

  /**
   * @param python the interpreter to use, or null to try {@code python3} on the PATH and then
   *     {@code /usr/bin/python3} (a pyenv or virtualenv python3 first on the PATH usually lacks the
   *     Debian python3-statsmodels package, which only the system interpreter imports)
   * @param timeout for the whole run of fits
   */
  public record Settings(String python, Duration timeout) {}

  /** An interpreter that imports statsmodels, with the version line the script printed. */
  public record Interpreter(String command, String versions) {}

  private StatsmodelsBaseline() {}

  /**
   * Fits both baselines at every origin of every row; cells in row order, {@link #METHODS} within.
   * Progress (the script's per-fit lines) goes to {@code progress}.
   */
  public static List<CellResult> run(List<ProtocolSeries> rows, Settings settings, PrintStream progress) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("headroom-statsmodels");
      Path script = extractScript(dir);
      Interpreter python;
      try {
        python = find(settings.python(), script);
      } catch (IllegalStateException e) {
        return skipAll(rows, e.getMessage());
      }
      progress.println("statsmodels: " + python.versions() + " (" + python.command() + ")");
      writeInput(dir, rows);
      Path output = dir.resolve("results.tsv");
      String timedOut = runScript(python.command(), script, dir, output, settings.timeout(), progress);
      return read(rows, output, timedOut);
    } catch (IOException e) {
      return skipAll(rows, "could not run the statsmodels script: " + e);
    } finally {
      if (dir != null) {
        deleteTree(dir);
      }
    }
  }

  /**
   * The first candidate interpreter that runs {@code script --version} successfully.
   *
   * @throws IllegalStateException naming every candidate and why it failed
   */
  static Interpreter find(String explicit, Path script) {
    List<String> candidates = explicit != null ? List.of(explicit) : List.of("python3", "/usr/bin/python3");
    List<String> failures = new ArrayList<>();
    for (String candidate : candidates) {
      try {
        // Output to a file, not a pipe: a child that hangs cannot block us past the timeout.
        Path answer = script.resolveSibling("probe.txt");
        Process p = new ProcessBuilder(candidate, script.toString(), "--version")
            .redirectErrorStream(true).redirectOutput(answer.toFile()).start();
        boolean finished = p.waitFor(PROBE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        String text = Files.exists(answer) ? Files.readString(answer).strip() : "";
        if (!finished) {
          p.destroyForcibly();
          failures.add(candidate + ": no answer within " + PROBE_TIMEOUT.toSeconds() + " s");
        } else if (p.exitValue() == 0) {
          return new Interpreter(candidate, text);
        } else {
          failures.add(candidate + ": " + (text.isEmpty() ? "exit code " + p.exitValue() : text));
        }
      } catch (IOException e) {
        failures.add(candidate + ": cannot run (" + e.getMessage() + ")");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failures.add(candidate + ": interrupted");
      }
    }
    throw new IllegalStateException("no Python interpreter with statsmodels: " + String.join("; ", failures)
        + ". Install the Debian package python3-statsmodels, or name an interpreter with --python");
  }

  static Path extractScript(Path dir) throws IOException {
    Path script = dir.resolve(SCRIPT);
    try (InputStream in = StatsmodelsBaseline.class.getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new IOException("resource " + SCRIPT + " is missing next to " + StatsmodelsBaseline.class.getName());
      }
      Files.copy(in, script);
    }
    return script;
  }

  /** rows.tsv (row index, m, longest horizon, origins, values file) and one values file per row. */
  static void writeInput(Path dir, List<ProtocolSeries> rows) throws IOException {
    StringBuilder index = new StringBuilder();
    for (int r = 0; r < rows.size(); r++) {
      ProtocolSeries row = rows.get(r);
      double[] y = Evaluation.checkedValues(row);
      String file = "values-" + r + ".txt";
      StringBuilder values = new StringBuilder(y.length * 10);
      for (double v : y) {
        values.append(Double.isNaN(v) ? "nan" : Double.toString(v)).append('\n');
      }
      Files.writeString(dir.resolve(file), values);
      index.append(r).append('\t').append(row.season()).append('\t').append(Evaluation.longest(row)).append('\t')
          .append(java.util.Arrays.stream(row.origins()).mapToObj(Integer::toString).collect(Collectors.joining(",")))
          .append('\t').append(file).append('\n');
    }
    Files.writeString(dir.resolve("rows.tsv"), index);
  }

  /** Runs the script; returns null when it finished in time, else the reason it was stopped. */
  private static String runScript(String python, Path script, Path dir, Path output, Duration timeout,
      PrintStream progress) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(python, script.toString(), dir.toString(), output.toString())
        .redirectErrorStream(true);
    pb.environment().put("OMP_NUM_THREADS", "1");
    pb.environment().put("OPENBLAS_NUM_THREADS", "1");
    pb.environment().put("MKL_NUM_THREADS", "1");
    pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    Process p = pb.start();
    List<String> lastLines = new ArrayList<>();
    Thread pump = Thread.ofVirtual().start(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          progress.println("  statsmodels " + line);
          synchronized (lastLines) {
            lastLines.add(line);
            if (lastLines.size() > 5) {
              lastLines.removeFirst();
            }
          }
        }
      } catch (IOException e) {
        progress.println("  statsmodels: output lost: " + e.getMessage());
      }
    });
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        return "timed out after " + timeout.toMinutes() + " min (--python-timeout)";
      }
      pump.join(Duration.ofSeconds(10));
      if (p.exitValue() != 0) {
        synchronized (lastLines) {
          return "the script failed (exit code " + p.exitValue() + "): " + String.join(" | ", lastLines);
        }
      }
      return null;
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /**
   * Scores the script's output. A cell with every origin fitted gets its figures; one with an
   * origin that failed or never ran (timeout) is skipped with the reason.
   */
  static List<CellResult> read(List<ProtocolSeries> rows, Path output, String stopped) throws IOException {
    Map<String, Map<Integer, FoldResult>> folds = new LinkedHashMap<>();
    Map<String, String> errors = new LinkedHashMap<>();
    Map<String, List<Double>> boundMillis = new LinkedHashMap<>();
    Map<String, Map<String, Integer>> warnings = new LinkedHashMap<>();
    List<double[]> values = rows.stream().map(Evaluation::checkedValues).toList();
    List<String> lines = Files.exists(output) ? Files.readAllLines(output) : List.of();
    for (int i = 0; i < lines.size(); i++) {
      String where = output.getFileName() + " line " + (i + 1);
      String[] f = lines.get(i).split("\t", -1);
      if (f.length < 5) {
        throw new IllegalStateException(where + ": expected at least 5 tab-separated fields, got " + f.length);
      }
      int r = Integer.parseInt(f[0]);
      if (r < 0 || r >= rows.size()) {
        throw new IllegalStateException(where + ": no row " + r);
      }
      ProtocolSeries row = rows.get(r);
      int origin = Integer.parseInt(f[1]);
      String key = r + "\t" + f[2];
      if (f[3].equals("error")) {
        errors.putIfAbsent(key, "origin " + origin + ": " + f[4]);
        continue;
      }
      if (!f[3].equals("ok") || f.length != 10) {
        throw new IllegalStateException(where + ": expected 'ok' and 10 fields, got '" + f[3] + "' and " + f.length);
      }
      MethodForecast forecast = new MethodForecast(numbers(f[7], where), numbers(f[8], where), numbers(f[9], where));
      double fitMillis = Double.parseDouble(f[4]) * 1000;
      try {
        folds.computeIfAbsent(key, k -> new TreeMap<>())
            .put(origin, Evaluation.score(values.get(r), row, origin, forecast, fitMillis));
      } catch (IllegalArgumentException e) {
        errors.putIfAbsent(key, "origin " + origin + ": " + e.getMessage());
      }
      boundMillis.computeIfAbsent(key, k -> new ArrayList<>()).add(Double.parseDouble(f[5]) * 1000);
      if (!f[6].equals("-")) {
        for (String w : f[6].split(",")) {
          warnings.computeIfAbsent(key, k -> new TreeMap<>()).merge(w, 1, Integer::sum);
        }
      }
    }
    List<CellResult> out = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      ProtocolSeries row = rows.get(r);
      for (String method : METHODS) {
        String key = r + "\t" + method;
        Map<Integer, FoldResult> got = folds.getOrDefault(key, Map.of());
        Set<Integer> missing = new LinkedHashSet<>();
        for (int origin : row.origins()) {
          if (!got.containsKey(origin)) {
            missing.add(origin);
          }
        }
        if (errors.containsKey(key)) {
          out.add(CellResult.skipped(row, method, "fit failed at " + errors.get(key)));
        } else if (!missing.isEmpty()) {
          out.add(CellResult.skipped(row, method, "no forecast for origins " + missing
              + (stopped != null ? ": " + stopped : "")));
        } else {
          out.add(new CellResult(row, method, List.copyOf(got.values()), null,
              note(row, boundMillis.get(key), warnings.get(key))));
        }
      }
    }
    return out;
  }

  private static String note(ProtocolSeries row, List<Double> boundMillis, Map<String, Integer> warnings) {
    List<String> parts = new ArrayList<>();
    if (boundMillis != null) {
      parts.add(String.format(Locale.ROOT, "P90/P99 bounds took a further %.3g ms (median), not in the fit time",
          Quantiles.median(boundMillis.stream().mapToDouble(Double::doubleValue).toArray())));
    }
    if (warnings != null) {
      int origins = row.origins().length;
      parts.add("warnings: " + warnings.entrySet().stream()
          .map(e -> e.getKey() + " in " + e.getValue() + " of " + origins + " fits")
          .collect(Collectors.joining(", ")));
    }
    return parts.isEmpty() ? null : String.join("; ", parts);
  }

  private static double[] numbers(String csv, String where) {
    String[] parts = csv.split(",");
    double[] out = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = Double.parseDouble(parts[i]);
      } catch (NumberFormatException e) {
        throw new IllegalStateException(where + ": not a number: '" + parts[i] + "'");
      }
    }
    return out;
  }

  private static List<CellResult> skipAll(List<ProtocolSeries> rows, String reason) {
    List<CellResult> out = new ArrayList<>();
    for (ProtocolSeries row : rows) {
      for (String method : METHODS) {
        out.add(CellResult.skipped(row, method, reason));
      }
    }
    return out;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + dir, e);
    }
  }
}
