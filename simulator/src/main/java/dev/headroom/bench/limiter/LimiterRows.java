package dev.headroom.bench.limiter;

import dev.headroom.bench.BenchRow;
import dev.headroom.bench.Better;
import dev.headroom.bench.Ratios;
import dev.headroom.bench.Table;
import dev.headroom.bench.Table.Align;
import dev.headroom.bench.limiter.Contender.Shape;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the measurements of {@code bench limiter} into report rows and tables. Pure: no JMH, no
 * I/O, so that the pairing of each row with its baseline (same regime, threads and keys, same run)
 * is unit-tested.
 */
public final class LimiterRows {

  /** Headroom's target against Bucket4j: at least as fast. */
  public static final double TARGET_VS_BUCKET4J = 1.0;
  /** Headroom's target against Guava: at least twice as fast. */
  public static final double TARGET_VS_GUAVA = 2.0;
  /** Most bytes an idle key may cost in the registry. */
  public static final double TARGET_BYTES_PER_KEY = 150;

  static final String THROUGHPUT = "throughput";
  static final String HEADROOM_REGISTRY = "headroom-registry";
  static final String FLOOR_NOTE = "not a limiter: what every call pays before limiting anything (a clock "
      + "read, and for many keys the map lookup), measured the same way: roughly the ceiling for every row";
  static final String OPS = "ops/s";

  private LimiterRows() {}

  /** A measurement the run planned: one contender, shape, regime and thread count. */
  public record Cell(Contender contender, Shape shape, Regime regime, int threads, int keys) {

    public Optional<String> unsupported() {
      return contender.unsupported(shape);
    }

    Map<String, Object> params() {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("threads", threads);
      p.put("keys", keys);
      p.put("regime", regime.id());
      return p;
    }

    /** Plan order: regime, then keys, then threads, then contender. */
    static final Comparator<Cell> ORDER = Comparator.comparing(Cell::regime)
        .thenComparingInt(Cell::keys)
        .thenComparingInt(Cell::threads)
        .thenComparing(Cell::contender);
  }

  static Optional<Measurement> find(List<Measurement> measured, Contender c, Shape s, Regime r, int threads) {
    return measured.stream().filter(m -> m.sameCell(c, s, r, threads)).findFirst();
  }

  /** Rows for every planned cell: Headroom's against both baselines, the rivals' as context. */
  public static List<BenchRow> throughput(List<Cell> plan, List<Measurement> measured) {
    List<BenchRow> rows = new ArrayList<>();
    for (Cell cell : plan.stream().sorted(Cell.ORDER).toList()) {
      Optional<Measurement> m = find(measured, cell.contender(), cell.shape(), cell.regime(), cell.threads());
      if (cell.contender().isHeadroom()) {
        rows.add(versus(cell, m, Contender.PRIMARY_BASELINE, TARGET_VS_BUCKET4J, plan, measured));
        rows.add(versus(cell, m, Contender.SECONDARY_BASELINE, TARGET_VS_GUAVA, plan, measured));
      } else {
        BenchRow.Builder row = base(BenchRow.builder(cell.contender().label(cell.shape())), cell, m);
        if (cell.contender().kind() == Contender.Kind.FLOOR) {
          row.note(FLOOR_NOTE);
        }
        rows.add(row.build());
      }
    }
    return rows;
  }

  private static BenchRow versus(Cell cell, Optional<Measurement> m, Contender baseline, double target,
      List<Cell> plan, List<Measurement> measured) {
    BenchRow.Builder row = base(
        BenchRow.builder(cell.contender().label(cell.shape()) + " vs " + baseline.library()), cell, m);
    Optional<Measurement> b = find(measured, baseline, cell.shape(), cell.regime(), cell.threads());
    row.baseline(baseline.library(), b.map(Measurement::score).orElse(null));
    if (b.isEmpty()) {
      boolean planned = plan.stream().anyMatch(p -> p.contender() == baseline && p.shape() == cell.shape()
          && p.regime() == cell.regime() && p.threads() == cell.threads());
      row.note(planned ? "the baseline failed to run (see the command output)"
          : "the baseline was not run (excluded by --filter)");
    }
    if (cell.regime() == Regime.ALLOW) {
      row.target(target, Better.HIGHER);
    } else {
      row.better(Better.HIGHER).note("limit regime: a check that no figure depends on the regime, no target");
    }
    return row.build();
  }

