package dev.responder.store.clickhouse;

import java.util.regex.Pattern;

/**
 * SQL text helpers. ClickHouse 18.16 has no query parameters over HTTP (they arrived in 19.x), so values are
 * written as literals; every string that reaches a statement goes through {@link #quote}.
 */
final class Sql {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  private Sql() {}

  /** A single-quoted string literal with backslashes and quotes escaped as ClickHouse expects. */
  static String quote(String value) {
    StringBuilder sb = new StringBuilder(value.length() + 2).append('\'');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '\'' -> sb.append("\\'");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\0' -> sb.append("\\0");
        default -> sb.append(c);
      }
    }
    return sb.append('\'').toString();
  }

  /** Whether {@code name} can be used as a database or table name without quoting. */
  static boolean isIdentifier(String name) {
    return name != null && IDENTIFIER.matcher(name).matches();
  }

  /** {@code AND column = 'value'}, or nothing when the filter is null (matches all). */
  static String andEquals(String column, String valueOrNull) {
    return valueOrNull == null ? "" : " AND " + column + " = " + quote(valueOrNull);
  }
}
