package dev.headroom.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void escapesWhatJsonRequires() {
    assertEquals("\"a\\\"b\\\\c\\nd\\te\\u0001\\u2028\"", Json.write("a\"b\\c\nd\te\u0001\u2028"));
  }

  @Test
  void writesDoublesInPlainNotationWithAPoint() {
    assertEquals("123456789.0", Json.write(123456789.0));
    assertEquals("1.23", Json.write(1.23));
    assertEquals("-0.5", Json.write(-0.5));
    assertEquals("0.0", Json.write(0.0));
    assertEquals("150000000.0", Json.write(1.5e8));
    assertEquals("1.0E-7", Json.write(1e-7));
    assertEquals("1.0E20", Json.write(1e20));
  }

  @Test
  void nonFiniteDoublesBecomeNull() {
    assertEquals("null", Json.write(Double.NaN));
    assertEquals("null", Json.write(Double.POSITIVE_INFINITY));
    assertEquals("[null, 1.0]", Json.write(Arrays.asList(Double.NEGATIVE_INFINITY, 1.0)));
  }

  @Test
  void integersStayIntegers() {
    assertEquals("42", Json.write(42));
    assertEquals("-9000000000", Json.write(-9_000_000_000L));
  }

  @Test
  void flatContainersOnOneLineNestedOnesOneEntryPerLine() {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("threads", 2);
    params.put("keys", 1);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", "x");
    row.put("params", params);
    row.put("value", null);
    assertEquals("{\"threads\": 2, \"keys\": 1}", Json.write(params));
    assertEquals("{\n  \"name\": \"x\",\n  \"params\": {\"threads\": 2, \"keys\": 1},\n  \"value\": null\n}",
        Json.write(row));
    assertEquals("{\n  \"rows\": [\n    {\"a\": true},\n    {}\n  ]\n}",
        Json.write(Map.of("rows", List.of(Map.of("a", true), Map.of()))));
  }

  @Test
  void rejectsWhatHasNoJsonForm() {
    assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
    assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of(1, "a")));
  }

  @Property
  void anyStringSurvivesARoundTrip(@ForAll String s) {
    assertEquals(s, MiniJsonParser.parse(Json.write(s)));
  }

  @Property
  void anyFiniteDoubleSurvivesARoundTrip(@ForAll double d) {
    Object parsed = MiniJsonParser.parse(Json.write(d));
    if (Double.isFinite(d)) {
      assertEquals(d, (Double) parsed, 0.0);
    } else {
      assertEquals(null, parsed);
    }
  }

  @Property
  void nestedStructuresParseBackUnchanged(@ForAll List<@net.jqwik.api.constraints.AlphaChars String> names,
      @ForAll List<Integer> counts) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("names", names);
    doc.put("counts", counts);
    doc.put("inner", Map.of("names", names));
    @SuppressWarnings("unchecked")
    Map<String, Object> parsed = (Map<String, Object>) MiniJsonParser.parse(Json.write(doc));
    assertEquals(names, parsed.get("names"));
    assertEquals(counts.stream().map(Integer::doubleValue).toList(), parsed.get("counts"));
    assertEquals(Map.of("names", names), parsed.get("inner"));
  }
}