  private static BenchRow.Builder base(BenchRow.Builder row, Cell cell, Optional<Measurement> m) {
    row.params(cell.params()).metric(THROUGHPUT).value(m.map(Measurement::score).orElse(null), OPS);
    cell.unsupported().ifPresent(row::note);
    if (m.isEmpty() && cell.unsupported().isEmpty()) {
      row.note("failed to run (see the command output)");
    }
    m.ifPresent(x -> {
      row.extra("error", finite(Ratios.round(x.error(), 1)));
      row.extra("admitted", finite(Ratios.round(x.admitted(), 6)));
    });
    return row;
  }

  private static Double finite(Double x) {
    return x == null || !Double.isFinite(x) ? null : x;
  }

  /** The throughput table: one line per cell, with its ratios to both baselines. */
  public static Table throughputTable(List<Cell> plan, List<Measurement> measured) {
    Table t = new Table()
        .column("benchmark", Align.LEFT)
        .column("regime", Align.LEFT)
        .column("threads", Align.RIGHT)
        .column("keys", Align.RIGHT)
        .column("ops/s", Align.RIGHT)
        .column("error (99.9%)", Align.RIGHT)
        .column("admitted", Align.RIGHT)
        .column("vs bucket4j", Align.RIGHT)
        .column("vs guava", Align.RIGHT);
    for (Cell cell : plan.stream().sorted(Cell.ORDER).toList()) {
      Optional<Measurement> m = find(measured, cell.contender(), cell.shape(), cell.regime(), cell.threads());
      Double score = m.map(Measurement::score).orElse(null);
      Double vsB4j = Ratios.ratio(score, baselineScore(measured, Contender.PRIMARY_BASELINE, cell));
      Double vsGuava = Ratios.ratio(score, baselineScore(measured, Contender.SECONDARY_BASELINE, cell));
      t.row(cell.contender().label(cell.shape()), cell.regime().id(), cell.threads(), String.format(Locale.ROOT, "%,d", cell.keys()),
          m.isPresent() ? String.format(Locale.ROOT, "%,.0f", score)
              : cell.unsupported().isPresent() ? "n/a" : "FAILED",
          m.map(x -> Double.isFinite(x.error()) ? String.format(Locale.ROOT, "+- %,.0f", x.error()) : "").orElse(""),
          m.map(x -> percent(x.admitted())).orElse(""),
          Ratios.format(vsB4j), Ratios.format(vsGuava));
    }
    return t;
  }

  private static Double baselineScore(List<Measurement> measured, Contender baseline, Cell cell) {
    return find(measured, baseline, cell.shape(), cell.regime(), cell.threads())
        .map(Measurement::score).orElse(null);
  }

  static String percent(double fraction) {
    if (!Double.isFinite(fraction)) {
      return "";
    }
    double p = fraction * 100;
    return p == 0 || p >= 1 ? String.format(Locale.ROOT, "%.1f%%", p) : String.format(Locale.ROOT, "%.2g%%", p);
  }

  /** setRate rows: latency (ns per call), Headroom's compared with Bucket4j's, no target. */
  public static List<BenchRow> setRate(List<SetRateOp> plan, List<SetRateOp.Latency> measured) {
    Optional<SetRateOp.Latency> b4j = measured.stream().filter(l -> l.op() == SetRateOp.BUCKET4J).findFirst();
    List<BenchRow> rows = new ArrayList<>();
    for (SetRateOp op : plan) {
      Optional<SetRateOp.Latency> l = measured.stream().filter(x -> x.op() == op).findFirst();
      BenchRow.Builder row = BenchRow.builder(op.label())
          .param("threads", 1)
          .metric("latency")
          .value(l.map(SetRateOp.Latency::nanos).orElse(null), "ns/op")
          .better(Better.LOWER);
      if (op == SetRateOp.HEADROOM) {
        row.baseline(Contender.BUCKET4J.library(), b4j.map(SetRateOp.Latency::nanos).orElse(null));
        if (b4j.isEmpty()) {
          row.note(plan.contains(SetRateOp.BUCKET4J) ? "the baseline failed to run"
              : "the baseline was not run (excluded by --filter)");
        }
      }
      if (l.isEmpty()) {
        row.note("failed to run (see the command output)");
      }
      l.ifPresent(x -> row.extra("error", finite(Ratios.round(x.error(), 2))));
      rows.add(row.build());
    }
    return rows;
  }

