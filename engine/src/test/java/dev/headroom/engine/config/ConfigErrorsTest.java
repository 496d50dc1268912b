/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of mistake is reported as {@code FILE:LINE: path: what is wrong}, at the right line and
 * path, without spurious extra problems, and all problems of a file come out together.
 */
class ConfigErrorsTest {

  private final ConfigLoader loader = new ConfigLoader(name -> null, () -> "generated-token-for-tests-0001");

  /** A broken snippet, the start of the problem line it must produce, and how many problems in all. */
  record Case(String name, String yaml, String expected, int problems) {
    Case(String name, String yaml, String expected) {
      this(name, yaml, expected, 1);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** A limit whose algorithm is fine, followed by {@code extra} lines of the limit (4-space indent). */
  private static String limit(String extra) {
    return """
        limits:
          - name: a
            algorithm: {type: token-bucket, rate: 100/s}
        """ + extra;
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("maxKeys", limit("""
                maxKeys: 0
            """), "headroom.yaml:4: limits[0].maxKeys: expected a whole number between 1 and 100000000, got \"0\""),
        new Case("dryRun", limit("""
                dryRun: maybe
            """), "headroom.yaml:4: limits[0].dryRun: expected true or false, got \"maybe\""),
        new Case("duration", limit("""
                policy:
                  type: predictive
                  lead: soon
            """),
            "headroom.yaml:6: limits[0].policy.lead: expected a duration such as 30s or 5m, got \"soon\""),
        new Case("rate", """
            limits:
              - name: a
                algorithm:
                  type: token-bucket
                  rate: fast
            """,
            "headroom.yaml:5: limits[0].algorithm.rate: expected a rate such as 100/s, 1000/min or 10000/h, got \"fast\""),
        new Case("zero rate", limit("").replace("100/s", "0/s"),
            "headroom.yaml:3: limits[0].algorithm.rate: expected a rate above zero, got \"0/s\""),
        new Case("misspelt field", """
            limits:
              - name: a
                algorithm:
                  type: token-bucket
                  rate: 10/s
                  burts: 20
            """,
            "headroom.yaml:6: limits[0].algorithm.burts: unknown field (did you mean \"burst\"?); known fields here: type, rate, burst"),
        new Case("misspelt top-level section", """
            limts:
              - name: a
            """,
            "headroom.yaml:1: limts: unknown field (did you mean \"limits\"?)", 2),
        new Case("unknown field without a close match", limit("    colour: blue\n"),
            "headroom.yaml:4: limits[0].colour: unknown field; known fields here: name, match, algorithm"),
        new Case("misspelt algorithm", limit("").replace("token-bucket", "token_bucket"),
            "headroom.yaml:3: limits[0].algorithm.type: expected one of token-bucket, gcra, quota, sliding-window, "
                + "concurrency, got \"token_bucket\" (did you mean \"token-bucket\"?)"),
        new Case("missing algorithm", """
            limits:
              - name: a
                match: {key: [apiKey]}
            """,
            "headroom.yaml:2: limits[0].algorithm: required field is missing"),
        new Case("missing limits", "server: {port: 8080}\n",
            "headroom.yaml:1: limits: required field is missing"),
        new Case("parameter of another algorithm", """
            limits:
              - name: a
                algorithm: {type: quota, quota: 100/min, burst: 5}
            """,
            "headroom.yaml:3: limits[0].algorithm.burst: burst is a parameter of token-bucket and gcra, not of quota"),
        new Case("parameter of another policy", limit("""
                policy:
                  type: reactive
                  quantile: p90
            """),
            "headroom.yaml:6: limits[0].policy.quantile: quantile is a parameter of predictive and predictive+reactive policies, not of reactive"),
        new Case("moving parameter on a static policy", limit("    policy: {type: static, max: 10/s}\n"),
            "headroom.yaml:4: limits[0].policy.max: max has no effect on a static policy"),
        new Case("predictive policy without a refill rate", """
            limits:
              - name: a
                algorithm: {type: concurrency, maxInFlight: 5}
                policy: {type: predictive}
            """,
            "headroom.yaml:4: limits[0].policy.type: a predictive policy moves a refill rate, which concurrency limits do not have"),
        new Case("min above the static rate", limit("    policy: {type: reactive, min: 200/s}\n"),
            "headroom.yaml:4: limits[0].policy.min: min 200/s is above the algorithm's rate 100/s"),
        new Case("default max below a raised min", limit("    policy: {type: reactive, max: 50/s}\n"),
            "headroom.yaml:4: limits[0].policy.max: max 50/s is below the algorithm's rate 100/s"),
        new Case("maxAge shorter than refresh", limit("    policy: {type: predictive, refresh: 10m, maxAge: 1m}\n"),
            "headroom.yaml:4: limits[0].policy.maxAge: maxAge 1m is shorter than refresh 10m"),
        new Case("quantile", limit("    policy: {type: predictive, quantile: p95}\n"),
            "headroom.yaml:4: limits[0].policy.quantile: expected one of"),
        new Case("boolean", limit("    policy: {type: predictive, shadow: yes}\n"),
            "headroom.yaml:4: limits[0].policy.shadow: expected true or false, got \"yes\""),
        new Case("number out of range", limit("    policy: {type: reactive, backoff: 1.5}\n"),
            "headroom.yaml:4: limits[0].policy.backoff: expected a number above 0 to 0.99, got \"1.5\""),
        new Case("number with a suffix", limit("    policy: {type: predictive, headroom: 1.5f}\n"),
            "headroom.yaml:4: limits[0].policy.headroom: expected a number, got \"1.5f\""),
        new Case("error inside a merged anchor points at the anchor", """
            x-shared: &p {type: predictive, lead: later}
            limits:
              - name: a
                algorithm: {type: token-bucket, rate: 100/s}
                policy: {<<: *p, max: 500/s}
            """,
            "headroom.yaml:1: limits[0].policy.lead: expected a duration such as 30s or 5m, got \"later\""),
        new Case("anchor merged into itself (composing it never ended)", """
            x-shared: &p {type: predictive, <<: *p}
            limits:
              - name: a
                algorithm: {type: token-bucket, rate: 100/s}
            """,
            "headroom.yaml:1: anchor &p is used inside itself: a recursive value has no end"),
        new Case("anchor listed inside itself", "x-list: &l [1, [2, *l]]\n" + limit(""),
            "headroom.yaml:1: anchor &l is used inside itself"),
        new Case("duplicate limit name", """
            limits:
              - name: a
                algorithm: {type: concurrency, maxInFlight: 5}
              - name: a
                algorithm: {type: concurrency, maxInFlight: 5}
            """,
            "headroom.yaml:4: limits[1].name: another limit is already called \"a\" (line 2)"),
        new Case("bad name", limit("").replace("name: a", "name: \"a|b\""),
            "headroom.yaml:2: limits[0].name: expected a name of letters, digits"),
        new Case("duplicate field", """
            limits:
              - name: a
                algorithm: {type: concurrency, maxInFlight: 5}
                algorithm: {type: concurrency, maxInFlight: 6}
            """,
            "headroom.yaml:4: limits[0].algorithm: duplicate field (first set on line 3)"),
        new Case("list expected", "limits: {name: a}\n",
            "headroom.yaml:1: limits: expected a list (lines starting with \"- \"), got a mapping"),
        new Case("empty limits", "limits: []\n",
            "headroom.yaml:1: limits: at least one limit is needed"),
        new Case("mapping expected", "limits: [just-a-name]\n",
            "headroom.yaml:1: limits[0]: expected a mapping (field: value lines), got \"just-a-name\""),
        new Case("port out of range", "server: {port: 70000}\n" + limit(""),
            "headroom.yaml:1: server.port: expected a whole number between 0 and 65535, got \"70000\""),
        new Case("not YAML", "limits: [\n  - name: a\n",
            "headroom.yaml:", 1),
        new Case("empty file", "",
            "headroom.yaml: the file is empty"),
        new Case("document is a list", "- name: a\n",
            "headroom.yaml:1: expected a mapping (field: value lines), got a list"),
        new Case("unknown key part", limit("    match: {key: [apikey]}\n"),
            "headroom.yaml:4: limits[0].match.key[0]: expected apiKey, clientIp, path or a mapping such as "
                + "{header: X-Tenant, field: tenant}, got \"apikey\" (did you mean \"apiKey\"?)"),
        new Case("key part without a source", limit("    match: {key: [{heder: X-Tenant}]}\n"),
            "headroom.yaml:4: limits[0].match.key[0]: a key part needs a header or a field", 2),
        new Case("route without slash", limit("    match: {route: v1/orders}\n"),
            "headroom.yaml:4: limits[0].match.route: expected a path prefix starting with /, such as /v1/orders, got \"v1/orders\""),
        new Case("header condition without a value", limit("""
                match:
                  headers:
                    X-Env:
            """),
            "headroom.yaml:6: limits[0].match.headers.X-Env: expected a value to compare with"),
        new Case("calendar quota", """
            limits:
              - name: a
                algorithm: {type: quota, quota: 1000/fortnight}
            """,
            "headroom.yaml:3: limits[0].algorithm.quota: expected a calendar quota such as 1000/min"),
        new Case("time zone", """
            limits:
              - name: a
                algorithm: {type: quota, quota: 1000/min, zone: Europe/Pari}
            """,
            "headroom.yaml:3: limits[0].algorithm.zone: expected a time zone such as UTC or Europe/Paris, "
                + "got \"Europe/Pari\" (did you mean \"Europe/Paris\"?)"),
        new Case("burst the core rejects", limit("").replace("rate: 100/s", "rate: 1/day, burst: 100000"),
            "headroom.yaml:3: limits[0].algorithm: token bucket: burst 100000 takes more than 4.5 years to refill"),
        new Case("gcra delay above burst", """
            limits:
              - name: a
                algorithm: {type: gcra, rate: 10/s, burst: 2, delay: 3}
            """,
            "headroom.yaml:3: limits[0].algorithm.delay: delay must be at most the burst (2), got 3"),
        new Case("sliding window without window", """
            limits:
              - name: a
                algorithm: {type: sliding-window, limit: 10}
            """,
            "headroom.yaml:3: limits[0].algorithm.window: required field is missing"),
        new Case("schedule entry backwards", limit("""
                policy:
                  type: schedule
                  schedule:
                    - {from: "18:00", to: "08:00", rate: 50/s}
            """),
            "headroom.yaml:7: limits[0].policy.schedule[0].to: to must be after from (18:00)"),
        new Case("schedule entries overlap", limit("""
                policy:
                  type: schedule
                  schedule:
                    - {days: mon-fri, from: "08:00", to: "18:00", rate: 50/s}
                    - {days: fri, from: "17:00", to: "20:00", rate: 60/s}
            """),
            "headroom.yaml:8: limits[0].policy.schedule[1]: overlaps limits[0].policy.schedule[0] (line 7)"),
        new Case("schedule days", limit("""
                policy:
                  type: schedule
                  schedule:
                    - {days: weekdays, from: "08:00", to: "18:00", rate: 50/s}
            """),
            "headroom.yaml:7: limits[0].policy.schedule[0].days: expected days such as mon-fri"),
        new Case("schedule rate outside bounds", limit("""
                policy:
                  type: schedule
                  schedule:
                    - {from: "08:00", to: "18:00", rate: 5000/s}
            """),
            "headroom.yaml:7: limits[0].policy.schedule[0].rate: rate 5000/s is outside the policy's [min, max] = [10/s, 1000/s]"),
        new Case("shedAt decreasing", limit("""
                priorities:
                  - {name: batch, match: {headers: {X-Priority: batch}}, shedAt: 0.5}
                  - {name: core, match: {headers: {X-Priority: core}}, shedAt: 0.1}
            """),
            "headroom.yaml:6: limits[0].priorities[1].shedAt: classes are listed most important first"),
        new Case("two default classes", limit("""
                priorities:
                  - {name: core}
                  - {name: batch, shedAt: 0.5}
            """),
            "headroom.yaml:6: limits[0].priorities[1]: only one class may go without a match"),
        new Case("key in a priority match", limit("""
                priorities:
                  - {name: core, match: {key: [apiKey]}}
            """),
            "headroom.yaml:5: limits[0].priorities[0].match.key: a priority class has no key of its own"),
        new Case("unknown capacity group", """
            capacities: [{name: orders-db, rate: 100/s}]
            limits:
              - name: a
                algorithm: {type: token-bucket, rate: 10/s}
                policy: {type: predictive}
                capacity: orders-bd
            """,
            "headroom.yaml:6: limits[0].capacity: no capacity group is called \"orders-bd\" (did you mean \"orders-db\"?)"),
        new Case("capacity group with a static policy", """
            capacities: [{name: db, rate: 100/s}]
            limits:
              - name: a
                algorithm: {type: token-bucket, rate: 10/s}
                capacity: db
            """,
            "headroom.yaml:5: limits[0].capacity: a capacity group is shared out by forecast demand, so it needs a predictive"),
        new Case("short admin token", "admin: {token: secret}\n" + limit(""),
            "headroom.yaml:1: admin.token: a token of 6 characters can be guessed"),
        new Case("token and tokenEnv", "admin: {token: a-long-enough-token-123, tokenEnv: X}\n" + limit(""),
            "headroom.yaml:1: admin.tokenEnv: set token or tokenEnv, not both"),
        new Case("influx url", "influx: {url: \"localhost:8086\"}\n" + limit(""),
            "headroom.yaml:1: influx.url: InfluxDB URL \"localhost:8086\" must be http:// or https:// with a host"),
        new Case("telemetry size", "telemetry: {spoolMaxSize: lots}\n" + limit(""),
            "headroom.yaml:1: telemetry.spoolMaxSize: expected a size such as 64MiB or 500KB, got \"lots\""),
        new Case("upstream url", limit("upstreams:\n  - {name: u, url: \"ftp://example.com\"}\n"),
            "headroom.yaml:5: upstreams[0].url: expected an http:// or https:// URL with a host"),
        new Case("upstream mode", limit("upstreams:\n  - {name: u, url: \"http://127.0.0.1:9\", mode: throttle}\n"),
            "headroom.yaml:5: upstreams[0].mode: expected one of police, shape, got \"throttle\""),
        new Case("upstream routes clash", limit("""
            upstreams:
              - {name: u, url: "http://127.0.0.1:9"}
              - {name: v, url: "http://127.0.0.1:10"}
            """),
            "headroom.yaml:6: upstreams[1].route: another upstream already serves route \"/\" (line 5)"),
        new Case("retry attempts", limit("upstreams:\n  - {name: u, url: \"http://127.0.0.1:9\", retry: {maxAttempts: 0}}\n"),
            "headroom.yaml:5: upstreams[0].retry.maxAttempts: expected a whole number between 1 and 20, got \"0\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsFileLineAndPath(Case c) {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(c.yaml(), "headroom.yaml"));
    List<String> lines = e.problems().stream().map(ConfigProblem::toString).toList();
    assertTrue(lines.stream().anyMatch(l -> l.startsWith(c.expected())),
        "expected a problem starting with\n  " + c.expected() + "\ngot\n  " + String.join("\n  ", lines));
    assertEquals(c.problems(), lines.size(), "problems: " + lines);
  }

  @Test
  void everyProblemIsReportedTogetherInFileOrder() {
    String yaml = """
        server:
          port: eighty
        telemetry:
          interval: 10 seconds
        limits:
          - name: a
            algorithm: {type: token-bucket, rate: 100/s}
            policy:
              type: predictive
              lead: soon
          - name: b
            algorithm: {type: gcra, rate: 10 per second}
          - name: c
            algorithm: {type: concurrency, maxInFlight: 3}
            polcy: {type: static}
        """;
    ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(yaml, "headroom.yaml"));
    List<String> lines = e.problems().stream().map(ConfigProblem::toString).toList();
    assertEquals(List.of(
        "headroom.yaml:2: server.port: expected a whole number, got \"eighty\"",
        "headroom.yaml:4: telemetry.interval: expected a duration such as 30s or 5m, got \"10 seconds\"",
        "headroom.yaml:10: limits[0].policy.lead: expected a duration such as 30s or 5m, got \"soon\"",
        "headroom.yaml:12: limits[1].algorithm.rate: expected a rate such as 100/s, 1000/min or 10000/h, got \"10 per second\"",
        "headroom.yaml:15: limits[2].polcy: unknown field (did you mean \"policy\"?); known fields here: "
            + "name, match, algorithm, policy, priorities, capacity, inheritance, dryRun, maxKeys"), lines);
    assertTrue(e.getMessage().startsWith("5 problems in the configuration:\nheadroom.yaml:2: server.port"), e.getMessage());
    assertEquals(2, e.problems().getFirst().line());
    assertEquals(9, e.problems().getFirst().column(), "the column of the value");
  }
}
