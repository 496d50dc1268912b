package dev.headroom.bench.simulator;

import dev.headroom.bench.Better;
import dev.headroom.bench.BenchRow;
import dev.headroom.bench.Table;
import dev.headroom.simulator.event.EventQueue;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Raw event throughput on the {@link HoldModel} at 1e3, 1e5 and 1e6 pending events, each queue side
 * by side: the models of one size are built together and their iterations interleaved, so that a
 * burst of load on a shared machine hits both alike.
 *
 * <p>Why not JMH: each iteration here is millions of events through a whole simulation, so harness
 * overhead is nil, and interleaving the queues in one JVM is what makes the comparison fair on a
 * busy machine. The figure judged is events per second of the thread's CPU time (a core's worth of
 * work, what "per second on one core" means); wall-clock figures are reported beside it, and they
 * match when the machine is quiet.
 */
final class HoldThroughput implements BenchSection {

  static final int[] SIZES = {1_000, 100_000, 1_000_000};
  static final double TARGET = 10_000_000;

  @Override
  public String name() {
    return "hold";
  }

  /** One queue at one size: median events per CPU second and per wall second. */
  record Figure(EventQueue.Kind queue, int pending, double cpuRate, double wallRate, double cpuMin, double cpuMax) {}

  @Override
  public Result run(SimulatorBench.Options options, PrintStream progress) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    int warmups = options.quick() ? 1 : 3;
    int rounds = options.quick() ? 3 : 7;
    int events = options.quick() ? 500_000 : 3_000_000;
    List<Figure> figures = new ArrayList<>();
    for (int n : SIZES) {
      progress.printf(Locale.ROOT, "hold model, %,d pending: building ...%n", n);
      Map<EventQueue.Kind, HoldModel> models = new EnumMap<>(EventQueue.Kind.class);
      for (EventQueue.Kind kind : EventQueue.Kind.values()) {
        models.put(kind, new HoldModel(kind, n, 20_261_126));
      }
      Map<EventQueue.Kind, double[]> cpu = new EnumMap<>(EventQueue.Kind.class);
      Map<EventQueue.Kind, double[]> wall = new EnumMap<>(EventQueue.Kind.class);
      models.keySet().forEach(k -> {
        cpu.put(k, new double[rounds]);
        wall.put(k, new double[rounds]);
      });
      long sink = 0;
      for (int r = -warmups; r < rounds; r++) {
        for (EventQueue.Kind kind : EventQueue.Kind.values()) {
          long c0 = mx.getCurrentThreadCpuTime();
          long w0 = System.nanoTime();
          sink += models.get(kind).steps(events);
          long w1 = System.nanoTime();
          long c1 = mx.getCurrentThreadCpuTime();
          if (r >= 0) {
            cpu.get(kind)[r] = events * 1e9 / (c1 - c0);
            wall.get(kind)[r] = events * 1e9 / (w1 - w0);
          }
        }
      }
      for (EventQueue.Kind kind : EventQueue.Kind.values()) {
        if (models.get(kind).pending() != n) {
          throw new IllegalStateException("hold model lost events: " + models.get(kind).pending() + " of " + n);
        }
        double[] c = cpu.get(kind).clone();
        Arrays.sort(c);
        Figure f = new Figure(kind, n, median(cpu.get(kind)), median(wall.get(kind)), c[0], c[c.length - 1]);
        figures.add(f);
        progress.printf(Locale.ROOT, "  %-14s %6.2f M events/s (CPU time), %6.2f M/s wall%n", kind.label(),
            f.cpuRate() / 1e6, f.wallRate() / 1e6);
      }
      if (sink == 42) {
        progress.println();
      }
    }
    return new Result(rows(figures, rounds, events), table(figures), false);
  }

  static List<BenchRow> rows(List<Figure> figures, int rounds, int events) {
    List<BenchRow> rows = new ArrayList<>();
    for (Figure f : figures) {
      rows.add(BenchRow.builder("hold model " + f.queue().id())
          .param("pending", f.pending())
          .param("queue", f.queue().id())
          .param("mean_increment_s", 1.0)
          .metric("event throughput")
          .value(f.cpuRate(), "events/s")
          .target(TARGET, Better.HIGHER)
          .note("events per second of the benchmark thread's CPU time; median of " + rounds + " runs of "
              + events + " events")
          .extra("wall_events_per_s", Math.round(f.wallRate()))
          .extra("cpu_min_events_per_s", Math.round(f.cpuMin()))
          .extra("cpu_max_events_per_s", Math.round(f.cpuMax()))
          .build());
    }
    return rows;
  }

  static String table(List<Figure> figures) {
    Table t = new Table().column("pending", Table.Align.RIGHT);
    for (EventQueue.Kind kind : EventQueue.Kind.values()) {
      t.column(kind.id() + " M/s", Table.Align.RIGHT).column("(wall)", Table.Align.RIGHT);
    }
    t.column("best/heap4", Table.Align.RIGHT).column("target", Table.Align.RIGHT);
    for (int n : SIZES) {
      List<String> cells = new ArrayList<>();
      cells.add(String.format(Locale.ROOT, "%,d", n));
      double best = 0;
      for (EventQueue.Kind kind : EventQueue.Kind.values()) {
        Figure f = find(figures, kind, n);
        cells.add(f == null ? "" : m(f.cpuRate()));
        cells.add(f == null ? "" : m(f.wallRate()));
        best = f == null ? best : Math.max(best, f.cpuRate());
      }
      Figure h = find(figures, EventQueue.Kind.HEAP4, n);
      cells.add(h == null ? "" : String.format(Locale.ROOT, "%.2fx", best / h.cpuRate()));
      cells.add(">= 10 M/s");
      t.row(cells.toArray(new String[0]));
    }
    return "Hold model: events per second on one core (CPU time; wall clock in brackets), queues side by side\n"
        + t.render();
  }

  private static Figure find(List<Figure> figures, EventQueue.Kind kind, int n) {
    return figures.stream().filter(f -> f.queue() == kind && f.pending() == n).findFirst().orElse(null);
  }

  private static String m(double rate) {
    return String.format(Locale.ROOT, "%.2f", rate / 1e6);
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