  public static Table setRateTable(List<SetRateOp> plan, List<SetRateOp.Latency> measured) {
    Double b4j = measured.stream().filter(l -> l.op() == SetRateOp.BUCKET4J).findFirst()
        .map(SetRateOp.Latency::nanos).orElse(null);
    Table t = new Table()
        .column("rate change (1 thread)", Align.LEFT)
        .column("ns/op", Align.RIGHT)
        .column("error (99.9%)", Align.RIGHT)
        .column("vs bucket4j", Align.RIGHT);
    for (SetRateOp op : plan) {
      Optional<SetRateOp.Latency> l = measured.stream().filter(x -> x.op() == op).findFirst();
      t.row(op.label(),
          l.map(x -> String.format(Locale.ROOT, "%.1f", x.nanos())).orElse("FAILED"),
          l.map(x -> Double.isFinite(x.error()) ? String.format(Locale.ROOT, "+- %.1f", x.error()) : "").orElse(""),
          Ratios.format(Ratios.ratio(l.map(SetRateOp.Latency::nanos).orElse(null), b4j)));
    }
    return t;
  }

  /** Structures whose footprint {@link KeyFootprint} measures, with their row names, in report order. */
  static final Map<String, String> FOOTPRINT_NAMES = new LinkedHashMap<>();

  static {
    FOOTPRINT_NAMES.put(HEADROOM_REGISTRY, "headroom LimiterRegistry bytes per idle key");
    FOOTPRINT_NAMES.put("bucket4j-map", "bucket4j ConcurrentHashMap<String, Bucket> bytes per idle key");
    FOOTPRINT_NAMES.put("guava-map", "guava ConcurrentHashMap<String, RateLimiter> bytes per idle key");
    FOOTPRINT_NAMES.put("resilience4j-map",
        "resilience4j ConcurrentHashMap<String, AtomicRateLimiter> bytes per idle key");
  }

  /**
   * Bytes-per-key rows, one set per JVM (compact object headers off, on). Headroom's has the
   * 150-byte target; the rivals' are context. A JVM that failed gives a Headroom row with no value.
   */
  public static List<BenchRow> footprint(
      List<FootprintProbe.Result> results, int headroomKeys, boolean launcherCompactHeaders) {
    List<BenchRow> rows = new ArrayList<>();
    for (FootprintProbe.Result r : results) {
      for (Map.Entry<String, String> e : FOOTPRINT_NAMES.entrySet()) {
        String id = e.getKey();
        boolean headroom = id.equals(HEADROOM_REGISTRY);
        Optional<FootprintProbe.Structure> s = r.structure(id);
        if (s.isEmpty() && !headroom) {
          continue;
        }
        BenchRow.Builder row = BenchRow.builder(e.getValue())
            .param("keys", s.map(FootprintProbe.Structure::keys).orElse(headroomKeys))
            .param("compact_headers", r.compactHeaders())
            .metric("memory")
            .value(s.map(x -> Ratios.round(x.bytesPerKey(), 2)).orElse(null), "bytes/key");
        if (headroom) {
          row.target(TARGET_BYTES_PER_KEY, Better.LOWER);
        } else {
          row.better(Better.LOWER);
        }
        if (s.isEmpty()) {
          row.note("measurement failed: " + (r.error() != null ? r.error() : "no figure for " + id));
        } else {
          row.note(String.format(Locale.ROOT,
              "JOL retained size of the structure with %,d keys, each touched once, minus the same structure "
                  + "empty, per key; includes the 12-character key String (%.0f bytes)%s",
              s.get().keys(), r.keyStringBytes(),
              r.compactHeaders() == launcherCompactHeaders ? "; the launcher's current setting" : ""));
        }
        rows.add(row.build());
      }
    }
    return rows;
  }

  public static Table footprintTable(List<FootprintProbe.Result> results, int headroomKeys) {
    Table t = new Table()
        .column("bytes per idle key", Align.LEFT)
        .column("compact headers", Align.LEFT)
        .column("keys", Align.RIGHT)
        .column("bytes/key", Align.RIGHT)
        .column("of which key String", Align.RIGHT)
        .column("target", Align.RIGHT);
    for (FootprintProbe.Result r : results) {
      for (String id : FOOTPRINT_NAMES.keySet()) {
        boolean headroom = id.equals(HEADROOM_REGISTRY);
        Optional<FootprintProbe.Structure> s = r.structure(id);
        if (s.isEmpty() && !headroom) {
          continue;
        }
        t.row(id, r.compactHeaders() ? "on" : "off",
            String.format(Locale.ROOT, "%,d", s.map(FootprintProbe.Structure::keys).orElse(headroomKeys)),
            s.map(x -> String.format(Locale.ROOT, "%.1f", x.bytesPerKey())).orElse("FAILED"),
            Double.isFinite(r.keyStringBytes()) ? String.format(Locale.ROOT, "%.0f", r.keyStringBytes()) : "",
            headroom ? "<= " + (int) TARGET_BYTES_PER_KEY : "");
      }
    }
    return t;
  }
}
