package dev.headroom.simulator.whatif;

import dev.headroom.bench.Json;
import dev.headroom.simulator.report.PolicyResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sweep's files: {@code whatif.html} (heat maps), {@code whatif.csv} (one row per cell and
 * policy, every metric) and {@code whatif.json} (the same, with the grid), plus the console table.
 */
public final class WhatIfFiles {

  static final String CSV_HEADER = "scenario,scale,capacity_factor,capacity_per_second,policy,demand,offered,"
      + "admitted,rejected,avoidable_rejections,avoidable_rejection_rate,goodput,goodput_share,overload_seconds,"
      + "latency_p50_ms,latency_p95_ms,latency_p99_ms,retries_caused,best_static_factor";

  private WhatIfFiles() {}

  /** Writes the three files into {@code dir} (created if missing); returns the HTML page's path. */
  public static Path write(Path dir, WhatIfResult result, Metric metric) throws IOException {
    Files.createDirectories(dir);
    Path html = dir.resolve("whatif.html");
    Files.writeString(html, HeatMap.render(result, metric), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("whatif.csv"), csv(result), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("whatif.json"), json(result, metric), StandardCharsets.UTF_8);
    return html;
  }

  /** One row per cell per policy, rows in grid order. */
  public static String csv(WhatIfResult result) {
    StringBuilder out = new StringBuilder(CSV_HEADER).append('\n');
    for (Cell cell : result.cells()) {
      for (String p : result.policies()) {
        PolicyResult r = cell.result(p);
        out.append(String.join(",", result.scenario().id(), plain(cell.scale()), plain(cell.capacityFactor()),
            plain(cell.capacityPerSecond()), p, Long.toString(cell.demand()), Long.toString(r.offered()),
            Long.toString(r.admitted()), Long.toString(r.rejected()), Long.toString(r.avoidableRejections()),
            plain(Metric.AVOIDABLE.of(r, cell.demand())), Long.toString(r.goodput()),
            plain(Metric.GOODPUT.of(r, cell.demand())), plain(r.overloadSeconds()), plain(r.p50Ms()),
            plain(r.p95Ms()), plain(r.p99Ms()), Long.toString(r.retriesCaused()), plain(cell.bestStaticFactor())))
            .append('\n');
      }
    }
    return out.toString();
  }

  /** The grid and every cell's outcome per policy. */
  public static String json(WhatIfResult result, Metric metric) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("trace", result.trace());
    root.put("scenario", result.scenario().id());
    root.put("window_seconds", result.window().toSeconds());
    root.put("metric", metric.id());
    root.put("policies", result.policies());
    root.put("scales", result.grid().scales());
    root.put("capacity_factors", result.grid().capacities());
    root.put("replays", result.replays());
    root.put("wall_seconds", result.wallNanos() / 1e9);
    List<Object> cells = new ArrayList<>();
    for (Cell cell : result.cells()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("scale", cell.scale());
      c.put("capacity_factor", cell.capacityFactor());
      c.put("capacity_per_second", cell.capacityPerSecond());
      c.put("demand", cell.demand());
      c.put("best_static_factor", cell.bestStaticFactor());
      Map<String, Object> policies = new LinkedHashMap<>();
      for (String p : result.policies()) {
        PolicyResult r = cell.result(p);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("offered", r.offered());
        m.put("admitted", r.admitted());
        m.put("rejected", r.rejected());
        m.put("avoidable_rejections", r.avoidableRejections());
        m.put("avoidable_rejection_rate", Metric.AVOIDABLE.of(r, cell.demand()));
        m.put("goodput", r.goodput());
        m.put("goodput_share", Metric.GOODPUT.of(r, cell.demand()));
        m.put("overload_seconds", r.overloadSeconds());
        m.put("latency_p50_ms", r.p50Ms());
        m.put("latency_p95_ms", r.p95Ms());
        m.put("latency_p99_ms", r.p99Ms());
        m.put("retries_caused", r.retriesCaused());
        policies.put(p, m);
      }
      c.put("policies", policies);
      cells.add(c);
    }
    root.put("cells", cells);
    return Json.write(root) + "\n";
  }

  /**
   * The console table of {@code metric} for one policy (or, with {@code baseline}, its difference
   * from it): rows are scales, columns capacity factors.
   */
  public static String table(WhatIfResult result, Metric metric, String policy, String baseline) {
    double[][] v = baseline == null ? result.values(policy, metric) : result.difference(policy, baseline, metric);
    String title = baseline == null
        ? policy + ": " + metric.label() + " (" + metric.unit() + ")"
        : policy + " - " + baseline + ": " + metric.label() + " (" + metric.deltaUnit() + ")";
    Grid grid = result.grid();
    List<String[]> rows = new ArrayList<>();
    String[] head = new String[grid.columns() + 1];
    head[0] = "scale \\ capacity";
    for (int c = 0; c < grid.columns(); c++) {
      head[c + 1] = Grid.label(grid.capacities().get(c));
    }
    rows.add(head);
    for (int r = 0; r < grid.rows(); r++) {
      String[] row = new String[grid.columns() + 1];
      row[0] = Grid.label(grid.scales().get(r));
      for (int c = 0; c < grid.columns(); c++) {
        row[c + 1] = baseline == null ? metric.format(v[r][c]) : metric.formatDelta(v[r][c]);
      }
      rows.add(row);
    }
    int[] widths = new int[head.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder(title).append('\n');
    for (int ri = 0; ri < rows.size(); ri++) {
      String[] row = rows.get(ri);
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        if (i == 0) {
          line.append(String.format(Locale.ROOT, "%-" + widths[0] + "s", row[0]));
        } else {
          line.append("  ").append(String.format(Locale.ROOT, "%" + Math.max(widths[i], 6) + "s", row[i]));
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static String plain(double value) {
    if (!Double.isFinite(value)) {
      return "";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }
}
