/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.engine.config.AlgorithmConfig.GcraParams;
import dev.headroom.engine.config.AlgorithmConfig.QuotaParams;
import dev.headroom.engine.config.AlgorithmConfig.TokenBucketParams;
import dev.headroom.engine.limiter.CalendarQuota;
import dev.headroom.engine.limiter.ConcurrencyLimit;
import dev.headroom.engine.limiter.Gcra;
import dev.headroom.engine.limiter.Inheritance;
import dev.headroom.engine.limiter.Rate;
import dev.headroom.engine.limiter.SlidingWindowCounter;
import dev.headroom.engine.limiter.TokenBucket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Valid configurations load into the records they describe, defaults included. */
class ConfigLoaderTest {

  private static final String GENERATED = "generated-token-for-tests-0001";
  private final ConfigLoader loader = new ConfigLoader(name -> null, () -> GENERATED);

  static HeadroomConfig parse(ConfigLoader loader, String yaml) {
    return loader.parse(yaml, "headroom.yaml");
  }

  @Test
  void embeddedDefaultIsOneTokenBucketPerApiKeyWithPredictiveReactivePolicy() {
    HeadroomConfig c = loader.loadDefault();
    assertEquals(ServerConfig.DEFAULT, c.server());
    assertEquals(Optional.empty(), c.influx(), "the default keeps history in memory");
    assertEquals(TelemetryConfig.DEFAULT, c.telemetry());
    assertEquals(1, c.limits().size());
    LimitConfig l = c.limits().getFirst();
    assertEquals("default", l.name());
    assertEquals(new TokenBucketParams(Rate.perSecond(100), 200), l.algorithm());
    assertEquals(List.of(new MatchConfig.KeyPart(List.of(
        MatchConfig.Source.header("X-Api-Key"), MatchConfig.Source.field("key")))), l.match().key());
    assertEquals(PolicyConfig.Type.PREDICTIVE_REACTIVE, l.policy().type());
    assertFalse(l.policy().shadow());
    assertEquals(new PolicyConfig.Predictive("p90", Duration.ofMinutes(5), 1.2, 2.0,
        Duration.ofMinutes(5), Duration.ofDays(7), PolicyConfig.DEFAULT_MODELS, Optional.empty()),
        l.policy().predictive().orElseThrow());
    assertEquals(new PolicyConfig.Reactive("aimd", Duration.ofMillis(250), 0.7, 5.0),
        l.policy().reactive().orElseThrow());
    assertEquals(10.0, l.policy().minPerSecond());
    assertEquals(1000.0, l.policy().maxPerSecond());
    assertEquals(Inheritance.PROPORTIONAL, l.inheritance());
    assertEquals(TokenBucket.of(Rate.perSecond(100), 200).toString(), l.toLimit().toString());
    assertTrue(c.upstreams().isEmpty());
  }

  @Test
  void adminTokenComesFromTheEnvironmentElseIsGenerated() {
    HeadroomConfig generated = loader.loadDefault();
    assertEquals(new AdminConfig(GENERATED, AdminConfig.Origin.GENERATED, "HEADROOM_ADMIN_TOKEN"), generated.admin());

    ConfigLoader withEnv = new ConfigLoader(
        Map.of("HEADROOM_ADMIN_TOKEN", "from-the-environment-123")::get, () -> GENERATED);
    AdminConfig fromEnv = withEnv.loadDefault().admin();
    assertEquals("from-the-environment-123", fromEnv.token());
    assertEquals(AdminConfig.Origin.ENVIRONMENT, fromEnv.origin());
    assertFalse(fromEnv.toString().contains("from-the-environment"), "toString must not show the token");

    AdminConfig inFile = parse(loader, """
        admin: {token: "a-token-written-in-the-file"}
        limits: [{name: a, algorithm: {type: concurrency, maxInFlight: 1}}]
        """).admin();
    assertEquals(new AdminConfig("a-token-written-in-the-file", AdminConfig.Origin.FILE, null), inFile);
  }

  @Test
  void realGeneratorGivesLongDistinctTokens() {
    String a = ConfigLoader.randomToken();
    String b = ConfigLoader.randomToken();
    assertEquals(32, a.length());
    assertNotEquals(a, b);
  }

