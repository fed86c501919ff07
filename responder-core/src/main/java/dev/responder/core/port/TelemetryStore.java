package dev.responder.core.port;

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
import dev.responder.core.telemetry.Span;
import java.time.Instant;
import java.util.List;

/**
 * Telemetry storage with the typed queries that investigations need. Every query is bounded by its row limit
 * and reports how many rows it left out. Implementations: DuckDB (embedded, the default) and ClickHouse.
 */
public interface TelemetryStore extends TelemetrySink, AutoCloseable {

  /** Bucketed series; the page's rows are series, its limit and omitted count are in points. */
  Page<MetricSeries> metrics(MetricQuery query);

  /** The (service, metric) pairs that deviate most from their baseline, largest |score| first. */
  Page<Deviation> topDeviations(DeviationQuery query);

  LogSearchResult searchLogs(LogQuery query);

  Page<Span> spans(SpanQuery query);

  /** Per caller-to-callee edge statistics, busiest edges first. */
  Page<EdgeStats> edges(EdgeQuery query);

  Page<ChangeEvent> changes(ChangeQuery query);

  /** Services that reported any telemetry in the window, sorted by name. */
  List<String> services(TimeWindow window);

  /** Metric names a service reported in the window, sorted. */
  List<String> metricNames(String service, TimeWindow window);

  /** Deletes telemetry older than {@code cutoff}; returns the rows deleted. */
  long deleteOlderThan(Instant cutoff);

  StoreStats stats();

  /** Releases connections and files; the store is unusable afterwards. */
  @Override
  void close();
}
