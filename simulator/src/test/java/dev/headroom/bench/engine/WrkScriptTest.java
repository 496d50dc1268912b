package dev.headroom.bench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Lua text; EngineBenchIT runs every script through a real wrk. */
class WrkScriptTest {

  @Test
  void aFixedPostSetsWrksGlobalsSoWrkSendsAPrebuiltRequest() {
    String lua = WrkScript.post(WrkScript.ONE_KEY_BODY).lua();
    assertTrue(lua.contains("wrk.method = \"POST\"\n"), lua);
    assertTrue(lua.contains("wrk.headers[\"Content-Type\"] = \"application/json\"\n"), lua);
    assertTrue(lua.contains("wrk.body = \"{\\\"key\\\":\\\"bench-key\\\",\\\"cost\\\":1}\"\n"), lua);
    assertFalse(lua.contains("function request"), "a request() function would make wrk build every request in Lua");
    assertFalse(lua.contains("function delay"), lua);
    assertTrue(lua.contains("function done(summary, latency, requests)"), lua);
  }

  @Test
  void theDoneLineNamesEveryFieldTheParserNeeds() {
    String lua = WrkScript.post("{}").lua();
    for (String field : new String[] {"requests", "duration_us", "connect", "read", "write", "status", "timeout",
        "mean_us", "stdev_us", "max_us", "p50_us", "p90_us", "p99_us", "p999_us"}) {
      assertTrue(lua.contains(" " + field + "="), field);
    }
    assertTrue(lua.contains("\"" + WrkScript.REPORT_PREFIX + " "), lua);
    assertTrue(lua.contains("latency:percentile(99.9)"), lua);
  }

  @Test
  void distinctKeysCountPerThreadAndWrapAround() {
    String lua = WrkScript.distinctKeys(500_000).lua();
    assertTrue(lua.contains("if n > 500000 then n = 1 end"), lua);
    assertTrue(lua.contains("thread:set(\"tid\", threads)"), lua);
    assertTrue(lua.contains("return wrk.format(nil, nil, nil, head .. n .. '\",\"cost\":1}')"), lua);
    assertTrue(lua.contains("head = '{\"key\":\"t' .. tid .. '-'"), lua);
    assertThrows(IllegalArgumentException.class, () -> WrkScript.distinctKeys(0));
  }

  @Test
  void aPacedGetPausesEachConnectionAfterEveryResponse() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Api-Key", "bench-key");
    String paced = WrkScript.get(headers, 7).lua();
    assertTrue(paced.contains("wrk.method = \"GET\"\n"), paced);
    assertTrue(paced.contains("wrk.headers[\"X-Api-Key\"] = \"bench-key\"\n"), paced);
    assertTrue(paced.contains("function delay()\n  return 7\nend\n"), paced);
    assertEquals("get-paced-7ms", WrkScript.get(headers, 7).name());

    WrkScript unpaced = WrkScript.get(headers, 0);
    assertFalse(unpaced.lua().contains("function delay"), unpaced.lua());
    assertEquals("get", unpaced.name());
    assertThrows(IllegalArgumentException.class, () -> WrkScript.get(headers, -1));
  }

  @Test
  void luaStringsAreEscaped() {
    assertEquals("\"a\\\"b\\\\c\\nd\\re\\009f\"", WrkScript.quote("a\"b\\c\nd\re\tf"));
    assertEquals("\"\"", WrkScript.quote(""));
  }

  @Test
  void scriptsAreWrittenUnderTheirName(@TempDir Path dir) throws IOException {
    Path file = WrkScript.distinctKeys(3).writeTo(dir);
    assertEquals(dir.resolve("post-distinct-keys.lua"), file);
    assertEquals(WrkScript.distinctKeys(3).lua(), Files.readString(file));
  }
}