  @Test
  void minimalFileTakesDefaultsForEverySection() {
    HeadroomConfig c = parse(loader, """
        limits:
          - name: api
            algorithm: {type: token-bucket, rate: 50/s}
        """);
    assertEquals(ServerConfig.DEFAULT, c.server());
    assertEquals(TelemetryConfig.DEFAULT, c.telemetry());
    LimitConfig l = c.limit("api").orElseThrow();
    assertEquals(new TokenBucketParams(Rate.perSecond(50), 50), l.algorithm(), "burst defaults to one second of rate");
    assertEquals(new MatchConfig(Condition.ALWAYS, List.of()), l.match(), "no match: every request, one bucket");
    assertEquals(PolicyConfig.fixed(50, Duration.ofMinutes(1)), l.policy());
    assertEquals("headroom.yaml", c.source());
  }

  @Test
  void everyAlgorithmMapsOntoTheLimiterCore() {
    HeadroomConfig c = parse(loader, """
        limits:
          - {name: tb, algorithm: {type: token-bucket, rate: 1000/min, burst: 10}}
          - {name: g1, algorithm: {type: gcra, rate: 0.5/s, burst: 4, delay: 2}}
          - {name: g2, algorithm: {type: gcra, rate: 30/10s}}
          - {name: q, algorithm: {type: quota, quota: 1000000/day, zone: Europe/Paris}}
          - {name: sw, algorithm: {type: sliding-window, limit: 600, window: 1m}}
          - {name: cc, algorithm: {type: concurrency, maxInFlight: 8}}
        """);
    TokenBucket tb = assertInstanceOf(TokenBucket.class, c.limit("tb").orElseThrow().toLimit());
    assertEquals(new Rate(1000, 60_000_000_000L), tb.rate(), "1000/min stays exact");
    assertEquals(10, tb.burst());
    Gcra g1 = assertInstanceOf(Gcra.class, c.limit("g1").orElseThrow().toLimit());
    assertEquals(new Rate(1, 2_000_000_000L), g1.rate(), "0.5/s is one per two seconds, exactly");
    assertEquals(4, g1.burst());
    assertEquals(2, g1.delay());
    assertEquals(new GcraParams(new Rate(3, 1_000_000_000L), 0, 0), c.limit("g2").orElseThrow().algorithm());
    CalendarQuota q = assertInstanceOf(CalendarQuota.class, c.limit("q").orElseThrow().toLimit());
    assertEquals(1_000_000, q.quota());
    assertEquals(CalendarQuota.Window.DAY, q.window());
    assertEquals(ZoneId.of("Europe/Paris"), q.zone());
    SlidingWindowCounter sw = assertInstanceOf(SlidingWindowCounter.class, c.limit("sw").orElseThrow().toLimit());
    assertEquals(600, sw.limit());
    ConcurrencyLimit cc = assertInstanceOf(ConcurrencyLimit.class, c.limit("cc").orElseThrow().toLimit());
    assertEquals(8, cc.limit());
  }

