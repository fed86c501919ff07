package dev.responder.store;

import dev.responder.core.query.Aggregation;
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
import dev.responder.core.telemetry.ChangeEvent;
import dev.responder.core.telemetry.LogRecord;
import dev.responder.core.telemetry.Severity;
import dev.responder.core.telemetry.Span;
import dev.responder.core.telemetry.SpanStatus;
import dev.responder.core.topology.ServiceId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The typed queries of {@link DuckDbTelemetryStore} as DuckDB SQL. Every query pushes filtering, bucketing and
 * aggregation into the database, fetches at most limit + 1 rows, and counts all matches only when the limit was
 * hit, so that {@link Page#omitted()} is exact at the price of a second query only for truncated answers.
 */
final class DuckDbTelemetryQueries {
  private static final Severity[] LEVELS = Severity.values();
  private static final SpanStatus[] STATUSES = SpanStatus.values();

  private final DuckDbConnections connections;

  DuckDbTelemetryQueries(DuckDbConnections connections) {
    this.connections = connections;
  }

  /** Reads one row of a result set. */
  @FunctionalInterface
  private interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  // ---------------------------------------------------------------- metrics

  Page<MetricSeries> metrics(MetricQuery q) throws Exception {
    SqlFilter series = new SqlFilter().andIfPresent("service = ?", q.service()).andIfPresent("name = ?", q.metric());
    long bucket = q.bucket().toMillis();
    String instance = q.byInstance() ? "s.instance" : "''";
    String buckets;
    if (q.aggregation() == Aggregation.INCREASE_RATE) {
      // A counter's increase is only meaningful within one stored series; per-service rates add them up.
      buckets = """
          SELECT service, instance, metric, bucket, sum(increase) / %s AS value FROM (
            SELECT s.service, %s AS instance, s.name AS metric, p.series_id, p.ts - p.ts %% %d AS bucket,
                   max(p.value) - min(p.value) AS increase
            FROM metric_points p JOIN (SELECT * FROM metric_series WHERE %s) s USING (series_id)
            WHERE p.ts >= ? AND p.ts < ? GROUP BY ALL)
          GROUP BY ALL""".formatted(seconds(bucket), instance, bucket, series.where());
    } else {
      buckets = """
          SELECT s.service, %s AS instance, s.name AS metric, p.ts - p.ts %% %d AS bucket, %s AS value
          FROM metric_points p JOIN (SELECT * FROM metric_series WHERE %s) s USING (series_id)
          WHERE p.ts >= ? AND p.ts < ? GROUP BY ALL"""
          .formatted(instance, bucket, aggregate(q.aggregation(), bucket), series.where());
    }
    List<Object> window = List.of(q.window().fromMillis(), q.window().toMillis());
    return connections.read(c -> {
      List<AbstractTelemetryStore.BucketValue> rows = list(c, series,
          "SELECT * FROM (" + buckets + ") ORDER BY service, instance, metric, bucket LIMIT ?", List.of(), window,
          q.limit() + 1,
          rs -> new AbstractTelemetryStore.BucketValue(rs.getString(1), rs.getString(2), rs.getString(3),
              rs.getLong(4), rs.getDouble(5)));
      return AbstractTelemetryStore.seriesPage(rows, q.limit(),
          () -> count(c, series, "SELECT count(*) FROM (" + buckets + ")", window));
    });
  }

  private static String aggregate(Aggregation aggregation, long bucketMillis) {
    return switch (aggregation) {
      case AVG -> "avg(p.value)";
      case MIN -> "min(p.value)";
      case MAX -> "max(p.value)";
      case SUM -> "sum(p.value)";
      case COUNT -> "count(*)::DOUBLE";
      case P50, P95, P99 -> "quantile_cont(p.value, " + aggregation.quantile() + ")";
      case RATE -> "sum(p.value) / " + seconds(bucketMillis);
      case INCREASE_RATE -> throw new IllegalStateException("INCREASE_RATE is aggregated in two steps");
    };
  }

  private static String seconds(long millis) {
    return (millis / 1000.0) + "::DOUBLE";
  }

  Page<Deviation> topDeviations(DeviationQuery q) throws Exception {
    SqlFilter series = new SqlFilter().andIfPresent("service = ?", q.service());
    String sql = """
        WITH s AS (SELECT series_id, service, name FROM metric_series WHERE %s),
        base AS (SELECT s.service, s.name AS metric, avg(p.value) AS mean, coalesce(stddev_pop(p.value), 0) AS sd
                 FROM metric_points p JOIN s USING (series_id) WHERE p.ts >= ? AND p.ts < ? GROUP BY ALL),
        win AS (SELECT s.service, s.name AS metric, avg(p.value) AS mean
                FROM metric_points p JOIN s USING (series_id) WHERE p.ts >= ? AND p.ts < ? GROUP BY ALL),
        scored AS (SELECT b.service, b.metric, b.mean, b.sd, w.mean AS wmean,
                   (w.mean - b.mean) / greatest(b.sd, 0.01 * abs(b.mean), 1e-9) AS score
                   FROM base b JOIN win w USING (service, metric))
        SELECT *, count(*) OVER () FROM scored ORDER BY abs(score) DESC, service, metric LIMIT ?"""
        .formatted(series.where());
    List<Object> windows = List.of(q.baseline().fromMillis(), q.baseline().toMillis(), q.window().fromMillis(),
        q.window().toMillis());
    return connections.read(c -> {
      long[] total = {0};
      List<Deviation> rows = list(c, series, sql, List.of(), windows, q.limit(), rs -> {
        total[0] = rs.getLong(7);
        return new Deviation(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
            rs.getDouble(6));
      });
      return new Page<>(rows, Math.max(0, total[0] - rows.size()));
    });
  }

  // ---------------------------------------------------------------- logs

  LogSearchResult searchLogs(LogQuery q) throws Exception {
    SqlFilter filter = new SqlFilter()
        .and("ts >= ? AND ts < ?", q.window().fromMillis(), q.window().toMillis())
        .andIfPresent("service = ?", q.service())
        .andIfPresent("level >= ?", q.minLevel() == null ? null : q.minLevel().ordinal());
    if (q.text() == null) {
      return searchLogsWithoutText(q, filter);
    }
    String lower = q.text().toLowerCase(Locale.ROOT);
    DerivedKeys.Trigrams mask = DerivedKeys.textMask(lower);
    filter.and("(body_sig & ?) = ? AND (body_sig2 & ?) = ?", mask.low(), mask.low(), mask.high(), mask.high());
    // One scan finds the matches and feeds both the page and the exact counts. The OFFSET 0 fence keeps the body
    // test out of the table scan: pushed into it, DuckDB decompresses and lower-cases every body of the window
    // instead of only those that pass the signature (about 2.7x slower on the benchmark's 24 h search).
    String sql = """
        WITH m AS MATERIALIZED (
          SELECT * FROM (SELECT ts, service, instance, level, body, trace_id, span_id, attributes FROM logs
                         WHERE %s OFFSET 0)
          WHERE contains(lower(body), ?))
        SELECT 0 AS part, service, level, 0::BIGINT AS n, ts, instance, body, trace_id, span_id, attributes
          FROM (SELECT * FROM m ORDER BY ts DESC LIMIT ?)
        UNION ALL
        SELECT 1, service, level, count(*), NULL, NULL, NULL, NULL, NULL, NULL FROM m GROUP BY service, level"""
        .formatted(filter.where());
    return connections.read(c -> {
      List<LogRecord> rows = new ArrayList<>();
      Counts counts = new Counts();
      try (PreparedStatement statement = filter.prepare(c, sql, List.of(), lower, q.limit());
           ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          if (rs.getInt(1) == 0) {
            rows.add(new LogRecord(Instant.ofEpochMilli(rs.getLong(5)), ServiceId.of(rs.getString(2)),
                rs.getString(6), LEVELS[rs.getByte(3)], rs.getString(7), rs.getString(8), rs.getString(9),
                AbstractTelemetryStore.attributesFromJson(rs.getString(10))));
          } else {
            counts.add(rs.getString(2), rs.getByte(3), rs.getLong(4));
          }
        }
      }
      rows.sort(Comparator.comparing(LogRecord::ts).reversed());
      return counts.result(rows);
    });
  }

  /** Without text the filters are cheap column tests: a streaming count and a top-N, no materialised matches. */
  private LogSearchResult searchLogsWithoutText(LogQuery q, SqlFilter filter) throws Exception {
    String lines = "SELECT ts, service, instance, level, body, trace_id, span_id, attributes FROM logs WHERE "
        + filter.where() + " ORDER BY ts DESC LIMIT ?";
    String counts = "SELECT service, level, count(*) FROM logs WHERE " + filter.where() + " GROUP BY ALL";
    return connections.read(c -> {
      List<LogRecord> rows = list(c, filter, lines, List.of(), List.of(), q.limit(), DuckDbTelemetryQueries::logRecord);
      Counts result = new Counts();
      try (PreparedStatement statement = filter.prepare(c, counts, List.of()); ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          result.add(rs.getString(1), rs.getByte(2), rs.getLong(3));
        }
      }
      return result.result(rows);
    });
  }

  /** Exact match counts by service and by level, and in all. */
  private static final class Counts {
    private final Map<String, Long> byService = new TreeMap<>();
    private final Map<Severity, Long> byLevel = new EnumMap<>(Severity.class);
    private long total;

    void add(String service, byte level, long n) {
      byService.merge(service, n, Long::sum);
      byLevel.merge(LEVELS[level], n, Long::sum);
      total += n;
    }

    LogSearchResult result(List<LogRecord> rows) {
      return new LogSearchResult(new Page<>(rows, Math.max(0, total - rows.size())), byService, byLevel);
    }
  }

  private static LogRecord logRecord(ResultSet rs) throws SQLException {
    return new LogRecord(Instant.ofEpochMilli(rs.getLong(1)), ServiceId.of(rs.getString(2)), rs.getString(3),
        LEVELS[rs.getByte(4)], rs.getString(5), rs.getString(6), rs.getString(7),
        AbstractTelemetryStore.attributesFromJson(rs.getString(8)));
  }

  // ---------------------------------------------------------------- traces

  Page<Span> spans(SpanQuery q) throws Exception {
    SqlFilter filter = new SqlFilter()
        .and("start_ms >= ? AND start_ms < ?", q.window().fromMillis(), q.window().toMillis())
        .andIfPresent("service = ?", q.service())
        .andIfPresent("operation = ?", q.operation())
        .andIfPresent("trace_key = ?", q.traceId() == null ? null : DerivedKeys.key(q.traceId()))
        .andIfPresent("trace_id = ?", q.traceId());
    if (q.errorsOnly()) {
      filter.and("status = " + SpanStatus.ERROR.ordinal());
    }
    String order = q.slowestFirst() ? "duration_us DESC, start_ms, span_id" : "start_ms, span_id";
    String sql = "SELECT trace_id, span_id, parent_span_id, service, operation, start_ms, duration_us, status, "
        + "attributes FROM spans WHERE " + filter.where() + " ORDER BY " + order + " LIMIT ?";
    return connections.read(c -> {
      List<Span> rows = list(c, filter, sql, List.of(), List.of(), q.limit() + 1, DuckDbTelemetryQueries::span);
      return AbstractTelemetryStore.page(rows, q.limit(),
          () -> count(c, filter, "SELECT count(*) FROM spans WHERE " + filter.where(), List.of()));
    });
  }

  private static Span span(ResultSet rs) throws SQLException {
    return new Span(rs.getString(1), rs.getString(2), rs.getString(3), ServiceId.of(rs.getString(4)),
        rs.getString(5), Instant.ofEpochMilli(rs.getLong(6)), Duration.ofNanos(rs.getLong(7) * 1_000),
        STATUSES[rs.getByte(8)], AbstractTelemetryStore.attributesFromJson(rs.getString(9)));
  }

  /**
   * How far outside the window a parent span is first looked for. Parents start before their children (or a
   * clock skew after), so nearly all are found by a scan that the start-time statistics narrow to the window and
   * this margin; only the rest, whose parent started long before or is missing, are looked up in the rest of the
   * table. (A span id stored twice, once near and once far, now counts once, where a plain join counted both.)
   */
  private static final long PARENT_MARGIN_MILLIS = Duration.ofMinutes(10).toMillis();

  Page<EdgeStats> edges(EdgeQuery q) throws Exception {
    SqlFilter filter = new SqlFilter();
    if (q.service() != null) {
      filter.and("(caller = ? OR callee = ?)", q.service(), q.service());
    }
    long from = q.window().fromMillis();
    long to = q.window().toMillis();
    long nearFrom = from < Long.MIN_VALUE + PARENT_MARGIN_MILLIS ? Long.MIN_VALUE : from - PARENT_MARGIN_MILLIS;
    long nearTo = to > Long.MAX_VALUE - PARENT_MARGIN_MILLIS ? Long.MAX_VALUE : to + PARENT_MARGIN_MILLIS;
    String sql = """
        WITH c AS (SELECT parent_key, service, duration_us, status FROM spans
                   WHERE start_ms >= ? AND start_ms < ? AND parent_key <> 0),
        near AS (SELECT span_key, service FROM spans WHERE start_ms >= ? AND start_ms < ?),
        j AS MATERIALIZED (SELECT c.*, p.service AS caller FROM c LEFT JOIN near p ON p.span_key = c.parent_key),
        far AS (SELECT span_key, service FROM spans WHERE (start_ms < ? OR start_ms >= ?)
                AND span_key IN (SELECT parent_key FROM j WHERE caller IS NULL)),
        pairs AS (SELECT caller, service AS callee, duration_us, status FROM j WHERE caller IS NOT NULL
                  UNION ALL
                  SELECT p.service, j.service, j.duration_us, j.status
                  FROM j JOIN far p ON p.span_key = j.parent_key WHERE j.caller IS NULL),
        e AS (SELECT caller, callee, count(*) AS calls, count(*) FILTER (WHERE status = %d) AS errors,
                     avg(duration_us) / 1000.0 AS avg_ms, quantile_cont(duration_us, 0.95) / 1000.0 AS p95_ms,
                     max(duration_us) / 1000.0 AS max_ms
              FROM pairs WHERE caller <> callee AND %s GROUP BY 1, 2)
        SELECT *, count(*) OVER () FROM e ORDER BY calls DESC, caller, callee LIMIT ?"""
        .formatted(SpanStatus.ERROR.ordinal(), filter.where());
    List<Object> windows = List.of(from, to, nearFrom, nearTo, nearFrom, nearTo);
    return connections.read(c -> {
      long[] total = {0};
      List<EdgeStats> rows = list(c, filter, sql, windows, List.of(), q.limit(), rs -> {
            total[0] = rs.getLong(8);
            return new EdgeStats(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getDouble(5),
                rs.getDouble(6), rs.getDouble(7));
          });
      return new Page<>(rows, Math.max(0, total[0] - rows.size()));
    });
  }

  // ---------------------------------------------------------------- changes

  Page<ChangeEvent> changes(ChangeQuery q) throws Exception {
    SqlFilter filter = new SqlFilter()
        .and("ts >= ? AND ts < ?", q.window().fromMillis(), q.window().toMillis())
        .andIfPresent("service = ?", q.service())
        .andIfPresent("kind = ?", q.kind() == null ? null : q.kind().name());
    String sql = "SELECT ts, service, kind, author, details FROM changes WHERE " + filter.where()
        + " ORDER BY ts DESC LIMIT ?";
    return connections.read(c -> {
      List<ChangeEvent> rows = list(c, filter, sql, List.of(), List.of(), q.limit() + 1,
          rs -> ChangeEvent.of(Instant.ofEpochMilli(rs.getLong(1)), ServiceId.of(rs.getString(2)),
              ChangeEvent.Kind.valueOf(rs.getString(3)), rs.getString(4),
              AbstractTelemetryStore.attributesFromJson(rs.getString(5))));
      return AbstractTelemetryStore.page(rows, q.limit(),
          () -> count(c, filter, "SELECT count(*) FROM changes WHERE " + filter.where(), List.of()));
    });
  }

  // ---------------------------------------------------------------- plumbing

  /**
   * Runs {@code sql} with parameters {@code leading}, the filter's, {@code trailing}, and finally the limit.
   */
  private static <T> List<T> list(Connection c, SqlFilter filter, String sql, List<Object> leading,
                                  List<Object> trailing, int limit, RowReader<T> reader) throws SQLException {
    Object[] tail = new Object[trailing.size() + 1];
    for (int i = 0; i < trailing.size(); i++) {
      tail[i] = trailing.get(i);
    }
    tail[trailing.size()] = limit;
    try (PreparedStatement statement = filter.prepare(c, sql, leading, tail); ResultSet rs = statement.executeQuery()) {
      List<T> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(reader.read(rs));
      }
      return rows;
    }
  }

  private static long count(Connection c, SqlFilter filter, String sql, List<Object> trailing) {
    try (PreparedStatement statement = filter.prepare(c, sql, List.of(), trailing.toArray());
         ResultSet rs = statement.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new CountFailedException(e);
    }
  }

  /** Carries a failed count query out of a {@code LongSupplier}; {@link DuckDbTelemetryStore} unwraps it. */
  static final class CountFailedException extends RuntimeException {
    CountFailedException(SQLException cause) {
      super(cause.getMessage(), cause);
    }
  }
}
