package dev.headroom.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The decision API's body parsing under arbitrary bytes: every body either becomes a valid
 * {@link DecisionRequest} or a {@link DecisionRequest.BadRequest} (a 400 naming the field), never
 * another exception, which would be a 500 or a dropped connection. {@code mvn verify} replays the
 * corpus in {@code DecisionRequestFuzzTestInputs/checkBody} and then fuzzes for a bounded time (the
 * engine's {@code fuzz} profile).
 */
// Per input, on a thread of its own so that a parser that never returns still fails the test;
// while fuzzing, Jazzer turns it into libFuzzer's -timeout (the fuzz profile turns JUnit's off).
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DecisionRequestFuzzTest {

  @FuzzTest(maxDuration = "20s") // mvn verify sets it from ${fuzz.duration}
  void checkBody(byte[] bytes) {
    Object json;
    try {
      json = HttpApi.parse(Buffer.buffer(bytes));
    } catch (DecisionRequest.BadRequest e) {
      assertTrue(e.getMessage().startsWith("empty body") || e.getMessage().startsWith("malformed JSON"),
          e.getMessage());
      return;
    }
    check(json, "body");
    // The batch form validates each entry with the same code, named by its index.
    if (json instanceof JsonObject o && o.getValue("checks") instanceof JsonArray checks) {
      for (int i = 0; i < checks.size(); i++) {
        check(checks.getValue(i), "checks[" + i + "]");
      }
    }
  }

  /** A body whose cost overflows a long once read as a 64-bit number: 2^64 + 5 is not a cost of 5. */
  @Test
  void aCostBeyondALongIsRefusedNotTruncated() {
    DecisionRequest.BadRequest e = assertThrows(DecisionRequest.BadRequest.class,
        () -> DecisionRequest.of(HttpApi.parse(Buffer.buffer("{\"key\":\"k\",\"cost\":18446744073709551621}")), "body", BodyFields.BUILT_IN));
    assertTrue(e.getMessage().startsWith("body.cost must be a whole number between 1 and"), e.getMessage());
  }

  private static void check(Object json, String where) {
    DecisionRequest d;
    try {
      d = DecisionRequest.of(json, where, BodyFields.BUILT_IN);
    } catch (DecisionRequest.BadRequest e) {
      assertTrue(e.getMessage().startsWith(where), e.getMessage());
      return;
    }
    // What the matcher asks of a request must answer, not throw.
    d.header("X-Api-Key");
    d.header("x-api-key");
    d.clientIp();
    d.path();
    d.jsonField("tenant");
    d.jsonField("key");
    assertTrue(d.cost() >= 1 && d.cost() <= DecisionRequest.MAX_COST, "cost " + d.cost());
    // The cost admitted is the number the client sent, not a truncation of it.
    Object sent = d.body().getValue("cost");
    if (sent != null) {
      assertEquals(0, new BigDecimal(sent.toString()).compareTo(BigDecimal.valueOf(d.cost())),
          "cost " + sent + " was read as " + d.cost());
    }
    String key = d.body().getValue("key") instanceof String s ? s : null;
    assertFalse((key == null || key.isEmpty()) && d.descriptors().isEmpty(), "neither key nor descriptors");
  }
}
