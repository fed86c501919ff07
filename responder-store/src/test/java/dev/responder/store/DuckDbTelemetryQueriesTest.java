package dev.responder.store;

import static dev.responder.core.testkit.TestTelemetry.at;
import static dev.responder.core.testkit.TestTelemetry.metric;
import static dev.responder.core.testkit.TestTelemetry.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.responder.core.port.TelemetryStore;
import dev.responder.core.query.Aggregation;
import dev.responder.core.query.EdgeQuery;
import dev.responder.core.query.EdgeStats;
import dev.responder.core.query.LogQuery;
import dev.responder.core.query.LogSearchResult;
import dev.responder.core.query.MetricQuery;
import dev.responder.core.query.MetricSeries;
import dev.responder.core.query.TimeWindow;
import dev.responder.core.telemetry.LogRecord;
import dev.responder.core.telemetry.MetricPoint;
import dev.responder.core.telemetry.Severity;
import dev.responder.core.telemetry.TelemetryBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DuckDB query plans' shortcuts (parents looked up near the window first, matches found in one scan) stay exact. */
class DuckDbTelemetryQueriesTest {
  private static final long HOUR = 3600;

  @Test
  void edges_findParentsStartedHoursBeforeTheWindow_andParentsNearIt() {
    try (TelemetryStore store = Stores.telemetry(":memory:")) {
      store.append(TelemetryBatch.ofSpans(List.of(
          span("t1", "batch", "", "scheduler", "nightly", 0, 5 * HOUR * 1000, false),
          span("t1", "step", "batch", "worker", "run", 3 * HOUR, 10, false),
          span("t2", "web", "", "frontend", "GET /", 3 * HOUR + 5, 50, false),
          span("t2", "api", "web", "checkout", "place", 3 * HOUR + 6, 20, true))));

      List<EdgeStats> edges = store.edges(new EdgeQuery(null, TimeWindow.of(at(3 * HOUR), at(4 * HOUR)), 10)).rows();

      assertThat(edges).extracting(e -> e.caller() + "->" + e.callee() + " x" + e.calls() + " errors " + e.errors())
          .containsExactly("frontend->checkout x1 errors 1", "scheduler->worker x1 errors 0");
      assertThat(store.edges(new EdgeQuery("scheduler", TimeWindow.of(at(3 * HOUR), at(4 * HOUR)), 10)).rows())
          .extracting(EdgeStats::callee).containsExactly("worker");
    }
  }

  @Test
  void searchLogs_countsEveryMatch_andReturnsTheNewest_whenManyLinesShareTheTextsTrigrams() {
    try (TelemetryStore store = Stores.telemetry(":memory:")) {
      List<LogRecord> logs = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        String service = i % 2 == 0 ? "api" : "db";
        logs.add(LogRecord.of(at(i), service, i % 10 == 0 ? Severity.ERROR : Severity.INFO,
            "Read timed out on connection " + i));
      }
      store.append(TelemetryBatch.ofLogs(logs));

      LogSearchResult found = store.searchLogs(new LogQuery(null, null, "CONNECTION 90", TimeWindow.of(at(0), at(2_000)), 3));

      // 90 and 900..909 match.
      assertThat(found.lines().rows()).extracting(LogRecord::body).containsExactly(
          "Read timed out on connection 909", "Read timed out on connection 908", "Read timed out on connection 907");
      assertThat(found.lines().omitted()).isEqualTo(8);
      assertThat(found.countsByService()).containsEntry("api", 6L).containsEntry("db", 5L);
      assertThat(found.countsByLevel()).containsEntry(Severity.ERROR, 2L).containsEntry(Severity.INFO, 9L);
    }
  }

  @Test
  void metrics_ofBatchesInterleavingSeries_keepEachSeriesInTimeOrder() {
    try (TelemetryStore store = Stores.telemetry(":memory:")) {
      List<MetricPoint> points = new ArrayList<>();
      for (int t = 0; t < 600; t += 10) {
        for (int s = 0; s < 5; s++) {
          points.add(metric(t, "svc-" + s, "rps", s * 1000 + t));
        }
      }
      store.append(TelemetryBatch.ofMetrics(points));

      List<MetricSeries> series = store.metrics(new MetricQuery("svc-3", "rps", TimeWindow.of(at(0), at(600)),
          Duration.ofMinutes(5), Aggregation.MAX, false, 100)).rows();

      assertThat(series).singleElement().satisfies(s -> assertThat(s.points())
          .extracting(MetricSeries.Point::value).containsExactly(3290.0, 3590.0));
    }
  }
}
