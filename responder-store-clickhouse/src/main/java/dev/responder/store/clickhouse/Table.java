package dev.responder.store.clickhouse;

/**
 * The four MergeTree tables, with the same logical layout as the DuckDB adapter. Timestamps are Int64 epoch
 * milliseconds (18.16 has no DateTime64); maps are JSON strings. Each table is partitioned by UTC day, so that
 * retention can drop whole days, and ordered for its most common filter (service, then time).
 */
enum Table {
  METRICS("metrics", "ts", """
      ts Int64, service String, instance String, name String, value Float64, labels String""",
      "service, name, ts"),
  LOGS("logs", "ts", """
      ts Int64, service String, instance String,
      level Enum8('TRACE' = 1, 'DEBUG' = 2, 'INFO' = 3, 'WARN' = 4, 'ERROR' = 5, 'FATAL' = 6),
      body String, trace_id String, span_id String, attributes String""",
      "service, ts"),
  SPANS("spans", "start_ms", """
      trace_id String, span_id String, parent_span_id String, service String, operation String,
      start_ms Int64, duration_us Int64, status Enum8('UNSET' = 0, 'OK' = 1, 'ERROR' = 2), attributes String""",
      "service, start_ms"),
  CHANGES("changes", "ts", """
      ts Int64, service String,
      kind Enum8('DEPLOY' = 1, 'CONFIG' = 2, 'FLAG' = 3, 'SCALE' = 4, 'RESTART' = 5),
      author String, summary String, details String""",
      "service, ts");

  private final String sqlName;
  private final String tsColumn;
  private final String columns;
  private final String orderBy;

  Table(String sqlName, String tsColumn, String columns, String orderBy) {
    this.sqlName = sqlName;
    this.tsColumn = tsColumn;
    this.columns = columns;
    this.orderBy = orderBy;
  }

  String sqlName() {
    return sqlName;
  }

  /** The epoch-millisecond column that retention and time windows use. */
  String tsColumn() {
    return tsColumn;
  }

  /** The partition (UTC day, as yyyyMMdd) of a row; must stay identical to the PARTITION BY expression. */
  String partitionExpression() {
    return "toYYYYMMDD(toDateTime(intDiv(" + tsColumn + ", 1000), 'UTC'))";
  }

  String createSql() {
    return "CREATE TABLE IF NOT EXISTS " + sqlName + " (\n" + columns + "\n) ENGINE = MergeTree"
        + " PARTITION BY " + partitionExpression() + " ORDER BY (" + orderBy + ")";
  }
}
