package dev.headroom.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.simulator.report.KeySeries;
import dev.headroom.simulator.report.PolicyResult;
import dev.headroom.simulator.workload.Flood;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which keys the report records, and what the replay records for them. */
class ReportKeysTest {

  private static final Flood FLOOD = new Flood("tenant-3",
      FloodScenarioTest.WINDOW_START.plus(Duration.ofHours(3)), Duration.ofMinutes(40), 6);

  @Test
  void theFloodedKeyComesFirstThenTheBusiest() {
    SimInput in = FloodScenarioTest.input(List.of(FLOOD), false);
    int[] chosen = ReportKeys.choose(in, null);
    assertEquals(3, chosen.length);
    assertEquals("tenant-3", in.keys().get(chosen[0]));
    assertEquals(3, java.util.Arrays.stream(chosen).distinct().count(), "a distinct key per slot");
    assertEquals("tenant-1", in.keys().get(ReportKeys.choose(in, "tenant-1")[0]), "--report-key goes first");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportKeys.choose(in, "nope"));
    assertTrue(e.getMessage().startsWith("--report-key: no key 'nope'"), e.getMessage());
  }

  @Test
  void theReplayRecordsTheAbusivePartAndTheLimitForTrackedKeys() {
    SimInput in = FloodScenarioTest.input(List.of(FLOOD), false);
    Setup setup = Setup.size(Scenario.FLOOD, in, 1.0);
    double[] rates = {2, 3, 4};
    PolicyResult r = Replay.run(in, setup, PolicyPlan.of("static", dev.headroom.engine.policy.StaticPolicy.INSTANCE,
        rates, null, false, false));
    List<KeySeries> keys = r.series().keys();
    assertEquals("tenant-3", keys.getFirst().key(), "the flooded key first");
    assertEquals(KeySeries.TOTAL, keys.getLast().key(), "the total last");
    assertEquals(4, keys.size());
    KeySeries flooded = r.series().key("tenant-3");
    assertTrue(flooded.hasAbusive(), "the flood is labelled");
    assertTrue(!r.series().key("tenant-1").hasAbusive(), "only the flooded key's traffic is abusive");
    assertEquals(rates[in.keys().indexOf("tenant-3")], flooded.limit()[10], 1e-6);
    assertEquals(9.0, r.series().key(KeySeries.TOTAL).limit()[10], 1e-6);
    // Per-key demand adds up to the total's, and the total's to the offered series.
    double perKey = 0;
    double total = 0;
    for (int b = 0; b < r.series().length(); b++) {
      for (KeySeries k : keys) {
        if (!k.total()) {
          perKey += k.demand()[b];
        }
      }
      total += r.series().key(KeySeries.TOTAL).demand()[b];
    }
    assertEquals(total, perKey, total * 1e-4);
    assertEquals(java.util.Arrays.stream(r.series().offered()).sum() / r.bucketSeconds(), total, total * 1e-3);
  }
}
