package dev.headroom.bench.simulator;

import dev.headroom.bench.Better;
import dev.headroom.bench.BenchRow;
import dev.headroom.bench.Table;
import dev.headroom.simulator.event.EventQueue;
import dev.headroom.simulator.event.Simulation;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;

/**
 * The same M/M/1 plus token bucket model ({@link TokenBucketQueue}) in SimPy and in ours, in one
 * run: how many more arrivals a second we simulate (target 50x), and whether both find the same
 * mean queue length (number in system, time average; target within 2%). Speed is compared on CPU
 * time of the simulation loop on both sides (interpreter and JVM start-up excluded), wall clock
 * beside it; ours is the median of several runs after warm-up, SimPy's a single run of the same model.
 */
final class SimpyComparison implements BenchSection {

  static final double SPEED_TARGET = 50;
  static final double AGREEMENT_TARGET_PERCENT = 2;

  @Override
  public String name() {
    return "simpy";
  }

  @Override
  public Result run(SimulatorBench.Options options, PrintStream progress) throws Exception {
    TokenBucketQueue.Params params = TokenBucketQueue.Params.standard(options.quick() ? 200_000 : 1_000_000);
    EventQueue.Kind queue = Simulation.DEFAULT_QUEUE;
    progress.printf(Locale.ROOT, "M/M/1 + token bucket, %,d arrivals: ours ...%n", params.arrivals());
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    int warmups = 3;
    int runs = options.quick() ? 3 : 7;
    double[] cpu = new double[runs];
    double[] wall = new double[runs];
    TokenBucketQueue.Outcome ours = null;
    for (int r = -warmups; r < runs; r++) {
      long c0 = mx.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      TokenBucketQueue.Outcome o = TokenBucketQueue.run(params, queue);
      long w1 = System.nanoTime();
      long c1 = mx.getCurrentThreadCpuTime();
      if (ours != null && !o.equals(ours)) {
        throw new IllegalStateException("the model is not deterministic: " + o + " then " + ours);
      }
      ours = o;
      if (r >= 0) {
        cpu[r] = (c1 - c0) / 1e9;
        wall[r] = (w1 - w0) / 1e9;
      }
    }
    double ourCpu = HoldThroughput.median(cpu);
    double ourWall = HoldThroughput.median(wall);
    progress.printf(Locale.ROOT, "  ours: %.3f s CPU, %.3f s wall, mean in system %.4f%n", ourCpu, ourWall,
        ours.meanInSystem());

    progress.println("  SimPy ...");
    SimpyRunner.Answer simpy = null;
    String skipped = null;
    try {
      simpy = SimpyRunner.run(options.python(), options.pythonTimeout(), params);
      progress.printf(Locale.ROOT, "  %s: %.3f s CPU, %.3f s wall, mean in system %.4f%n", simpy.version(),
          simpy.cpuSeconds(), simpy.wallSeconds(), simpy.meanInSystem());
    } catch (IllegalStateException e) {
      skipped = "SimPy not run: " + e.getMessage();
      progress.println("  " + skipped);
    }

    double ourRate = params.arrivals() / ourCpu;
    BenchRow.Builder speed = BenchRow.builder("simpy speed-up")
        .params(paramsJson(params))
        .metric("arrivals simulated per CPU second")
        .value(ourRate, "arrivals/s")
        .target(SPEED_TARGET, Better.HIGHER)
        .extra("events", ours.events())
        .extra("wall_arrivals_per_s", Math.round(params.arrivals() / ourWall));
    BenchRow.Builder agreement = BenchRow.builder("mean queue length vs simpy")
        .params(paramsJson(params))
        .metric("relative difference of the mean number in system")
        .target(AGREEMENT_TARGET_PERCENT, Better.LOWER)
        .extra("ours_mean_in_system", ours.meanInSystem())
        .extra("ours_mean_waiting", ours.meanWaiting())
        .extra("ours_admitted", ours.admitted());
    if (simpy != null) {
      double diff = Math.abs(ours.meanInSystem() / simpy.meanInSystem() - 1) * 100;
      speed.baseline(simpy.version(), params.arrivals() / simpy.cpuSeconds())
          .extra("simpy_wall_arrivals_per_s", Math.round(params.arrivals() / simpy.wallSeconds()))
          .extra("wall_ratio", Math.round(simpy.wallSeconds() / ourWall * 10) / 10.0);
      agreement.value(diff, "%")
          .extra("simpy_mean_in_system", simpy.meanInSystem())
          .extra("simpy_mean_waiting", simpy.meanWaiting())
          .extra("simpy_admitted", simpy.admitted());
    } else {
      speed.baseline("SimPy", null).note(skipped);
      agreement.value(null, "%").note(skipped);
    }
    List<BenchRow> rows = List.of(speed.build(), agreement.build());
    return new Result(rows, table(params, ours, ourCpu, ourWall, simpy, skipped), false);
  }

  private static java.util.Map<String, Object> paramsJson(TokenBucketQueue.Params p) {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("arrivals", p.arrivals());
    m.put("lambda_per_s", p.lambda());
    m.put("bucket_rate_per_s", p.bucketRate());
    m.put("burst", p.burst());
    m.put("mu_per_s", p.mu());
    return m;
  }

  private static String table(TokenBucketQueue.Params p, TokenBucketQueue.Outcome ours, double ourCpu, double ourWall,
      SimpyRunner.Answer simpy, String skipped) {
    Table t = new Table()
        .column("simulator", Table.Align.LEFT)
        .column("CPU s", Table.Align.RIGHT)
        .column("wall s", Table.Align.RIGHT)
        .column("arrivals/s (CPU)", Table.Align.RIGHT)
        .column("admitted", Table.Align.RIGHT)
        .column("mean in system", Table.Align.RIGHT)
        .column("mean waiting", Table.Align.RIGHT);
    t.row("headroom", f3(ourCpu), f3(ourWall), String.format(Locale.ROOT, "%,.0f", p.arrivals() / ourCpu),
        ours.admitted(), f4(ours.meanInSystem()), f4(ours.meanWaiting()));
    String footer;
    if (simpy != null) {
      t.row(simpy.version(), f3(simpy.cpuSeconds()), f3(simpy.wallSeconds()),
          String.format(Locale.ROOT, "%,.0f", p.arrivals() / simpy.cpuSeconds()), simpy.admitted(),
          f4(simpy.meanInSystem()), f4(simpy.meanWaiting()));
      footer = String.format(Locale.ROOT,
          "speed-up %.1fx on CPU time (%.1fx wall; target >= %.0fx); mean in system differs by %.2f%% (target <= %.0f%%)%n",
          simpy.cpuSeconds() / ourCpu, simpy.wallSeconds() / ourWall, SPEED_TARGET,
          Math.abs(ours.meanInSystem() / simpy.meanInSystem() - 1) * 100, AGREEMENT_TARGET_PERCENT);
    } else {
      footer = skipped + "\n";
    }
    return String.format(Locale.ROOT,
        "M/M/1 behind a token bucket: %,d Poisson arrivals at %.0f/s, bucket %.0f/s burst %d, service %.0f/s%n",
        p.arrivals(), p.lambda(), p.bucketRate(), p.burst(), p.mu()) + t.render() + footer;
  }

  private static String f3(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  private static String f4(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
