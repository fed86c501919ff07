package dev.responder.store.clickhouse;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.responder.core.telemetry.Severity;
import dev.responder.core.telemetry.Span;
import dev.responder.store.AbstractTelemetryStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link dev.responder.core.port.TelemetryStore} on ClickHouse over HTTP. Every call is one or a few stateless
 * HTTP requests, so the store is safe to use from many threads. Appends are atomic per kind of telemetry up to
 * the insert batch size: each INSERT is a single block, which MergeTree writes all-or-nothing.
 */
final class ClickHouseTelemetryStore extends AbstractTelemetryStore {
  private final ClickHouseHttp http;
  private final int insertBatchSize;
  private final Retention retention;

  private ClickHouseTelemetryStore(ClickHouseHttp http, int insertBatchSize) {
    super("clickhouse:" + http.endpoint() + http.database());
    this.http = http;
    this.insertBatchSize = insertBatchSize;
    this.retention = new Retention(http, http.requestTimeout());
  }

  /** Creates the database and tables when missing; closes the HTTP client when that fails. */
  static ClickHouseTelemetryStore open(ClickHouseHttp http, int insertBatchSize) {
    try {
      http.executeWithoutDatabase("create database " + http.database(),
          "CREATE DATABASE IF NOT EXISTS " + http.database());
      for (Table table : Table.values()) {
        http.execute("create table " + table.sqlName(), table.createSql());
      }
      return new ClickHouseTelemetryStore(http, insertBatchSize);
    } catch (RuntimeException e) {
      http.close();
      throw e;
    }
  }

  // ---------------------------------------------------------------- appends

  @Override
  protected void doAppendMetrics(List<MetricPoint> points) {
    insert(Table.METRICS, points, Rows::writeMetric);
  }

  @Override
  protected void doAppendLogs(List<LogRecord> records) {
    insert(Table.LOGS, records, Rows::writeLog);
  }

  @Override
  protected void doAppendSpans(List<Span> spans) {
    insert(Table.SPANS, spans, Rows::writeSpan);
  }

  @Override
  protected void doAppendChanges(List<ChangeEvent> changes) {
    insert(Table.CHANGES, changes, Rows::writeChange);
  }

  private <T> void insert(Table table, List<T> rows, JsonEachRowStream.RowWriter<T> writer) {
    for (int from = 0; from < rows.size(); from += insertBatchSize) {
      List<T> slice = rows.subList(from, Math.min(rows.size(), from + insertBatchSize));
      http.insert("insert of " + slice.size() + " rows into " + table.sqlName(), table.sqlName(),
          () -> new JsonEachRowStream<>(slice, writer), insertBatchSize);
    }
  }

  // ---------------------------------------------------------------- queries

  @Override
  protected Page<MetricSeries> doMetrics(MetricQuery query) {
    String buckets = Statements.metricBuckets(query);
    List<Bucket> rows = http.query("metrics query", buckets + " ORDER BY s, i, m, b LIMIT " + (query.limit() + 1),
        row -> new Bucket(row.get("s").asText(), row.get("i").asText(), row.get("m").asText(),
            new MetricSeries.Point(Rows.instant(row, "b"), Rows.real(row, "v"))));
    Page<Bucket> points = page(rows, query.limit(),
        () -> count("metrics count", "SELECT count() AS n FROM (" + buckets + ")"));
    return new Page<>(Bucket.toSeries(points.rows()), points.omitted());
  }

  @Override
  protected Page<Deviation> doTopDeviations(DeviationQuery query) {
    List<Deviation> ranked = http.query("deviation query", Statements.deviations(query), row -> {
      double mean = Rows.real(row, "baseline_mean");
      double sd = Rows.real(row, "baseline_sd");
      double windowMean = Rows.real(row, "window_mean");
      return new Deviation(row.get("service").asText(), row.get("name").asText(), mean, sd, windowMean,
          deviationScore(mean, sd, windowMean));
    }).stream()
        .sorted(Comparator.comparingDouble((Deviation d) -> -Math.abs(d.score()))
            .thenComparing(Deviation::service).thenComparing(Deviation::metric))
        .toList();
    return page(ranked, query.limit(), ranked::size);
  }

