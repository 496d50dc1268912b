/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.bench.engine;

import dev.headroom.bench.BenchReport;
import dev.headroom.bench.BenchRow;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code headroom bench engine}: the service under wrk on loopback, in one run. A bare Vert.x route
 * against the decision API (one key, then distinct keys), a trivial upstream direct against the
 * gateway in front of it (throughput, then p99 at half the gateway's peak), a minimal Vert.x proxy in
 * front of the same upstream as the reference for both (what any proxy costs here), and the heap taken by
 * one million resident keys. Every server runs in a JVM of its own with the launcher's flags, so
 * only the one under measurement is busy; rounds interleave the servers so that a slow spell of a
 * shared machine falls on all of them. Prints tables and writes {@code bench-results/engine.json}.
 */
public final class EngineBench {

  public static final String NAME = "engine";

  /**
   * @param seconds   measured seconds per wrk run; null for the preset's
   * @param instances server instances (event loops) of every server, the engine's and the baselines'
   */
  public record Options(boolean quick, Integer seconds, int instances, Path resultsDir, Integer settleSeconds) {

    /** Without a settle time of its own: the preset's. */
    public Options(boolean quick, Integer seconds, int instances, Path resultsDir) {
      this(quick, seconds, instances, resultsDir, null);
    }
  }

  /** What a run does, from the options. */
  record Plan(boolean quick, int seconds, int warmupSeconds, int calibrationSeconds, int rounds, int threads,
      int connections, int keysPerThread, int memoryKeys, int instances, int oneShotKeys, int settleSeconds) {

    static Plan of(Options o) {
      if (o.seconds() != null && o.seconds() < 1) {
        throw new IllegalArgumentException("--duration must be at least 1 second, got " + o.seconds());
      }
      if (o.instances() < 1) {
        throw new IllegalArgumentException("instances must be at least 1, got " + o.instances());
      }
      if (o.settleSeconds() != null && o.settleSeconds() < 0) {
        throw new IllegalArgumentException("--settle must be at least 0 seconds, got " + o.settleSeconds());
      }
      return o.quick()
          ? new Plan(true, o.seconds() != null ? o.seconds() : 2, 2, 1, 1, 2, 64, 50_000, 100_000, o.instances(),
              100_000, o.settleSeconds() != null ? o.settleSeconds() : 5)
          : new Plan(false, o.seconds() != null ? o.seconds() : 10, 10, 3, 3, 2, 64, 500_000, 1_000_000, o.instances(),
              1_000_000, o.settleSeconds() != null ? o.settleSeconds() : 60);
    }

    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("mode", quick ? "quick" : "full");
      m.put("seconds_per_run", seconds);
      m.put("warmup_seconds", warmupSeconds);
      m.put("calibration_seconds", calibrationSeconds);
      m.put("rounds", rounds);
      m.put("wrk_threads", threads);
      m.put("wrk_connections", connections);
      m.put("distinct_keys", keysPerThread * threads);
      m.put("memory_keys", memoryKeys);
      m.put("one_shot_keys", oneShotKeys);
      m.put("one_shot_settle_seconds", settleSeconds);
      m.put("server_instances", instances);
      return m;
    }
  }

  /**
   * One saturating measurement: which series, against which server (null when it did not start; the
   * series then says why), with which script.
   */
  private record Target(Series series, ForkedServer server, String path, WrkScript script) {

    Wrk.Run run(Plan plan, int seconds) {
      return new Wrk.Run(server.url(path), script, plan.threads(), plan.connections(), seconds);
    }
  }

  private EngineBench() {}

  /** Runs the benchmark; returns the exit code (1 when a measurement failed). */
  public static int run(Options options, PrintStream out, PrintStream err) throws IOException {
    Instant started = Instant.now();
    Plan plan = Plan.of(options);
    Progress progress = new Progress(err);
    Optional<Path> wrkPath = Wrk.locate();
    Map<String, Object> settings = new LinkedHashMap<>(plan.toJson());
    settings.put("fork_jvm_args", BenchReport.jvmFlags());
    // Figures from a machine busy with other work are noisier; the load says how busy it was.
    double loadAtStart = loadAverage();
    EngineRows.Measured measured;
    Path scripts = Files.createTempDirectory("headroom-bench-wrk");
    try {
      if (wrkPath.isEmpty()) {
        String why = "wrk not found: install Debian's wrk (apt-get install wrk) or give its path with -Dheadroom.wrk=PATH";
        progress.line(why);
        measured = new EngineRows.Measured(Series.failed("bare", why), Series.failed("decision", why),
            Series.failed("bare", why), Series.failed("decision", why), Series.failed("direct", why),
            Series.failed("gateway", why), Series.failed(EngineRows.PROXY, why), Series.failed("gateway", why),
            null, memory(plan, progress), oneShot(plan, progress), plan.threads(), plan.connections(),
            plan.keysPerThread() * plan.threads());
      } else {
        Wrk wrk = new Wrk(wrkPath.get(), scripts);
        settings.put("wrk", wrk.version());
        measured = measureServers(wrk, plan, progress);
      }
    } finally {
      deleteTree(scripts);
    }

    List<BenchRow> rows = EngineRows.rows(measured);
    settings.put("load_average_1m", List.of(loadAtStart, loadAverage()));
    settings.put("duration_s", Duration.between(started, Instant.now()).toSeconds());
    BenchReport report = new BenchReport(NAME, started, BenchReport.Machine.current(), settings, rows);
    Path file = report.writeTo(options.resultsDir());

    out.println();
    out.print(EngineRows.table(rows).render());
    if (measured.halfPeak() != null) {
      out.println();
      out.print(EngineRows.halfPeakTable(measured.halfPeak()).render());
    }
    out.println();
    long hits = rows.stream().filter(r -> Boolean.TRUE.equals(r.meetsTarget())).count();
    long misses = rows.stream().filter(r -> Boolean.FALSE.equals(r.meetsTarget())).count();
    out.printf(Locale.ROOT, "targets met: %d of %d. Report: %s%n", hits, hits + misses, file);
    boolean failed = Stream.of(measured.bareOne(), measured.decisionOne(), measured.bareDistinct(),
            measured.decisionDistinct(), measured.direct(), measured.proxy(), measured.gatewayBesideProxy())
            .anyMatch(s -> !s.ok())
        || !measured.gateway().ok() || measured.halfPeak() == null || measured.halfPeak().addedP99Millis() == null
        || measured.memory().result() == null || measured.oneShot().result() == null;
    if (failed) {
      out.println("some measurements failed; their rows have no value and say why (details above, on standard error)");
    }
    return failed ? 1 : 0;
  }

  private static EngineRows.Measured measureServers(Wrk wrk, Plan plan, Progress progress) {
    Series bareOne = new Series("bare, one key");
    Series decisionOne = new Series("decision, one key");
    Series bareDistinct = new Series("bare, distinct keys");
    Series decisionDistinct = new Series("decision, distinct keys");
    Series direct = new Series(EngineRows.DIRECT);
    Series gateway = new Series("gateway");
    Series proxy = new Series(EngineRows.PROXY);
    Series gatewayBesideProxy = new Series("gateway, beside the proxy");
    HalfPeak halfPeak = null;
    List<ForkedServer> servers = new ArrayList<>();
    try {
      ForkedServer bare = start(ServerRole.BARE, plan, null, servers, progress, bareOne, bareDistinct);
      ForkedServer decision = start(ServerRole.DECISION, plan, null, servers, progress, decisionOne, decisionDistinct);
      ForkedServer upstream = start(ServerRole.UPSTREAM, plan, null, servers, progress, direct, gateway, proxy,
          gatewayBesideProxy);
      ForkedServer gw = upstream == null ? null
          : start(ServerRole.GATEWAY, plan, upstream.port(), servers, progress, gateway, gatewayBesideProxy);
      ForkedServer px = upstream == null ? null
          : start(ServerRole.PROXY, plan, upstream.port(), servers, progress, proxy);

      WrkScript one = WrkScript.post(WrkScript.ONE_KEY_BODY);
      WrkScript distinct = WrkScript.distinctKeys(plan.keysPerThread());
      WrkScript get = WrkScript.get(Map.of("X-Api-Key", WrkScript.GATEWAY_KEY), 0);
      List<Target> targets = new ArrayList<>();
      // In pairs: each baseline, then what is compared with it (see roundOrder).
      targets.add(new Target(bareOne, bare, "/v1/check", one));
      targets.add(new Target(decisionOne, decision, "/v1/check", one));
      targets.add(new Target(bareDistinct, bare, "/v1/check", distinct));
      targets.add(new Target(decisionDistinct, decision, "/v1/check", distinct));
      targets.add(new Target(direct, upstream, "/", get));
      targets.add(new Target(gateway, gw, "/", get));
      targets.add(new Target(proxy, px, "/", get));
      targets.add(new Target(gatewayBesideProxy, gw, "/", get));
      long[] decisionRequests = {0};

      for (Target t : targets) {
        measureOnce(wrk, t, plan.warmupSeconds(), "warm-up", progress, decisionRequests, false, plan);
      }
      for (int round = 0; round < plan.rounds(); round++) {
        for (Target t : roundOrder(targets, round)) {
          measureOnce(wrk, t, plan.seconds(), "round " + (round + 1), progress, decisionRequests, true, plan);
        }
      }
      if (decision != null) {
        checkTally(decision, decisionRequests[0], progress, decisionOne, decisionDistinct);
      }
      if (gw != null && gateway.ok() && direct.ok()) {
        halfPeak = HalfPeakLatency.measure(wrk, upstream, proxy.ok() ? px : null, gw, gateway.rps(), plan, progress);
      }
    } finally {
      for (ForkedServer s : servers.reversed()) {
        s.close();
      }
    }
    return new EngineRows.Measured(bareOne, decisionOne, bareDistinct, decisionDistinct, direct, gateway, proxy,
        gatewayBesideProxy, halfPeak, memory(plan, progress), oneShot(plan, progress), plan.threads(), plan.connections(),
        plan.keysPerThread() * plan.threads());
  }

  /**
   * The order of one round. Targets come in pairs (baseline, then what is compared with it), and a
   * pair always runs back to back so that both see the same spell of a shared machine; within a pair
   * the first alternates from round to round, and each round starts one pair later.
   */
  static <T> List<T> roundOrder(List<T> pairs, int round) {
    if (pairs.size() % 2 != 0) {
      throw new IllegalArgumentException("targets come in pairs, got " + pairs.size());
    }
    int n = pairs.size() / 2;
    List<T> order = new ArrayList<>(pairs.size());
    for (int i = 0; i < n; i++) {
      int pair = (i + round) % n;
      T baseline = pairs.get(2 * pair);
      T compared = pairs.get(2 * pair + 1);
      order.add(round % 2 == 0 ? baseline : compared);
      order.add(round % 2 == 0 ? compared : baseline);
    }
    return order;
  }

  /** Starts a server; on failure marks {@code dependents} failed and returns null. */
  private static ForkedServer start(ServerRole role, Plan plan, Integer upstreamPort, List<ForkedServer> servers,
      Progress progress, Series... dependents) {
    progress.line("starting the " + role.id() + " server JVM");
    try {
      ForkedServer s = ForkedServer.start(role, plan.instances(), upstreamPort);
      servers.add(s);
      return s;
    } catch (IOException e) {
      progress.line("FAILED: " + e.getMessage());
      for (Series d : dependents) {
        d.fail(e.getMessage());
      }
      return null;
    }
  }

  /**
   * One wrk run against a target; {@code keep} false is a warm-up, whose failed requests (a cold
   * server timing out) are reported but do not fail the series, and whose figures are not kept.
   */
  private static void measureOnce(Wrk wrk, Target t, int seconds, String label, Progress progress,
      long[] decisionRequests, boolean keep, Plan plan) {
    Series s = t.series();
    if (s.failed() || t.server() == null) {
      return;
    }
    Wrk.Run run = t.run(plan, seconds);
    try {
      WrkResult r = keep ? wrk.run(run) : wrk.runAllowingErrors(run);
      if (!keep && !r.problems().isEmpty()) {
        progress.line(label + " " + s.id() + ": " + String.join("; ", r.problems()) + " (a warm-up: not counted)");
      }
      if (!t.server().alive()) {
        throw new IOException("the " + t.server().role().id() + " server JVM died:\n" + t.server().logTail());
      }
      if (t.server().role() == ServerRole.DECISION) {
        decisionRequests[0] += r.requests();
      }
      if (keep) {
        s.add(r);
      }
      progress.line(String.format(Locale.ROOT, "%s %s: %,.0f req/s, p99 %.3f ms", label, s.id(),
          r.requestsPerSecond(), r.latency().p99Us() / 1000));
    } catch (IOException e) {
      s.fail(label + ": " + e.getMessage());
      progress.line(label + " " + s.id() + " FAILED: " + e.getMessage());
    }
  }

  /** wrk sees 200 for a refused check too: the engine's own counters must show every check admitted. */
  private static void checkTally(ForkedServer decision, long wrkRequests, Progress progress, Series... rows) {
    String problem;
    try {
      DecisionTally t = DecisionTally.fetch(decision.url("/metrics"));
      progress.line(String.format(Locale.ROOT, "decision tally: %,d allowed, %d rejected, %d shed; wrk counted %,d",
          t.allowed(), t.rejected(), t.shed(), wrkRequests));
      problem = t.rejected() > 0 || t.shed() > 0
          ? "the limit refused " + (t.rejected() + t.shed()) + " checks: the rows would not measure admissions"
          : t.allowed() < wrkRequests ? "the engine counted " + t.allowed() + " admitted checks, fewer than wrk's "
              + wrkRequests + " responses"
          : null;
    } catch (IOException | IllegalArgumentException e) {
      problem = "could not read the engine's decision counters: " + e.getMessage();
    }
    if (problem != null) {
      progress.line("FAILED: " + problem);
      for (Series s : rows) {
        s.fail(problem);
      }
    }
  }

  private static MemoryOutcome memory(Plan plan, Progress progress) {
    progress.line(String.format(Locale.ROOT, "memory: %,d distinct keys through Engine.check in a fresh JVM",
        plan.memoryKeys()));
    try {
      MemoryProbe.Result r = MemoryProbe.measure(plan.memoryKeys(), 900);
      progress.line(String.format(Locale.ROOT, "memory: %.1f MB per million keys (heap %.1f -> %.1f MB)",
          r.mbPerMillionKeys(), r.heapBefore() / 1e6, r.heapAfter() / 1e6));
      return new MemoryOutcome(r, null);
    } catch (IOException | IllegalArgumentException e) {
      progress.line("memory FAILED: " + e.getMessage());
      return new MemoryOutcome(null, e.getMessage());
    }
  }

  private static OneShotProbe.Outcome oneShot(Plan plan, Progress progress) {
    progress.line(String.format(Locale.ROOT, "one-shot keys: %,d keys through the default config, then %d s idle",
        plan.oneShotKeys(), plan.settleSeconds()));
    try {
      OneShotProbe.Result r = OneShotProbe.measure(plan.oneShotKeys(), plan.settleSeconds(), 900L + plan.settleSeconds());
      progress.line(String.format(Locale.ROOT, "one-shot keys: heap %.1f -> %.1f -> %.1f MB; resident keys %,d -> %,d",
          r.heapBefore() / 1e6, r.heapLoaded() / 1e6, r.heapSettled() / 1e6, r.residentLoaded(), r.residentSettled()));
      return new OneShotProbe.Outcome(r, null);
    } catch (IOException | IllegalArgumentException e) {
      progress.line("one-shot keys FAILED: " + e.getMessage());
      return new OneShotProbe.Outcome(null, e.getMessage());
    }
  }

  private static double loadAverage() {
    return Math.round(java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100)
        / 100.0;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // a temporary folder left behind
    }
  }
}
