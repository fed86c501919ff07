package dev.responder.store;

import dev.responder.core.query.ChangeQuery;
import dev.responder.core.query.Deviation;
import dev.responder.core.query.DeviationQuery;
import dev.responder.core.query.EdgeQuery;
import dev.responder.core.query.EdgeStats;
import dev.responder.core.query.LogQuery;
import dev.responder.core.query.LogSearchResult;
import dev.responder.core.query.MetricQuery;
import dev.responder.core.query.MetricSeries;
import dev.responder.core.query.Page;
import dev.responder.core.query.SpanQuery;
import dev.responder.core.query.StoreStats;
import dev.responder.core.query.TimeWindow;
import dev.responder.core.telemetry.ChangeEvent;
import dev.responder.core.telemetry.LogRecord;
import dev.responder.core.telemetry.MetricPoint;
import dev.responder.core.telemetry.Span;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The DuckDB adapter of the telemetry store: batches go in through DuckDB's appender, one transaction per kind
 * of telemetry, and queries run as SQL on pooled reader connections (see {@link DuckDbConnections}), so the HTTP
 * server can query while ingest appends. Query SQL lives in {@link DuckDbTelemetryQueries}.
 */
final class DuckDbTelemetryStore extends AbstractTelemetryStore {
  private final DuckDbConnections connections;
  private final boolean ownsConnections;
  private final MetricSeriesDictionary series;
  private final DuckDbTelemetryQueries queries;

  /**
   * @param ownsConnections whether {@link #close()} closes the database too (a store opened on its own) or only
   *     this view of it (a store handed out by {@link DuckDbDatabase#telemetry()})
   */
  DuckDbTelemetryStore(DuckDbConnections connections, boolean ownsConnections) throws Exception {
    super(connections.name());
    this.connections = connections;
    this.ownsConnections = ownsConnections;
    this.series = connections.write(MetricSeriesDictionary::load);
    this.queries = new DuckDbTelemetryQueries(connections);
  }

  // ---------------------------------------------------------------- appends

