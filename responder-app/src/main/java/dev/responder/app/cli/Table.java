package dev.responder.app.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table for terminal output: columns padded to their widest cell, long cells cut. */
final class Table {
  private static final int MAX_CELL = 120;
  private final String[] header;
  private final List<String[]> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  Table(String... header) {
    this.header = header;
  }

  Table row(Object... cells) {
    String[] r = new String[header.length];
    for (int i = 0; i < header.length; i++) {
      String s = i < cells.length && cells[i] != null ? cells[i].toString() : "";
      s = s.replace('\n', ' ').replace('\t', ' ');
      r[i] = s.length() > MAX_CELL ? s.substring(0, MAX_CELL - 1) + "…" : s;
    }
    rows.add(r);
    return this;
  }

  Table footer(long shown, long omitted, String what) {
    return note(shown + " " + what + (omitted > 0 ? " shown, " + omitted + " more left out by --limit" : ""));
  }

  Table note(String text) {
    notes.add(text);
    return this;
  }

  static String num(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(java.util.Locale.ROOT, "%.3f", v);
  }

  String render() {
    int[] width = new int[header.length];
    for (int i = 0; i < header.length; i++) {
      width[i] = header[i].length();
    }
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    line(sb, header, width);
    for (String[] r : rows) {
      line(sb, r, width);
    }
    notes.forEach(n -> sb.append("(").append(n).append(")\n"));
    return sb.toString();
  }

  private static void line(StringBuilder sb, String[] cells, int[] width) {
    for (int i = 0; i < cells.length; i++) {
      sb.append(cells[i]);
      if (i < cells.length - 1) {
        sb.append(" ".repeat(width[i] - cells[i].length() + 2));
      }
    }
    sb.append('\n');
  }
}
