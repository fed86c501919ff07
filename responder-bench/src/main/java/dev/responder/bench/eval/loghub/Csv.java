package dev.responder.bench.eval.loghub;

import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC-4180 reader: comma-separated fields, fields in double quotes may hold commas, line breaks and
 * doubled quotes ({@code ""}). Accepts LF and CRLF line ends; a final line break is optional.
 */
final class Csv {
  private Csv() {
  }

  /** Parses the whole text into rows of fields; the first row is the header when the file has one. */
  static List<List<String>> parse(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int n = text.length();
    int i = text.startsWith("\uFEFF") ? 1 : 0;
    boolean quoted = false;
    boolean rowStarted = false;
    while (i < n) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < n && text.charAt(i + 1) == '"') {
          field.append('"');
          i += 2;
          continue;
        }
        if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
        i++;
        continue;
      }
      rowStarted = true;
      switch (c) {
        case '"' -> quoted = true;
        case ',' -> {
          row.add(field.toString());
          field.setLength(0);
        }
        case '\r' -> {
          // part of CRLF; the LF ends the row
        }
        case '\n' -> {
          row.add(field.toString());
          field.setLength(0);
          rows.add(List.copyOf(row));
          row.clear();
          rowStarted = false;
        }
        default -> field.append(c);
      }
      i++;
    }
    if (quoted) {
      throw new IllegalArgumentException("CSV ends inside a quoted field (row " + (rows.size() + 1) + ")");
    }
    if (rowStarted) {
      row.add(field.toString());
      rows.add(List.copyOf(row));
    }
    return rows;
  }
}