  @Test
  void policiesReadTheirOwnParameters() {
    HeadroomConfig c = parse(loader, """
        limits:
          - name: p
            algorithm: {type: token-bucket, rate: 100/s, burst: 100}
            policy:
              type: predictive
              shadow: true
              min: 50/s
              max: 400/s
              refresh: 30s
              quantile: p99
              lead: 90s
              headroom: 1.5
              maxChangePerStep: 1.5
              maxAge: 2m
              history: 14d
          - name: r
            algorithm: {type: gcra, rate: 100/s, burst: 10}
            policy: {type: reactive, variant: gradient, targetLatency: 80ms, backoff: 0.5, increase: 2/s}
          - name: s
            algorithm: {type: token-bucket, rate: 100/s}
            policy:
              type: schedule
              zone: America/New_York
              schedule:
                - {days: mon-fri, from: "09:00", to: "17:30", rate: 300/s}
                - {days: [sat, sun], from: "00:00", to: "12:00", rate: 20/s}
                - {days: fri-mon, from: "18:00", to: "24:00", rate: 150/s}
        """);
    PolicyConfig p = c.limit("p").orElseThrow().policy();
    assertEquals(new PolicyConfig(PolicyConfig.Type.PREDICTIVE, true, 50, 400, Duration.ofSeconds(30),
        Optional.of(new PolicyConfig.Predictive("p99", Duration.ofSeconds(90), 1.5, 1.5,
            Duration.ofMinutes(2), Duration.ofDays(14), PolicyConfig.DEFAULT_MODELS, Optional.empty())),
        Optional.empty(), Optional.empty(), false, PolicyConfig.DEFAULT_TRACKED_KEYS), p);
    PolicyConfig r = c.limit("r").orElseThrow().policy();
    assertEquals(new PolicyConfig.Reactive("gradient", Duration.ofMillis(80), 0.5, 2.0), r.reactive().orElseThrow());
    assertEquals(10.0, r.minPerSecond());
    assertEquals(1000.0, r.maxPerSecond());
    PolicyConfig.Schedule s = c.limit("s").orElseThrow().policy().schedule().orElseThrow();
    assertEquals(ZoneId.of("America/New_York"), s.zone());
    assertEquals(List.of(
        new PolicyConfig.ScheduleEntry(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            LocalTime.of(9, 0), LocalTime.of(17, 30), 300),
        new PolicyConfig.ScheduleEntry(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
            LocalTime.MIDNIGHT, LocalTime.NOON, 20),
        new PolicyConfig.ScheduleEntry(EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY),
            LocalTime.of(18, 0), LocalTime.MAX, 150)), s.entries());
  }

  @Test
  void exampleFileLoadsWithEverySection() {
    HeadroomConfig c = loader.load(Path.of("src/main/resources/headroom-example.yaml"));
    assertEquals(new InfluxConfig("http://127.0.0.1:8086", "headroom", Duration.ofSeconds(2), Duration.ofSeconds(30)),
        c.influx().orElseThrow());
    assertEquals(List.of(new CapacityConfig("orders-db", 3000)), c.capacities());
    assertEquals(new QuotaParams(1000, CalendarQuota.Window.MINUTE, ZoneId.of("UTC")),
        c.limit("crm-quota").orElseThrow().algorithm());

    LimitConfig write = c.limit("orders-write").orElseThrow();
    assertEquals(500.0, write.policy().maxPerSecond(), "a merged anchor's field can be overridden");
    assertEquals(20.0, write.policy().minPerSecond(), "and the others come from the anchor");
    assertEquals(Optional.of("orders-db"), write.capacity());
    assertEquals(List.of("interactive", "batch"), write.priorities().stream().map(PriorityClass::name).toList());
    assertEquals(0.5, write.priorities().get(1).shedAt());

    UpstreamConfig crm = c.upstreams().stream().filter(u -> u.name().equals("crm")).findFirst().orElseThrow();
    assertEquals(UpstreamConfig.Mode.SHAPE, crm.mode());
    assertEquals(Duration.ofSeconds(30), crm.maxWait());
    assertEquals(Optional.of(new QuotaParams(1000, CalendarQuota.Window.MINUTE, ZoneId.of("UTC"))), crm.quota());
    assertEquals(new UpstreamConfig.Retry(5, Duration.ofSeconds(2), Duration.ofSeconds(120)), crm.retry());
    UpstreamConfig reports = c.upstreams().stream().filter(u -> u.name().equals("reports-api")).findFirst().orElseThrow();
    assertEquals(UpstreamConfig.Retry.NONE, reports.retry(), "no retry unless asked");
    assertEquals(Duration.ZERO, reports.maxWait(), "police answers at once");
  }

  @Test
  void loadsFromAFileAndNamesItInMessages(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("mine.yaml");
    Files.writeString(file, "server: {port: 9090}\nlimits: [{name: a, algorithm: {type: concurrency, maxInFlight: 2}}]\n");
    assertEquals(9090, loader.load(file).server().port());

    Files.writeString(file, "limits: [{name: a, algorithm: {type: concurrency, maxInFlight: zero}}]\n");
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load(file));
    assertTrue(e.getMessage().startsWith(file + ":1: limits[0].algorithm.maxInFlight: "), e.getMessage());

    Path missing = dir.resolve("absent.yaml");
    ConfigException m = assertThrows(ConfigException.class, () -> loader.load(missing));
    assertTrue(m.getMessage().startsWith(missing + ": cannot read the configuration file"), m.getMessage());
  }

  @Test
  void unitsParseExactly() {
    assertEquals(Duration.ofMillis(250), DurationText.parse("250ms"));
    assertEquals(Duration.ofDays(7), DurationText.parse("7d"));
    assertEquals(Duration.ofMinutes(5), DurationText.parse("5m"));
    assertEquals(new Rate(10_000, 3_600_000_000_000L), Units.rate("10000/h"));
    assertEquals(new Rate(1, 4_000_000_000L), Units.rate("0.25/s"));
    assertEquals(new Rate(30, 10_000_000_000L), Units.rate("30/10s"));
    assertEquals(64L << 20, Units.size("64MiB"));
    assertEquals(500_000, Units.size("500KB"));
    assertEquals(new Units.Quota(10, CalendarQuota.Window.MONTH), Units.quota("10/month"));
    assertEquals("16.667/s", Units.format(1000 / 60.0));
    assertEquals("5m", DurationText.format(Duration.ofMinutes(5)));
  }
}