  @Override
  protected void doAppendMetrics(List<MetricPoint> points) throws Exception {
    connections.write(connection -> {
      MetricSeriesDictionary.Resolved resolved = inTransaction(connection, () -> {
        MetricSeriesDictionary.Resolved ids = series.resolve(points, connection);
        try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "metric_points")) {
          int[] id = ids.ids();
          for (long key : bySeries(id)) {
            int i = (int) key;
            MetricPoint p = points.get(i);
            appender.beginRow().append(p.ts().toEpochMilli()).append(id[i]).append(p.value()).endRow();
          }
        }
        return ids;
      });
      series.publish(resolved);
      return null;
    });
  }

  /**
   * The batch's row indexes ordered by series id (and by position within a series), each in the low half of a
   * key whose high half is the id. Points usually arrive time-major (every series at t, then every series at
   * t + 10 s), which spreads each series over every vector of the table; stored series by series within each
   * batch, a one-series query over a day skips most vectors by their min/max statistics (96 to 18 ms in DuckDB
   * for one of the store benchmark's 1000 series over 24 h, appended in batches of 50 000 points).
   */
  private static long[] bySeries(int[] ids) {
    long[] keys = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      keys[i] = (long) ids[i] << 32 | i;
    }
    Arrays.sort(keys);
    return keys;
  }

  @Override
  protected void doAppendLogs(List<LogRecord> records) throws Exception {
    connections.transaction(connection -> {
      JsonCache json = new JsonCache();
      try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "logs")) {
        for (LogRecord r : records) {
          DerivedKeys.Trigrams sig = DerivedKeys.bodySignature(r.body());
          appender.beginRow().append(r.ts().toEpochMilli()).append(r.service().name()).append(r.instance())
              .append((byte) r.level().ordinal()).append(r.body()).append(r.traceId()).append(r.spanId())
              .append(json.encode(r.attributes())).append(sig.low()).append(sig.high()).endRow();
        }
      }
      return null;
    });
  }

  @Override
  protected void doAppendSpans(List<Span> spans) throws Exception {
    connections.transaction(connection -> {
      JsonCache json = new JsonCache();
      try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "spans")) {
        for (Span s : spans) {
          appender.beginRow().append(s.traceId()).append(s.spanId()).append(s.parentSpanId())
              .append(s.service().name()).append(s.operation()).append(s.start().toEpochMilli())
              .append(micros(s.duration())).append((byte) s.status().ordinal())
              .append(json.encode(s.attributes())).append(DerivedKeys.key(s.traceId()))
              .append(DerivedKeys.key(s.traceId(), s.spanId()))
              .append(s.isRoot() ? 0L : DerivedKeys.key(s.traceId(), s.parentSpanId())).endRow();
        }
      }
      return null;
    });
  }

  @Override
  protected void doAppendChanges(List<ChangeEvent> changes) throws Exception {
    connections.transaction(connection -> {
      try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "changes")) {
        for (ChangeEvent c : changes) {
          appender.beginRow().append(c.ts().toEpochMilli()).append(c.service().name()).append(c.kind().name())
              .append(c.author()).append(c.summary()).append(attributesToJson(c.details())).endRow();
        }
      }
      return null;
    });
  }

  /**
   * JSON encodings of the attribute maps of one batch. Instrumented code attaches the same few maps to many
   * records (often the very same instance), and Jackson is the costliest step of a row that has attributes; the
   * cache is bounded so that a batch of all-different maps costs only the failed lookups.
   */
  private static final class JsonCache {
    private static final int MAX_ENTRIES = 1024;
    private final Map<Map<String, String>, String> encoded = new HashMap<>();
    private Map<String, String> last;
    private String lastJson;

    String encode(Map<String, String> attributes) {
      if (attributes.isEmpty()) {
        return "{}";
      }
      if (attributes == last) {
        return lastJson;
      }
      String json = encoded.get(attributes);
      if (json == null) {
        json = attributesToJson(attributes);
        if (encoded.size() < MAX_ENTRIES) {
          encoded.put(attributes, json);
        }
      }
      last = attributes;
      lastJson = json;
      return json;
    }
  }

  private static long micros(Duration d) {
    return Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1_000);
  }

  /** Work inside a transaction on a connection the caller already holds. */
  @FunctionalInterface
  private interface TxWork<T> {
    T run() throws Exception;
  }

  private static <T> T inTransaction(DuckDBConnection connection, TxWork<T> work) throws Exception {
    DuckDbConnections.execute(connection, "BEGIN TRANSACTION");
    boolean committed = false;
    try {
      T result = work.run();
      DuckDbConnections.execute(connection, "COMMIT");
      committed = true;
      return result;
    } finally {
      if (!committed) {
        try {
          DuckDbConnections.execute(connection, "ROLLBACK");
        } catch (SQLException e) {
          // Already aborted by the failure in flight, which is the one to report.
        }
      }
    }
  }

  // ---------------------------------------------------------------- queries

  @Override
  protected Page<MetricSeries> doMetrics(MetricQuery query) throws Exception {
    return queries.metrics(query);
  }

  @Override
  protected Page<Deviation> doTopDeviations(DeviationQuery query) throws Exception {
    return queries.topDeviations(query);
  }

  @Override
  protected LogSearchResult doSearchLogs(LogQuery query) throws Exception {
    return queries.searchLogs(query);
  }

  @Override
  protected Page<Span> doSpans(SpanQuery query) throws Exception {
    return queries.spans(query);
  }

  @Override
  protected Page<EdgeStats> doEdges(EdgeQuery query) throws Exception {
    return queries.edges(query);
  }

  @Override
  protected Page<ChangeEvent> doChanges(ChangeQuery query) throws Exception {
    return queries.changes(query);
  }

  /**
   * One cheap statement per kind of telemetry, merged here: each is a DISTINCT over the window's rows that the
   * min/max statistics of the time column narrow to a few row groups, while DuckDB plans their UNION as one
   * pipeline with a large deduplicating hash table (about 2.5x slower). Metric series are deduplicated by id before
   * their names are looked up.
   */
  @Override
  protected List<String> doServices(TimeWindow window) throws Exception {
    List<Object> range = List.of(window.fromMillis(), window.toMillis());
    return connections.read(connection -> {
      Set<String> services = new TreeSet<>();
      for (String sql : List.of("""
          SELECT DISTINCT s.service FROM (SELECT DISTINCT series_id FROM metric_points WHERE ts >= ? AND ts < ?) p
            JOIN metric_series s USING (series_id)""",
          "SELECT DISTINCT service FROM logs WHERE ts >= ? AND ts < ?",
          "SELECT DISTINCT service FROM spans WHERE start_ms >= ? AND start_ms < ?",
          "SELECT DISTINCT service FROM changes WHERE ts >= ? AND ts < ?")) {
        services.addAll(strings(new SqlFilter().prepare(connection, sql, range)));
      }
      return List.copyOf(services);
    });
  }

  /** The service's series first (a handful of ids), so that the scan of points filters on them. */
  @Override
  protected List<String> doMetricNames(String service, TimeWindow window) throws Exception {
    SqlFilter filter = new SqlFilter().andIfPresent("service = ?", service);
    String sql = "SELECT DISTINCT name FROM metric_series WHERE " + filter.where()
        + " AND series_id IN (SELECT series_id FROM metric_points WHERE ts >= ? AND ts < ?) ORDER BY 1";
    return connections.read(connection -> strings(
        filter.prepare(connection, sql, List.of(), window.fromMillis(), window.toMillis())));
  }

  private static List<String> strings(PreparedStatement prepared) throws SQLException {
    try (PreparedStatement statement = prepared; ResultSet rs = statement.executeQuery()) {
      List<String> result = new ArrayList<>();
      while (rs.next()) {
        result.add(rs.getString(1));
      }
      return result;
    }
  }

  // ---------------------------------------------------------------- retention, stats, lifecycle

  @Override
  protected long doDeleteOlderThan(Instant cutoff) throws Exception {
    long ms = cutoff.toEpochMilli();
    return connections.transaction(connection -> {
      long deleted = 0;
      for (String sql : List.of("DELETE FROM metric_points WHERE ts < ?", "DELETE FROM logs WHERE ts < ?",
          "DELETE FROM spans WHERE start_ms < ?", "DELETE FROM changes WHERE ts < ?")) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
          statement.setLong(1, ms);
          deleted += statement.executeUpdate();
        }
      }
      return deleted;
    });
  }

  @Override
  protected StoreStats doStats() throws Exception {
    String sql = """
        WITH m AS (SELECT count(*) n, min(ts) lo, max(ts) hi FROM metric_points),
             l AS (SELECT count(*) n, min(ts) lo, max(ts) hi FROM logs),
             s AS (SELECT count(*) n, min(start_ms) lo, max(start_ms) hi FROM spans),
             c AS (SELECT count(*) n, min(ts) lo, max(ts) hi FROM changes)
        SELECT m.n, l.n, s.n, c.n, least(m.lo, l.lo, s.lo, c.lo), greatest(m.hi, l.hi, s.hi, c.hi)
        FROM m, l, s, c""";
    return connections.read(connection -> {
      try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
        rs.next();
        long oldest = rs.getLong(5);
        Instant lo = rs.wasNull() ? null : Instant.ofEpochMilli(oldest);
        long newest = rs.getLong(6);
        Instant hi = rs.wasNull() ? null : Instant.ofEpochMilli(newest);
        return new StoreStats(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), lo, hi);
      }
    });
  }

  @Override
  protected RuntimeException translate(String operation, Exception failure) {
    if (failure instanceof DuckDbTelemetryQueries.CountFailedException count
        && count.getCause() instanceof SQLException cause) {
      return super.translate(operation + " (count)", cause);
    }
    return super.translate(operation, failure);
  }

  /** DuckDB reports write-write conflicts, lock waits and interrupted queries without SQL states. */
  @Override
  protected boolean isTransient(Exception failure) {
    String message = String.valueOf(failure.getMessage());
    return super.isTransient(failure) || (failure instanceof SQLException
        && (message.contains("Conflict") || message.contains("lock") || message.contains("Interrupt")
        || message.contains("Out of Memory")));
  }

  /** Writes everything in the WAL into the database file now; for benchmarks and maintenance. */
  void checkpoint() throws Exception {
    connections.write(connection -> {
      DuckDbConnections.execute(connection, "CHECKPOINT");
      return null;
    });
  }

  /** Series known to the store, for tests and diagnostics. */
  int seriesCount() throws Exception {
    return connections.write(connection -> series.size());
  }

  @Override
  protected void doClose() {
    if (ownsConnections) {
      connections.close();
    }
  }
}
