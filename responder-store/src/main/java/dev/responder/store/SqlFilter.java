package dev.responder.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A WHERE clause built from optional filters, with its parameters in order; values never enter the SQL text. */
final class SqlFilter {
  private final StringBuilder where = new StringBuilder();
  private final List<Object> params = new ArrayList<>();

  /** Adds {@code clause} (with one {@code ?} per value) joined by AND. */
  SqlFilter and(String clause, Object... values) {
    where.append(where.isEmpty() ? "" : " AND ").append(clause);
    params.addAll(List.of(values));
    return this;
  }

  /** Adds {@code clause} when {@code value} is not null. */
  SqlFilter andIfPresent(String clause, Object value) {
    return value == null ? this : and(clause, value);
  }

  String where() {
    return where.isEmpty() ? "TRUE" : where.toString();
  }

  List<Object> params() {
    return params;
  }

  /** Prepares {@code sql} and binds {@code leading}, then this filter's parameters, then {@code trailing}. */
  PreparedStatement prepare(Connection connection, String sql, List<Object> leading, Object... trailing)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      int index = 1;
      for (Object value : leading) {
        bind(statement, index++, value);
      }
      for (Object value : params) {
        bind(statement, index++, value);
      }
      for (Object value : trailing) {
        bind(statement, index++, value);
      }
      return statement;
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
    switch (value) {
      case Long l -> statement.setLong(index, l);
      case Integer i -> statement.setInt(index, i);
      case Double d -> statement.setDouble(index, d);
      case String s -> statement.setString(index, s);
      default -> throw new IllegalArgumentException("cannot bind " + value.getClass().getName() + " at " + index);
    }
  }
}
