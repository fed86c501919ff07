package dev.responder.store.clickhouse;

import dev.responder.core.query.Aggregation;
import dev.responder.core.query.ChangeQuery;
import dev.responder.core.query.DeviationQuery;
import dev.responder.core.query.EdgeQuery;
import dev.responder.core.query.LogQuery;
import dev.responder.core.query.MetricQuery;
import dev.responder.core.query.SpanQuery;
import dev.responder.core.query.TimeWindow;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The SELECT statements, written for ClickHouse 18.16: no window functions, joins only as
 * {@code ANY|ALL INNER JOIN ... USING} between subqueries, {@code UNION ALL} only. Ordering always ends in enough
 * columns to make results deterministic, since MergeTree returns rows in part order otherwise.
 */
final class Statements {
  private Statements() {}

  static String inWindow(String column, TimeWindow w) {
    return column + " >= " + w.fromMillis() + " AND " + column + " < " + w.toMillis();
  }

  /**
   * One row per (series, bucket): {@code s, i, m, b, v}. Buckets start at {@code ts - ts % bucket}.
   * A counter's increase is taken per stored counter (service, instance, metric, labels) first and summed per
   * series afterwards, so that counters of different instances or label sets never mix their values; labels are
   * stored with sorted keys, so equal label sets are equal strings.
   */
  static String metricBuckets(MetricQuery q) {
    long bucket = q.bucket().toMillis();
    String secs = Double.toString(bucket / 1000.0);
    String where = inWindow("ts", q.window()) + Sql.andEquals("service", q.service()) + Sql.andEquals("name", q.metric());
    // 18.16 gives ts % 60000 the divisor's narrow type (Int16 here), which overflows; hence the explicit Int64.
    String bucketExpr = "ts - ts % toInt64(" + bucket + ")";
    String instance = q.byInstance() ? "instance" : "''";
    if (q.aggregation() == Aggregation.INCREASE_RATE) {
      return "SELECT s, i, m, b, sum(increase) / " + secs + " AS v FROM ("
          + " SELECT service AS s, " + instance + " AS i, instance AS counter_instance, labels AS counter_labels,"
          + " name AS m, " + bucketExpr + " AS b, max(value) - min(value) AS increase FROM metrics WHERE " + where
          + " GROUP BY s, i, counter_instance, counter_labels, m, b"
          + ") GROUP BY s, i, m, b";
    }
    return "SELECT service AS s, " + instance + " AS i, name AS m, " + bucketExpr + " AS b, "
        + aggregate(q.aggregation(), secs) + " AS v FROM metrics WHERE " + where + " GROUP BY s, i, m, b";
  }

  /** The per-bucket aggregate of every aggregation but {@code INCREASE_RATE}, which needs two levels. */
  static String aggregate(Aggregation a, String bucketSeconds) {
    return switch (a) {
      case AVG -> "avg(value)";
      case MIN -> "min(value)";
      case MAX -> "max(value)";
      case SUM -> "sum(value)";
      case COUNT -> "toFloat64(count())";
      // quantile() keeps a reservoir of 8192 values and interpolates linearly: exact below that size per bucket.
      case P50, P95, P99 -> "quantile(" + a.quantile() + ")(value)";
      case RATE -> "sum(value) / " + bucketSeconds;
      case INCREASE_RATE -> throw new IllegalArgumentException("INCREASE_RATE is aggregated per counter first");
    };
  }

  /** Pairs with points in both windows: {@code service, name, baseline_mean, baseline_sd, window_mean}. */
  static String deviations(DeviationQuery q) {
    String service = Sql.andEquals("service", q.service());
    return "SELECT service, name, baseline_mean, baseline_sd, window_mean FROM ("
        + " SELECT service, name, avg(value) AS window_mean FROM metrics"
        + " WHERE " + inWindow("ts", q.window()) + service + " GROUP BY service, name"
        + ") ANY INNER JOIN ("
        + " SELECT service, name, avg(value) AS baseline_mean, stddevPop(value) AS baseline_sd FROM metrics"
        + " WHERE " + inWindow("ts", q.baseline()) + service + " GROUP BY service, name"
        + ") USING (service, name)";
  }

