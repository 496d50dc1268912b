package dev.headroom.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TableTest {

  @Test
  void alignsColumnsToTheWidestCell() {
    String out = new Table()
        .column("name", Table.Align.LEFT)
        .column("ops/s", Table.Align.RIGHT)
        .row("bucket4j", "1,000")
        .row("headroom token-bucket", "12,345,678")
        .row("none", null)
        .render();
    assertEquals("""
        name                        ops/s
        ---------------------  ----------
        bucket4j                    1,000
        headroom token-bucket  12,345,678
        none                            -
        """, out);
  }

  @Test
  void rowsMustFitTheColumns() {
    Table t = new Table().column("a", Table.Align.LEFT);
    assertThrows(IllegalArgumentException.class, () -> t.row("x", "y"));
    t.row("x");
    assertThrows(IllegalStateException.class, () -> t.column("b", Table.Align.LEFT));
  }
}
