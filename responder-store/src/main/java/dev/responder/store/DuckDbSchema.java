package dev.responder.store;

import dev.responder.core.error.ConfigException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.List;

/**
 * The versioned layout of a Responder DuckDB file. Each migration runs once, in its own transaction, and records
 * its version in {@code schema_version}; a file written by a newer Responder is refused rather than misread.
 *
 * <p>Layout notes. Timestamps are BIGINT epoch milliseconds and spans keep {@code start_ms} plus
 * {@code duration_us}, the same layout the ClickHouse adapter uses. Metric points are stored narrow, as
 * {@code (ts, series_id, value)} with the series' strings once in {@code metric_series}: DuckDB's Java appender
 * pays a native call per string of 12 bytes or more, which would cap ingest below a million points per second.
 * The view {@code metrics(ts, service, instance, name, value, labels)} gives the wide shape back for ad-hoc SQL.
 * Each append stores its points ordered by series, so that min/max statistics let a one-series query skip most
 * of a long window.
 * {@code level} is the {@link dev.responder.core.telemetry.Severity} ordinal (TRACE=0 .. FATAL=5) and
 * {@code status} the OpenTelemetry status code (UNSET=0, OK=1, ERROR=2), so that "at least WARN" is a range test.
 * {@code logs.body_sig/body_sig2} and {@code spans.trace_key/span_key/parent_key} are integers derived at ingest (see
 * {@link DerivedKeys}) that spare the text search and the parent-child join most string comparisons.
 */
final class DuckDbSchema {
  /** The version this code writes and reads. */
  static final int CURRENT = 2;

  private static final List<String> V1 = List.of(
      """
      CREATE TABLE metric_series (series_id INTEGER NOT NULL, service VARCHAR NOT NULL, instance VARCHAR NOT NULL,
        name VARCHAR NOT NULL, labels VARCHAR NOT NULL)""",
      "CREATE TABLE metric_points (ts BIGINT NOT NULL, series_id INTEGER NOT NULL, value DOUBLE NOT NULL)",
      """
      CREATE VIEW metrics AS SELECT p.ts, s.service, s.instance, s.name, p.value, s.labels
        FROM metric_points p JOIN metric_series s USING (series_id)""",
      """
      CREATE TABLE logs (ts BIGINT NOT NULL, service VARCHAR NOT NULL, instance VARCHAR NOT NULL,
        level TINYINT NOT NULL, body VARCHAR NOT NULL, trace_id VARCHAR NOT NULL, span_id VARCHAR NOT NULL,
        attributes VARCHAR NOT NULL, body_sig BIGINT NOT NULL)""",
      """
      CREATE TABLE spans (trace_id VARCHAR NOT NULL, span_id VARCHAR NOT NULL, parent_span_id VARCHAR NOT NULL,
        service VARCHAR NOT NULL, operation VARCHAR NOT NULL, start_ms BIGINT NOT NULL, duration_us BIGINT NOT NULL,
        status TINYINT NOT NULL, attributes VARCHAR NOT NULL, trace_key BIGINT NOT NULL, span_key BIGINT NOT NULL,
        parent_key BIGINT NOT NULL)""",
      """
      CREATE TABLE changes (ts BIGINT NOT NULL, service VARCHAR NOT NULL, kind VARCHAR NOT NULL,
        author VARCHAR NOT NULL, summary VARCHAR NOT NULL, details VARCHAR NOT NULL)""",
      """
      CREATE TABLE incidents (id VARCHAR PRIMARY KEY, state VARCHAR NOT NULL, signature VARCHAR NOT NULL,
        opened_ms BIGINT NOT NULL, doc VARCHAR NOT NULL)""",
      """
      CREATE TABLE approvals (id VARCHAR PRIMARY KEY, incident_id VARCHAR NOT NULL, state VARCHAR NOT NULL,
        requested_ms BIGINT NOT NULL, doc VARCHAR NOT NULL)""",
      """
      CREATE TABLE audit (seq BIGINT PRIMARY KEY, ts_ns BIGINT NOT NULL, actor VARCHAR NOT NULL, kind VARCHAR NOT NULL,
        incident_id VARCHAR NOT NULL, summary VARCHAR NOT NULL, details VARCHAR NOT NULL)""");

  /**
   * Widens the log body signature to 128 bits (see {@link DerivedKeys}); rows of version 1 keep their 64 bits in
   * {@code body_sig} and get all ones in {@code body_sig2}, which keeps them correct for every mask.
   */
  private static final List<String> V2 = List.of("ALTER TABLE logs ADD COLUMN body_sig2 BIGINT DEFAULT -1");

  private static final List<List<String>> MIGRATIONS = List.of(V1, V2);

  private DuckDbSchema() {}

  /** Brings the database up to {@link #CURRENT}; returns the version found before. */
  static int migrate(DuckDbConnections connections, InstantSource clock) throws Exception {
    return migrateTo(connections, clock, CURRENT);
  }

  /** Brings the database up to {@code target}; older targets exist so that tests can write old files. */
  static int migrateTo(DuckDbConnections connections, InstantSource clock, int target) throws Exception {
    return connections.write(connection -> {
      DuckDbConnections.execute(connection,
          "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_ms BIGINT NOT NULL)");
      int found = currentVersion(connection);
      if (found > CURRENT) {
        throw new ConfigException(connections.name() + " has schema version " + found + " but this Responder knows "
            + "versions up to " + CURRENT + "; upgrade Responder or use another file");
      }
      for (int version = found + 1; version <= target; version++) {
        apply(connection, version, clock);
      }
      return found;
    });
  }

  private static int currentVersion(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
         ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static void apply(Connection connection, int version, InstantSource clock) throws SQLException {
    DuckDbConnections.execute(connection, "BEGIN TRANSACTION");
    boolean done = false;
    try {
      for (String sql : MIGRATIONS.get(version - 1)) {
        DuckDbConnections.execute(connection, sql);
      }
      try (PreparedStatement p = connection.prepareStatement("INSERT INTO schema_version VALUES (?, ?)")) {
        p.setInt(1, version);
        p.setLong(2, clock.millis());
        p.executeUpdate();
      }
      DuckDbConnections.execute(connection, "COMMIT");
      done = true;
    } finally {
      if (!done) {
        DuckDbConnections.execute(connection, "ROLLBACK");
      }
    }
  }
}
