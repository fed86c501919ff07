package dev.responder.bench.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A small RFC-4180 reader for the public data sets: comma-separated fields, fields in double quotes may hold commas,
 * line breaks and doubled quotes ({@code ""}). Accepts LF and CRLF line ends; a final line break is optional.
 */
public final class Csv {
  private Csv() {}

  /** Parses the whole text into rows of fields; the first row is the header when the file has one. */
  public static List<List<String>> parse(String text) {
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

  /** The fields of one line (a line holding no line break). */
  public static List<String> split(String line) {
    List<List<String>> rows = parse(line);
    return rows.isEmpty() ? List.of("") : rows.getFirst();
  }

  /** All lines of a plain or gzipped (by the .gz suffix) file. */
  public static List<String> lines(Path file) {
    try (InputStream raw = Files.newInputStream(file);
         InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
         BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
      return r.lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The number in a field, or NaN when it is blank or not a number. */
  public static double parseDouble(String s) {
    if (s == null || s.isBlank()) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
