package dev.headroom.forecaster.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineSyntaxTest {

  @Test
  void splitsQuotedCommaFields() {
    assertEquals(List.of("a", "b, c", "say \"hi\"", "", "d"),
        DelimitedSyntax.split("a, \"b, c\" ,\"say \"\"hi\"\"\",,d", ','));
  }

  @Test
  void keepsEmptyTabFieldsAndSplitsBlankRuns() {
    assertEquals(List.of("a", "", "c"), DelimitedSyntax.split("a\t\tc", '\t'));
    assertEquals(List.of("a", "b", "c"),
        DelimitedSyntax.split("  a   b\tc ", DelimitedSyntax.BLANKS));
  }

  @Test
  void aFirstLineStartingWithATimestampIsData() {
    DelimitedSyntax data = DelimitedSyntax.of("2024-01-01 00:00:00;7");
    assertFalse(data.firstLineIsHeader());
    assertEquals(List.of("column 1", "column 2"), data.names());
    DelimitedSyntax header = DelimitedSyntax.of("time;value");
    assertTrue(header.firstLineIsHeader());
    assertEquals(List.of("time", "value"), header.names());
  }

  @Test
  void readsTopLevelJsonScalarsOnly() {
    Map<String, String> f = JsonSyntax.fields(
        " {\"t\": 1.5e3, \"s\": \"a\\u00e9\\n\", \"n\": null, \"o\": {\"t\": 2}, \"b\": true} ");
    assertEquals(Map.of("t", "1.5e3", "s", "a\u00e9\n", "b", "true"), f);
    assertEquals(List.of("t", "s", "b"), List.copyOf(f.keySet()));
  }

  @Test
  void rejectsBrokenJson() {
    assertEquals("is not a JSON object: expected ',' or '}' at character 9",
        assertThrows(IllegalArgumentException.class,
            () -> JsonSyntax.fields("{\"a\": 1 \"b\": 2}")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> JsonSyntax.fields("[1, 2]"));
    assertThrows(IllegalArgumentException.class, () -> JsonSyntax.fields("{\"a\": [1}"));
    assertThrows(IllegalArgumentException.class, () -> JsonSyntax.fields("{\"a\": 1} x"));
    assertThrows(IllegalArgumentException.class, () -> JsonSyntax.fields("{\"a\": \"\\q\"}"));
  }
}