  static String logWhere(LogQuery q) {
    String where = inWindow("ts", q.window()) + Sql.andEquals("service", q.service());
    if (q.minLevel() != null) {
      where += " AND level >= " + Sql.quote(q.minLevel().name());
    }
    if (q.text() != null) {
      // position(), unlike LIKE, has no wildcards, so '%' and '_' in the text match literally.
      where += " AND positionCaseInsensitiveUTF8(body, " + Sql.quote(q.text()) + ") > 0";
    }
    return where;
  }

  static String spanWhere(SpanQuery q) {
    return inWindow("start_ms", q.window()) + Sql.andEquals("service", q.service())
        + Sql.andEquals("operation", q.operation()) + Sql.andEquals("trace_id", q.traceId())
        + (q.errorsOnly() ? " AND status = 'ERROR'" : "");
  }

  static String spanOrder(SpanQuery q) {
    return q.slowestFirst() ? "duration_us DESC, start_ms, trace_id, span_id" : "start_ms, trace_id, span_id";
  }

  /**
   * Caller-to-callee statistics from child spans in the window joined to their parents, which may start outside
   * it. Children are the left side so that each takes one parent ({@code ANY}); the parent side reads only the
   * traces that have children in the window. All edges come back (their number is bounded by service pairs).
   */
  static String edges(EdgeQuery q) {
    String children = inWindow("start_ms", q.window()) + " AND parent_span_id != ''";
    String service = q.service() == null ? ""
        : " AND (caller = " + Sql.quote(q.service()) + " OR callee = " + Sql.quote(q.service()) + ")";
    return "SELECT caller, callee, count() AS calls, countIf(status = 'ERROR') AS errors,"
        + " avg(duration_us) / 1000 AS avg_ms, quantile(0.95)(duration_us) / 1000 AS p95_ms,"
        + " max(duration_us) / 1000 AS max_ms FROM ("
        + " SELECT trace_id, parent_span_id, service AS callee, duration_us, status FROM spans WHERE " + children
        + ") ANY INNER JOIN ("
        + " SELECT trace_id, span_id AS parent_span_id, service AS caller FROM spans"
        + " WHERE trace_id IN (SELECT trace_id FROM spans WHERE " + children + ")"
        + ") USING (trace_id, parent_span_id)"
        + " WHERE caller != callee" + service
        + " GROUP BY caller, callee ORDER BY calls DESC, caller, callee";
  }

  static String changeWhere(ChangeQuery q) {
    return inWindow("ts", q.window()) + Sql.andEquals("service", q.service())
        + (q.kind() == null ? "" : " AND kind = " + Sql.quote(q.kind().name()));
  }

  /** Distinct services with any kind of telemetry in the window (span start for spans). */
  static String services(TimeWindow w) {
    String union = Stream.of(Table.values())
        .map(t -> "SELECT DISTINCT service FROM " + t.sqlName() + " WHERE " + inWindow(t.tsColumn(), w))
        .collect(Collectors.joining(" UNION ALL "));
    return "SELECT DISTINCT service FROM (" + union + ") ORDER BY service";
  }

  static String metricNames(String service, TimeWindow w) {
    return "SELECT DISTINCT name FROM metrics WHERE " + inWindow("ts", w) + Sql.andEquals("service", service)
        + " ORDER BY name";
  }

  /** One row per table: {@code t, n, lo, hi} (lo and hi are 0 for an empty table). */
  static String stats() {
    return Stream.of(Table.values())
        .map(t -> "SELECT '" + t.sqlName() + "' AS t, count() AS n, min(" + t.tsColumn()
            + ") AS lo, max(" + t.tsColumn() + ") AS hi FROM " + t.sqlName())
        .collect(Collectors.joining(" UNION ALL "));
  }
}
