package dev.headroom.bench;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with aligned columns, for the human half of a benchmark's output. */
public final class Table {

  /** Where a column's cells sit. */
  public enum Align { LEFT, RIGHT }

  private final List<String> headers = new ArrayList<>();
  private final List<Align> aligns = new ArrayList<>();
  private final List<List<String>> rows = new ArrayList<>();

  public Table column(String header, Align align) {
    if (!rows.isEmpty()) {
      throw new IllegalStateException("add columns before rows");
    }
    headers.add(header);
    aligns.add(align);
    return this;
  }

  public Table row(Object... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException(
          "row has " + cells.length + " cells, the table has " + headers.size() + " columns");
    }
    List<String> row = new ArrayList<>(cells.length);
    for (Object c : cells) {
      row.add(c == null ? "-" : c.toString());
    }
    rows.add(row);
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  /** The table, header and a rule first, each line ending in a newline; trailing blanks trimmed. */
  public String render() {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = headers.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, headers, widths);
    List<String> rule = new ArrayList<>();
    for (int w : widths) {
      rule.add("-".repeat(w));
    }
    line(out, rule, widths);
    for (List<String> row : rows) {
      line(out, row, widths);
    }
    return out.toString();
  }

  private void line(StringBuilder out, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        line.append("  ");
      }
      String cell = cells.get(i);
      String pad = " ".repeat(widths[i] - cell.length());
      line.append(aligns.get(i) == Align.RIGHT ? pad + cell : cell + pad);
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }
}