  @Override
  protected LogSearchResult doSearchLogs(LogQuery query) {
    String where = Statements.logWhere(query);
    Map<String, Long> byService = new HashMap<>();
    Map<Severity, Long> byLevel = new EnumMap<>(Severity.class);
    List<JsonNode> counts = http.query("log count", "SELECT service, level, count() AS n FROM logs WHERE " + where
        + " GROUP BY service, level", row -> row);
    long total = 0;
    for (JsonNode row : counts) {
      long n = row.get("n").asLong();
      byService.merge(row.get("service").asText(), n, Long::sum);
      byLevel.merge(Severity.valueOf(row.get("level").asText()), n, Long::sum);
      total += n;
    }
    List<LogRecord> lines = total == 0 ? List.of() : http.query("log search", "SELECT * FROM logs WHERE " + where
        + " ORDER BY ts DESC, service, instance, body LIMIT " + query.limit(), Rows::log);
    return new LogSearchResult(new Page<>(lines, Math.max(0, total - lines.size())), byService, byLevel);
  }

  @Override
  protected Page<Span> doSpans(SpanQuery query) {
    String where = Statements.spanWhere(query);
    List<Span> rows = http.query("span query", "SELECT * FROM spans WHERE " + where + " ORDER BY "
        + Statements.spanOrder(query) + " LIMIT " + (query.limit() + 1), Rows::span);
    return page(rows, query.limit(), () -> count("span count", "SELECT count() AS n FROM spans WHERE " + where));
  }

  @Override
  protected Page<EdgeStats> doEdges(EdgeQuery query) {
    List<EdgeStats> all = http.query("edge query", Statements.edges(query),
        row -> new EdgeStats(row.get("caller").asText(), row.get("callee").asText(), row.get("calls").asLong(),
            row.get("errors").asLong(), Rows.real(row, "avg_ms"), Rows.real(row, "p95_ms"), Rows.real(row, "max_ms")));
    return page(all, query.limit(), all::size);
  }

  @Override
  protected Page<ChangeEvent> doChanges(ChangeQuery query) {
    String where = Statements.changeWhere(query);
    List<ChangeEvent> rows = http.query("change query", "SELECT * FROM changes WHERE " + where
        + " ORDER BY ts DESC, service, kind LIMIT " + (query.limit() + 1), Rows::change);
    return page(rows, query.limit(), () -> count("change count", "SELECT count() AS n FROM changes WHERE " + where));
  }

  @Override
  protected List<String> doServices(TimeWindow window) {
    return http.query("service list", Statements.services(window), row -> row.get("service").asText());
  }

  @Override
  protected List<String> doMetricNames(String service, TimeWindow window) {
    return http.query("metric name list", Statements.metricNames(service, window), row -> row.get("name").asText());
  }

  // ---------------------------------------------------------------- housekeeping

  @Override
  protected long doDeleteOlderThan(Instant cutoff) throws InterruptedException {
    return retention.deleteOlderThan(cutoff);
  }

  @Override
  protected StoreStats doStats() {
    Map<String, JsonNode> byTable = new HashMap<>();
    for (JsonNode row : http.query("stats", Statements.stats(), row -> row)) {
      byTable.put(row.get("t").asText(), row);
    }
    Instant oldest = null;
    Instant newest = null;
    for (JsonNode row : byTable.values()) {
      // min() and max() of an empty table are 0 in ClickHouse, not NULL, so only non-empty tables count.
      if (row.get("n").asLong() > 0) {
        Instant lo = Rows.instant(row, "lo");
        Instant hi = Rows.instant(row, "hi");
        oldest = oldest == null || lo.isBefore(oldest) ? lo : oldest;
        newest = newest == null || hi.isAfter(newest) ? hi : newest;
      }
    }
    return new StoreStats(rowCount(byTable, Table.METRICS), rowCount(byTable, Table.LOGS),
        rowCount(byTable, Table.SPANS), rowCount(byTable, Table.CHANGES), oldest, newest);
  }

  @Override
  protected void doClose() {
    http.close();
  }

  private long count(String what, String sql) {
    return http.query(what, sql, row -> row.get("n").asLong()).getFirst();
  }

  private static long rowCount(Map<String, JsonNode> byTable, Table table) {
    JsonNode row = byTable.get(table.sqlName());
    return row == null ? 0 : row.get("n").asLong();
  }
}
