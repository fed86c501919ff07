package dev.responder.store;

import static dev.responder.core.testkit.TestTelemetry.T0;
import static dev.responder.core.testkit.TestTelemetry.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.responder.core.error.PermanentException;
import dev.responder.core.port.TelemetryStore;
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
import dev.responder.core.query.StoreStats;
import dev.responder.core.query.TimeWindow;
import dev.responder.core.telemetry.ChangeEvent;
import dev.responder.core.telemetry.LogRecord;
import dev.responder.core.telemetry.MetricPoint;
import dev.responder.core.telemetry.Severity;
import dev.responder.core.telemetry.Span;
import dev.responder.core.telemetry.SpanStatus;
import dev.responder.core.telemetry.TelemetryBatch;
import dev.responder.core.topology.ServiceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TelemetryStore} adapter must show: the single definition of the port's semantics,
 * run by DuckDB and ClickHouse alike. Subclasses supply a fresh, empty store per test; the suite closes it.
 *
 * <p>Semantics pinned here that the port's Javadoc leaves open:
 * <ul>
 *   <li>Timestamps keep millisecond precision, span durations microsecond precision.</li>
 *   <li>Metric buckets start at epoch multiples of the bucket ({@code ts - ts % bucket}); series are ordered by
 *       service, instance, metric and their points by time; the limit cuts points in that order.</li>
 *   <li>Labels do not split series: a series is (service, instance, metric).</li>
 *   <li>Quantiles interpolate linearly between ranks (DuckDB {@code quantile_cont}); engines with approximate
 *       quantiles must agree within {@link #QUANTILE_TOLERANCE} on the data used here.</li>
 *   <li>{@code RATE} is the bucket's sum per second; {@code INCREASE_RATE} is {@code (max - min) / bucket}
 *       per stored counter, i.e. per (service, instance, metric, labels), summed over the counters being
 *       aggregated (a counter's increase does not mix across instances or label sets).</li>
 *   <li>Deviations use the population standard deviation of the baseline's points; pairs without points in
 *       both windows are not ranked; ties in |score| break by service, then metric.</li>
 *   <li>Log search: {@code text} is a literal case-insensitive substring ({@code %} and {@code _} are not
 *       wildcards); lines newest first.</li>
 *   <li>Spans and edges filter by (child) span start; edges with equal calls sort by caller, then callee.</li>
 *   <li>{@code metricNames(null, w)} lists names across all services.</li>
 *   <li>{@code deleteOlderThan} removes rows strictly before the cutoff (span start for spans).</li>
 *   <li>{@code stats()} spans the oldest and newest timestamps of any kind (span start for spans).</li>
 *   <li>Non-finite metric values are rejected before anything of the batch is written.</li>
 *   <li>Null query arguments and blank filters fail with {@link IllegalArgumentException}; use after close
 *       fails with {@link PermanentException}; {@code close()} is idempotent.</li>
 * </ul>
 */
public abstract class TelemetryStoreContract {

  /** How far an engine's quantile may sit from linear interpolation on the contract's data. */
  protected static final double QUANTILE_TOLERANCE = 0.5;
  private static final double EXACT = 1e-9;

  protected TelemetryStore store;

  /** A fresh, empty store; the suite closes it after each test. */
  protected abstract TelemetryStore newStore();

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  // ---------------------------------------------------------------- data helpers

  protected static TimeWindow window(long fromSeconds, long toSeconds) {
    return TimeWindow.of(at(fromSeconds), at(toSeconds));
  }

  protected static TimeWindow day() {
    return TimeWindow.of(T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(1)));
  }

  protected static MetricPoint point(long seconds, String service, String instance, String name, double value) {
    return MetricPoint.of(at(seconds), service, instance, name, value);
  }

  protected static LogRecord line(long seconds, String service, Severity level, String body) {
    return LogRecord.of(at(seconds), service, level, body);
  }

  /** A span that starts {@code startMillis} after T0. */
  protected static Span span(String trace, String id, String parent, String service, String operation,
                             long startMillis, long durationMillis, SpanStatus status) {
    return new Span(trace, id, parent, ServiceId.of(service), operation, T0.plusMillis(startMillis),
        Duration.ofMillis(durationMillis), status, Map.of());
  }

  protected void appendMetrics(MetricPoint... points) {
    store.append(TelemetryBatch.ofMetrics(List.of(points)));
  }

  protected void appendLogs(LogRecord... lines) {
    store.append(TelemetryBatch.ofLogs(List.of(lines)));
  }

  protected void appendSpans(Span... spans) {
    store.append(TelemetryBatch.ofSpans(List.of(spans)));
  }

  protected void appendChanges(ChangeEvent... changes) {
    store.append(TelemetryBatch.ofChanges(List.of(changes)));
  }

  protected Page<MetricSeries> metrics(String service, String metric, TimeWindow window, Duration bucket,
                                       Aggregation aggregation, boolean byInstance, int limit) {
    return store.metrics(new MetricQuery(service, metric, window, bucket, aggregation, byInstance, limit));
  }

  /** The single bucket value of the only series of {@code metric} in [0, 60s) with a one-minute bucket. */
  private double oneBucket(String metric, Aggregation aggregation) {
    Page<MetricSeries> page = metrics("api", metric, window(0, 60), Duration.ofMinutes(1), aggregation, false, 100);
    assertThat(page.rows()).hasSize(1);
    assertThat(page.rows().getFirst().points()).hasSize(1);
    return page.rows().getFirst().points().getFirst().value();
  }

  private static List<Double> values(MetricSeries series) {
    return series.points().stream().map(MetricSeries.Point::value).toList();
  }

  private static List<Instant> times(MetricSeries series) {
    return series.points().stream().map(MetricSeries.Point::ts).toList();
  }

  private static List<String> bodies(LogSearchResult result) {
    return result.lines().rows().stream().map(LogRecord::body).toList();
  }

  private static List<String> spanIds(Page<Span> page) {
    return page.rows().stream().map(Span::spanId).toList();
  }

  // ---------------------------------------------------------------- appends and round trips

  @Nested
  class Appends {

    @Test
    void append_roundTripsLogs_withInstanceAttributesAndTraceIds() {
      LogRecord full = new LogRecord(T0.plusMillis(1_234), ServiceId.of("checkout"), "checkout-7d9f", Severity.ERROR,
          "payment failed: \"card declined\" \\ code=51 \u00e9\u4e2d\n second line", "4bf92f3577b34da6a3ce929d0e0e4736",
          "00f067aa0ba902b7", Map.of("http.status", "502", "user.id", "u-1", "quote\"key", "a\\b"));
      LogRecord bare = line(2, "checkout", Severity.INFO, "");
      appendLogs(full, bare);

      LogSearchResult result = store.searchLogs(new LogQuery(null, null, null, day(), 10));

      assertThat(result.lines().rows()).containsExactly(bare, full);
    }

    @Test
    void append_roundTripsSpans_withMillisStartsAndMicrosDurations() {
      Span root = new Span("trace-1", "span-a", "", ServiceId.of("frontend"), "GET /checkout", T0.plusMillis(1_001),
          Duration.ofNanos(12_345_000), SpanStatus.OK, Map.of("http.method", "GET", "net.peer", "10.0.0.1"));
      Span child = new Span("trace-1", "span-b", "span-a", ServiceId.of("payments"), "charge", T0.plusMillis(1_002),
          Duration.ofNanos(7_000), SpanStatus.ERROR, Map.of("error.type", "timeout"));
      Span unset = new Span("trace-2", "span-c", "", ServiceId.of("payments"), "", T0.plusMillis(1_003),
          Duration.ZERO, SpanStatus.UNSET, Map.of());
      appendSpans(root, child, unset);

      Page<Span> page = store.spans(new SpanQuery(null, null, null, day(), false, false, 10));

      assertThat(page.rows()).containsExactly(root, child, unset);
      assertThat(page.omitted()).isZero();
    }

    @Test
    void append_roundTripsEveryChangeEventVariant_exactly() {
      ServiceId api = ServiceId.of("api");
      List<ChangeEvent> all = List.of(
          new ChangeEvent.Deploy(T0.plusMillis(1), api, "ci", "v1.2.2", "v1.2.3"),
          new ChangeEvent.ConfigChange(T0.plusMillis(2), api, "alice", "db.pool.size", "20", "5"),
          new ChangeEvent.FlagChange(T0.plusMillis(3), api, "bob", "new-checkout", true),
          new ChangeEvent.FlagChange(T0.plusMillis(4), api, "", "old-path", false),
          new ChangeEvent.Scale(T0.plusMillis(5), api, "autoscaler", 3, 7),
          new ChangeEvent.Restart(T0.plusMillis(6), api, "responder", "api-2", "OOMKilled"),
          new ChangeEvent.Restart(T0.plusMillis(7), api, "k8s", "", ""));
      store.append(TelemetryBatch.ofChanges(all));

      Page<ChangeEvent> page = store.changes(new ChangeQuery(null, null, day(), 100));

      assertThat(page.rows()).containsExactlyElementsOf(all.reversed());
    }

    @Test
    void append_acceptsMetricsWithLabels_whichDoNotSplitSeries() {
      appendMetrics(
          new MetricPoint(at(1), ServiceId.of("api"), "api-1", "http_requests", 2, Map.of("route", "/a", "code", "200")),
          new MetricPoint(at(2), ServiceId.of("api"), "api-1", "http_requests", 3, Map.of("route", "/b", "code", "500")),
          new MetricPoint(at(3), ServiceId.of("api"), "api-1", "http_requests", 5, Map.of()));

      Page<MetricSeries> page = metrics("api", "http_requests", window(0, 60), Duration.ofMinutes(1), Aggregation.SUM,
          true, 100);

      assertThat(page.rows()).singleElement().satisfies(s -> {
        assertThat(s.instance()).isEqualTo("api-1");
        assertThat(values(s)).containsExactly(10.0);
      });
      assertThat(store.stats().metricPoints()).isEqualTo(3);
    }

    @Test
    void append_mixedBatch_writesEveryKind() {
      store.append(new TelemetryBatch(
          List.of(point(1, "api", "", "cpu", 0.5), point(2, "api", "", "cpu", 0.6)),
          List.of(line(3, "api", Severity.INFO, "hello")),
          List.of(span("t", "s1", "", "api", "op", 4_000, 5, SpanStatus.OK)),
          List.of(TestDeploys.deploy(5, "api"))));

      StoreStats stats = store.stats();

      assertThat(stats.metricPoints()).isEqualTo(2);
      assertThat(stats.logRecords()).isEqualTo(1);
      assertThat(stats.spans()).isEqualTo(1);
      assertThat(stats.changeEvents()).isEqualTo(1);
    }

    @Test
    void append_emptyBatch_changesNothing() {
      store.append(TelemetryBatch.EMPTY);

      assertThat(store.stats()).isEqualTo(new StoreStats(0, 0, 0, 0, null, null));
    }

    @Test
    void append_ofBadBatch_failsWithTheBadValue_andLeavesEarlierAndSameBatchDataUnwritten() {
      appendMetrics(point(1, "api", "", "cpu", 0.5));
      appendLogs(line(1, "api", Severity.INFO, "before"));
      TelemetryBatch bad = new TelemetryBatch(
          List.of(point(2, "api", "", "cpu", 0.7), point(3, "api", "", "cpu", Double.NaN)),
          List.of(line(2, "api", Severity.INFO, "same batch")), List.of(), List.of());

      assertThatThrownBy(() -> store.append(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("NaN")
          .hasMessageContaining("cpu");

      StoreStats stats = store.stats();
      assertThat(stats.metricPoints()).isEqualTo(1);
      assertThat(stats.logRecords()).isEqualTo(1);
      assertThat(bodies(store.searchLogs(new LogQuery(null, null, null, day(), 10)))).containsExactly("before");
    }

    @Test
    void append_rejectsInfiniteMetricValues() {
      assertThatThrownBy(() -> appendMetrics(point(1, "api", "", "cpu", Double.POSITIVE_INFINITY)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Infinity");
      assertThat(store.stats().metricPoints()).isZero();
    }

    @Test
    void append_rejectsNullBatch() {
      assertThatThrownBy(() -> store.append(null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("batch");
    }

    @Test
    void append_concurrentWithQueries_losesNothing() throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
          int writer = w;
          futures.add(pool.submit(() -> {
            for (int b = 0; b < 20; b++) {
              List<MetricPoint> batch = new ArrayList<>();
              for (int i = 0; i < 50; i++) {
                batch.add(point(b * 50L + i, "svc-" + writer, "", "m", i));
              }
              store.append(TelemetryBatch.ofMetrics(batch));
              assertThat(store.metrics(MetricQuery.of(null, "m", day(), Duration.ofHours(1), Aggregation.COUNT))
                  .rows()).isNotEmpty();
              assertThat(store.services(day())).isNotEmpty();
            }
          }));
        }
        for (Future<?> f : futures) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }

      assertThat(store.stats().metricPoints()).isEqualTo(4 * 20 * 50);
      assertThat(store.services(day())).containsExactly("svc-0", "svc-1", "svc-2", "svc-3");
    }
  }

  // ---------------------------------------------------------------- metrics

  @Nested
  class Metrics {

    /** api/latency in [0, 60s): 10, 20, 30, 40; and 5 at 60s in the next bucket. */
    private void appendLatency() {
      appendMetrics(point(0, "api", "", "latency", 10), point(15, "api", "", "latency", 20),
          point(30, "api", "", "latency", 30), point(45, "api", "", "latency", 40), point(60, "api", "", "latency", 5));
    }

    @Test
    void metrics_avgMinMaxSumCount_perBucket() {
      appendLatency();

      assertThat(oneBucket("latency", Aggregation.AVG)).isCloseTo(25, within(EXACT));
      assertThat(oneBucket("latency", Aggregation.MIN)).isCloseTo(10, within(EXACT));
      assertThat(oneBucket("latency", Aggregation.MAX)).isCloseTo(40, within(EXACT));
      assertThat(oneBucket("latency", Aggregation.SUM)).isCloseTo(100, within(EXACT));
      assertThat(oneBucket("latency", Aggregation.COUNT)).isCloseTo(4, within(EXACT));
    }

    @Test
    void metrics_quantiles_interpolateLinearlyBetweenRanks() {
      appendLatency();

      assertThat(oneBucket("latency", Aggregation.P50)).isCloseTo(25, within(QUANTILE_TOLERANCE));
      assertThat(oneBucket("latency", Aggregation.P95)).isCloseTo(38.5, within(QUANTILE_TOLERANCE));
      assertThat(oneBucket("latency", Aggregation.P99)).isCloseTo(39.7, within(QUANTILE_TOLERANCE));
    }

    @Test
    void metrics_quantiles_onEvenlySpacedValues() {
      List<MetricPoint> points = new ArrayList<>();
      for (int i = 0; i <= 100; i++) {
        points.add(new MetricPoint(T0.plusMillis(i * 100L), ServiceId.of("api"), "", "lat", 100 - i, Map.of()));
      }
      store.append(TelemetryBatch.ofMetrics(points));

      assertThat(oneBucket("lat", Aggregation.P50)).isCloseTo(50, within(QUANTILE_TOLERANCE));
      assertThat(oneBucket("lat", Aggregation.P95)).isCloseTo(95, within(QUANTILE_TOLERANCE));
      assertThat(oneBucket("lat", Aggregation.P99)).isCloseTo(99, within(QUANTILE_TOLERANCE));
    }

    @Test
    void metrics_rate_isSumPerSecondOfBucket() {
      appendLatency();

      assertThat(oneBucket("latency", Aggregation.RATE)).isCloseTo(100.0 / 60, within(EXACT));
    }

    @Test
    void metrics_increaseRate_isMaxMinusMinPerSecond() {
      appendMetrics(point(0, "api", "api-1", "requests_total", 1_000), point(30, "api", "api-1", "requests_total", 1_090),
          point(59, "api", "api-1", "requests_total", 1_120));

      assertThat(oneBucket("requests_total", Aggregation.INCREASE_RATE)).isCloseTo(2.0, within(EXACT));
    }

    @Test
    void metrics_increaseRate_perService_sumsInstanceIncreases() {
      appendMetrics(
          point(0, "api", "api-1", "requests_total", 1_000), point(30, "api", "api-1", "requests_total", 1_060),
          point(0, "api", "api-2", "requests_total", 50), point(30, "api", "api-2", "requests_total", 110));

      assertThat(oneBucket("requests_total", Aggregation.INCREASE_RATE)).isCloseTo(2.0, within(EXACT));
    }

    @Test
    void metrics_increaseRate_sumsIncreasesOfLabelledCounters() {
      ServiceId api = ServiceId.of("api");
      appendMetrics(
          new MetricPoint(at(0), api, "api-1", "requests_total", 100, Map.of("code", "200")),
          new MetricPoint(at(30), api, "api-1", "requests_total", 160, Map.of("code", "200")),
          new MetricPoint(at(0), api, "api-1", "requests_total", 5, Map.of("code", "500")),
          new MetricPoint(at(30), api, "api-1", "requests_total", 65, Map.of("code", "500")));

      Page<MetricSeries> page = metrics("api", "requests_total", window(0, 60), Duration.ofMinutes(1),
          Aggregation.INCREASE_RATE, true, 100);

      assertThat(values(page.rows().getFirst()).getFirst()).isCloseTo(2.0, within(EXACT));
    }

    @Test
    void metrics_bucketsStartAtEpochMultiples_andPointsAscend() {
      appendMetrics(point(59, "api", "", "cpu", 1), point(61, "api", "", "cpu", 2), point(119, "api", "", "cpu", 3),
          point(185, "api", "", "cpu", 4), point(5, "api", "", "cpu", 5));

      Page<MetricSeries> page = metrics("api", "cpu", window(0, 600), Duration.ofMinutes(1), Aggregation.SUM, false, 100);

      assertThat(page.rows()).singleElement().satisfies(s -> {
        assertThat(times(s)).containsExactly(at(0), at(60), at(180));
        assertThat(values(s)).containsExactly(6.0, 5.0, 4.0);
      });
    }

    @Test
    void metrics_bucketOfMillis_keepsMillisecondTimestamps() {
      appendMetrics(new MetricPoint(T0.plusMillis(7), ServiceId.of("api"), "", "cpu", 1, Map.of()),
          new MetricPoint(T0.plusMillis(9), ServiceId.of("api"), "", "cpu", 2, Map.of()));

      Page<MetricSeries> page = metrics("api", "cpu", window(0, 1), Duration.ofMillis(5), Aggregation.SUM, false, 100);

      assertThat(times(page.rows().getFirst())).containsExactly(T0.plusMillis(5));
      assertThat(values(page.rows().getFirst())).containsExactly(3.0);
    }

    @Test
    void metrics_perService_aggregatesAcrossInstances_withEmptyInstance() {
      appendMetrics(point(0, "api", "api-1", "cpu", 0.2), point(10, "api", "api-2", "cpu", 0.6),
          point(20, "api", "api-2", "cpu", 0.7));

      Page<MetricSeries> page = metrics("api", "cpu", window(0, 60), Duration.ofMinutes(1), Aggregation.AVG, false, 100);

      assertThat(page.rows()).singleElement().satisfies(s -> {
        assertThat(s.service()).isEqualTo("api");
        assertThat(s.instance()).isEmpty();
        assertThat(s.metric()).isEqualTo("cpu");
        assertThat(values(s).getFirst()).isCloseTo(0.5, within(EXACT));
      });
    }

    @Test
    void metrics_byInstance_keepsInstancesApart_inInstanceOrder() {
      appendMetrics(point(0, "api", "api-2", "cpu", 0.6), point(10, "api", "api-1", "cpu", 0.2),
          point(20, "api", "api-2", "cpu", 0.8));

      Page<MetricSeries> page = metrics("api", "cpu", window(0, 60), Duration.ofMinutes(1), Aggregation.AVG, true, 100);

      assertThat(page.rows()).extracting(MetricSeries::instance).containsExactly("api-1", "api-2");
      assertThat(values(page.rows().get(0)).getFirst()).isCloseTo(0.2, within(EXACT));
      assertThat(values(page.rows().get(1)).getFirst()).isCloseTo(0.7, within(EXACT));
    }

    @Test
    void metrics_nullFiltersMatchAll_andSeriesSortByServiceThenMetric() {
      appendMetrics(point(0, "web", "", "rps", 1), point(0, "api", "", "rps", 2), point(0, "api", "", "cpu", 3),
          point(0, "db", "", "cpu", 4));

      Page<MetricSeries> all = metrics(null, null, window(0, 60), Duration.ofMinutes(1), Aggregation.SUM, false, 100);
      Page<MetricSeries> cpu = metrics(null, "cpu", window(0, 60), Duration.ofMinutes(1), Aggregation.SUM, false, 100);
      Page<MetricSeries> api = metrics("api", null, window(0, 60), Duration.ofMinutes(1), Aggregation.SUM, false, 100);

      assertThat(all.rows()).extracting(s -> s.service() + "/" + s.metric())
          .containsExactly("api/cpu", "api/rps", "db/cpu", "web/rps");
      assertThat(cpu.rows()).extracting(MetricSeries::service).containsExactly("api", "db");
      assertThat(api.rows()).extracting(MetricSeries::metric).containsExactly("cpu", "rps");
    }

    @Test
    void metrics_windowIsHalfOpen() {
      appendMetrics(point(59, "api", "", "cpu", 1), point(60, "api", "", "cpu", 2), point(119, "api", "", "cpu", 3),
          point(120, "api", "", "cpu", 4));

      Page<MetricSeries> page = metrics("api", "cpu", window(60, 120), Duration.ofMinutes(1), Aggregation.SUM, false, 100);

      assertThat(values(page.rows().getFirst())).containsExactly(5.0);
    }

    @Test
    void metrics_limitCountsPoints_andReportsExactOmitted() {
      List<MetricPoint> points = new ArrayList<>();
      for (String service : List.of("a", "b", "c")) {
        for (int minute = 0; minute < 10; minute++) {
          points.add(point(minute * 60L, service, "", "cpu", minute));
        }
      }
      store.append(TelemetryBatch.ofMetrics(points));

      Page<MetricSeries> page = metrics(null, "cpu", window(0, 600), Duration.ofMinutes(1), Aggregation.AVG, false, 15);

      assertThat(page.rows()).extracting(MetricSeries::service).containsExactly("a", "b");
      assertThat(page.rows().get(0).points()).hasSize(10);
      assertThat(times(page.rows().get(1))).hasSize(5).endsWith(at(240));
      assertThat(page.omitted()).isEqualTo(15);
    }

    @Test
    void metrics_limitExactlyMet_omitsNothing() {
      appendMetrics(point(0, "api", "", "cpu", 1), point(60, "api", "", "cpu", 2));

      Page<MetricSeries> page = metrics("api", "cpu", window(0, 600), Duration.ofMinutes(1), Aggregation.AVG, false, 2);

      assertThat(page.rows().getFirst().points()).hasSize(2);
      assertThat(page.omitted()).isZero();
    }

    @Test
    void metrics_noData_returnsEmptyCompletePage() {
      appendMetrics(point(0, "api", "", "cpu", 1));

      Page<MetricSeries> page = metrics("nobody", null, window(0, 60), Duration.ofMinutes(1), Aggregation.AVG, false, 10);

      assertThat(page.rows()).isEmpty();
      assertThat(page.omitted()).isZero();
    }
  }

  // ---------------------------------------------------------------- deviations

  @Nested
  class Deviations {

    /**
     * Baseline [0, 400s): api/latency 10,12,8,10 (mean 10, sd sqrt 2); db/qps 100,110,90,100 (mean 100, sd 5 sqrt 2);
     * cache/hits flat 50 (sd 0, floored to 0.5). Window [400, 600s): latency 20, qps 80, hits 50.5.
     */
    private void appendShift() {
      double[][] baseline = {{10, 12, 8, 10}, {100, 110, 90, 100}, {50, 50, 50, 50}};
      String[][] keys = {{"api", "latency"}, {"db", "qps"}, {"cache", "hits"}};
      double[] window = {20, 80, 50.5};
      List<MetricPoint> points = new ArrayList<>();
      for (int k = 0; k < keys.length; k++) {
        for (int i = 0; i < 4; i++) {
          points.add(point(i * 100L, keys[k][0], "", keys[k][1], baseline[k][i]));
        }
        points.add(point(450, keys[k][0], "", keys[k][1], window[k]));
        points.add(point(550, keys[k][0], "", keys[k][1], window[k]));
      }
      points.add(point(450, "api", "", "only_in_window", 1_000));
      points.add(point(50, "api", "", "only_in_baseline", 1_000));
      store.append(TelemetryBatch.ofMetrics(points));
    }

    @Test
    void topDeviations_ranksByAbsoluteScore_withSignedScores() {
      appendShift();

      Page<Deviation> page = store.topDeviations(new DeviationQuery(null, window(400, 600), window(0, 400), 10));

      assertThat(page.rows()).extracting(d -> d.service() + "/" + d.metric())
          .containsExactly("api/latency", "db/qps", "cache/hits");
      Deviation latency = page.rows().get(0);
      assertThat(latency.baselineMean()).isCloseTo(10, within(EXACT));
      assertThat(latency.baselineStddev()).isCloseTo(Math.sqrt(2), within(1e-6));
      assertThat(latency.windowMean()).isCloseTo(20, within(EXACT));
      assertThat(latency.score()).isCloseTo(10 / Math.sqrt(2), within(1e-6));
      assertThat(page.rows().get(1).score()).isCloseTo(-20 / (5 * Math.sqrt(2)), within(1e-6));
      assertThat(page.omitted()).isZero();
    }

    @Test
    void topDeviations_floorsFlatBaselineSpreadAtOnePercentOfMean() {
      appendShift();

      Page<Deviation> page = store.topDeviations(new DeviationQuery("cache", window(400, 600), window(0, 400), 10));

      assertThat(page.rows()).singleElement().satisfies(d -> {
        assertThat(d.baselineStddev()).isCloseTo(0, within(EXACT));
        assertThat(d.score()).isCloseTo(1.0, within(1e-6));
      });
    }

    @Test
    void topDeviations_flatZeroBaselineAndNoChange_scoresZero() {
      appendMetrics(point(0, "api", "", "errors", 0), point(100, "api", "", "errors", 0),
          point(450, "api", "", "errors", 0));

      Page<Deviation> page = store.topDeviations(new DeviationQuery(null, window(400, 600), window(0, 400), 10));

      assertThat(page.rows()).singleElement().satisfies(d -> assertThat(d.score()).isCloseTo(0, within(EXACT)));
    }

    @Test
    void topDeviations_filtersByService() {
      appendShift();

      Page<Deviation> page = store.topDeviations(new DeviationQuery("db", window(400, 600), window(0, 400), 10));

      assertThat(page.rows()).extracting(Deviation::metric).containsExactly("qps");
    }

    @Test
    void topDeviations_limit_reportsExactOmitted() {
      appendShift();

      Page<Deviation> page = store.topDeviations(new DeviationQuery(null, window(400, 600), window(0, 400), 1));

      assertThat(page.rows()).extracting(Deviation::metric).containsExactly("latency");
      assertThat(page.omitted()).isEqualTo(2);
    }
  }

  // ---------------------------------------------------------------- logs

  @Nested
  class Logs {

    private void appendLines() {
      appendLogs(
          line(10, "api", Severity.INFO, "GET /orders 200"),
          line(20, "api", Severity.WARN, "slow query on Orders table"),
          line(30, "api", Severity.ERROR, "Connection refused to db:5432"),
          line(40, "db", Severity.ERROR, "too many connections"),
          line(50, "db", Severity.FATAL, "CONNECTION pool exhausted"),
          line(60, "web", Severity.DEBUG, "rendered 100% of page_1"),
          line(70, "web", Severity.INFO, "rendered 1000 of page-1"));
    }

    private LogSearchResult search(String service, Severity minLevel, String text, TimeWindow window, int limit) {
      return store.searchLogs(new LogQuery(service, minLevel, text, window, limit));
    }

    @Test
    void searchLogs_returnsNewestFirst() {
      appendLines();

      assertThat(bodies(search("api", null, null, day(), 10)))
          .containsExactly("Connection refused to db:5432", "slow query on Orders table", "GET /orders 200");
    }

    @Test
    void searchLogs_minLevel_keepsLinesAtOrAboveIt() {
      appendLines();

      LogSearchResult result = search(null, Severity.ERROR, null, day(), 10);

      assertThat(result.lines().rows()).extracting(LogRecord::level)
          .containsExactly(Severity.FATAL, Severity.ERROR, Severity.ERROR);
    }

    @Test
    void searchLogs_text_isCaseInsensitiveSubstring() {
      appendLines();

      assertThat(bodies(search(null, null, "connection", day(), 10)))
          .containsExactly("CONNECTION pool exhausted", "too many connections", "Connection refused to db:5432");
      assertThat(bodies(search(null, null, "ORDERS", day(), 10)))
          .containsExactly("slow query on Orders table", "GET /orders 200");
    }

    @Test
    void searchLogs_text_treatsWildcardCharactersLiterally() {
      appendLines();

      assertThat(bodies(search(null, null, "100%", day(), 10))).containsExactly("rendered 100% of page_1");
      assertThat(bodies(search(null, null, "page_1", day(), 10))).containsExactly("rendered 100% of page_1");
      assertThat(bodies(search(null, null, "10%0", day(), 10))).isEmpty();
    }

    @Test
    void searchLogs_combinesServiceLevelAndText() {
      appendLines();

      assertThat(bodies(search("db", Severity.FATAL, "connection", day(), 10)))
          .containsExactly("CONNECTION pool exhausted");
    }

    @Test
    void searchLogs_countsAreExact_whenLinesAreTruncated() {
      appendLines();

      LogSearchResult result = search(null, Severity.WARN, null, day(), 2);

      assertThat(bodies(result)).containsExactly("CONNECTION pool exhausted", "too many connections");
      assertThat(result.lines().omitted()).isEqualTo(2);
      assertThat(result.countsByService()).isEqualTo(Map.of("api", 2L, "db", 2L));
      assertThat(result.countsByLevel()).isEqualTo(Map.of(Severity.WARN, 1L, Severity.ERROR, 2L, Severity.FATAL, 1L));
    }

    @Test
    void searchLogs_windowIsHalfOpen() {
      appendLines();

      assertThat(bodies(search(null, null, null, window(20, 40), 10)))
          .containsExactly("Connection refused to db:5432", "slow query on Orders table");
    }

    @Test
    void searchLogs_noMatch_returnsEmptyCounts() {
      appendLines();

      LogSearchResult result = search(null, null, "no such text", day(), 10);

      assertThat(result.lines().rows()).isEmpty();
      assertThat(result.lines().omitted()).isZero();
      assertThat(result.countsByService()).isEmpty();
      assertThat(result.countsByLevel()).isEmpty();
    }

    @Test
    void searchLogs_manyLines_limitAndOmittedAddUp() {
      List<LogRecord> lines = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        lines.add(new LogRecord(T0.plusMillis(i), ServiceId.of("svc-" + (i % 3)), "", Severity.INFO, "line " + i, "", "",
            Map.of()));
      }
      store.append(TelemetryBatch.ofLogs(lines));

      LogSearchResult result = search(null, null, null, day(), 100);

      assertThat(bodies(result).getFirst()).isEqualTo("line 999");
      assertThat(bodies(result).getLast()).isEqualTo("line 900");
      assertThat(result.lines().omitted()).isEqualTo(900);
      assertThat(result.countsByService()).isEqualTo(Map.of("svc-0", 334L, "svc-1", 333L, "svc-2", 333L));
    }
  }

  // ---------------------------------------------------------------- spans

  @Nested
  class Spans {

    private void appendTraces() {
      appendSpans(
          span("t1", "a", "", "frontend", "GET /checkout", 1_000, 120, SpanStatus.OK),
          span("t1", "b", "a", "checkout", "placeOrder", 1_010, 100, SpanStatus.ERROR),
          span("t1", "c", "b", "payments", "charge", 1_020, 80, SpanStatus.ERROR),
          span("t2", "d", "", "frontend", "GET /home", 2_000, 30, SpanStatus.OK),
          span("t2", "e", "d", "catalog", "list", 2_005, 20, SpanStatus.UNSET),
          span("t3", "f", "", "frontend", "GET /checkout", 3_000, 500, SpanStatus.OK));
    }

    private Page<Span> query(String service, String operation, String trace, TimeWindow window, boolean errorsOnly,
                             boolean slowestFirst, int limit) {
      return store.spans(new SpanQuery(service, operation, trace, window, errorsOnly, slowestFirst, limit));
    }

    @Test
    void spans_orderByStart_byDefault() {
      appendTraces();

      assertThat(spanIds(query(null, null, null, day(), false, false, 10))).containsExactly("a", "b", "c", "d", "e", "f");
    }

    @Test
    void spans_slowestFirst_ordersByDurationDescending() {
      appendTraces();

      assertThat(spanIds(query(null, null, null, day(), false, true, 3))).containsExactly("f", "a", "b");
    }

    @Test
    void spans_filterByServiceOperationAndTrace() {
      appendTraces();

      assertThat(spanIds(query("frontend", null, null, day(), false, false, 10))).containsExactly("a", "d", "f");
      assertThat(spanIds(query("frontend", "GET /checkout", null, day(), false, false, 10))).containsExactly("a", "f");
      assertThat(spanIds(query(null, null, "t1", day(), false, false, 10))).containsExactly("a", "b", "c");
    }

    @Test
    void spans_errorsOnly_keepsErrorStatus() {
      appendTraces();

      assertThat(spanIds(query(null, null, null, day(), true, false, 10))).containsExactly("b", "c");
    }

    @Test
    void spans_windowFiltersByStart_halfOpen() {
      appendTraces();

      TimeWindow window = TimeWindow.of(T0.plusMillis(1_010), T0.plusMillis(2_005));

      assertThat(spanIds(query(null, null, null, window, false, false, 10))).containsExactly("b", "c", "d");
    }

    @Test
    void spans_limit_reportsExactOmitted() {
      appendTraces();

      Page<Span> page = query(null, null, null, day(), false, false, 4);

      assertThat(spanIds(page)).containsExactly("a", "b", "c", "d");
      assertThat(page.omitted()).isEqualTo(2);
    }
  }

  // ---------------------------------------------------------------- edges

  @Nested
  class Edges {

    /**
     * frontend -> checkout: 3 calls of 10, 20, 30 ms, one error. checkout -> db: 4 calls of 5 ms, late in trace t0
     * (parents may start long before their children). Also an
     * in-process child (checkout -> checkout), a root span, and a child whose parent id exists only in another trace.
     */
    private void appendCalls() {
      List<Span> spans = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        String trace = "t" + i;
        long start = i * 1_000L;
        spans.add(span(trace, "fe" + i, "", "frontend", "GET /", start, 100, SpanStatus.OK));
        spans.add(span(trace, "co" + i, "fe" + i, "checkout", "place", start + 1, (i + 1) * 10L,
            i == 2 ? SpanStatus.ERROR : SpanStatus.OK));
        spans.add(span(trace, "in" + i, "co" + i, "checkout", "validate", start + 2, 1, SpanStatus.OK));
      }
      for (int i = 0; i < 4; i++) {
        spans.add(span("t0", "db" + i, "co0", "db", "SELECT", 2_500 + i, 5, SpanStatus.OK));
      }
      spans.add(span("other-trace", "orphan", "fe0", "payments", "charge", 50, 7, SpanStatus.OK));
      store.append(TelemetryBatch.ofSpans(spans));
    }

    @Test
    void edges_aggregateChildSpansOfDifferentServices_busiestFirst() {
      appendCalls();

      Page<EdgeStats> page = store.edges(new EdgeQuery(null, day(), 10));

      assertThat(page.rows()).hasSize(2);
      EdgeStats db = page.rows().get(0);
      assertThat(db.caller()).isEqualTo("checkout");
      assertThat(db.callee()).isEqualTo("db");
      assertThat(db.calls()).isEqualTo(4);
      assertThat(db.errors()).isZero();
      EdgeStats checkout = page.rows().get(1);
      assertThat(checkout.caller()).isEqualTo("frontend");
      assertThat(checkout.callee()).isEqualTo("checkout");
      assertThat(checkout.calls()).isEqualTo(3);
      assertThat(checkout.errors()).isEqualTo(1);
      assertThat(checkout.avgMs()).isCloseTo(20, within(EXACT));
      assertThat(checkout.p95Ms()).isCloseTo(29, within(QUANTILE_TOLERANCE));
      assertThat(checkout.maxMs()).isCloseTo(30, within(EXACT));
      assertThat(page.omitted()).isZero();
    }

    @Test
    void edges_keepSubMillisecondLatency() {
      appendSpans(span("t", "p", "", "a", "op", 0, 10, SpanStatus.OK),
          new Span("t", "c", "p", ServiceId.of("b"), "op", T0, Duration.ofNanos(1_500_000), SpanStatus.OK, Map.of()));

      EdgeStats edge = store.edges(new EdgeQuery(null, day(), 10)).rows().getFirst();

      assertThat(edge.avgMs()).isCloseTo(1.5, within(EXACT));
      assertThat(edge.maxMs()).isCloseTo(1.5, within(EXACT));
    }

    @Test
    void edges_serviceFilter_matchesCallerOrCallee() {
      appendCalls();

      Page<EdgeStats> asCallee = store.edges(new EdgeQuery("db", day(), 10));
      Page<EdgeStats> either = store.edges(new EdgeQuery("checkout", day(), 10));

      assertThat(asCallee.rows()).extracting(EdgeStats::caller).containsExactly("checkout");
      assertThat(either.rows()).extracting(e -> e.caller() + ">" + e.callee())
          .containsExactly("checkout>db", "frontend>checkout");
    }

    @Test
    void edges_windowFiltersByChildStart() {
      appendCalls();

      Page<EdgeStats> page = store.edges(new EdgeQuery(null, TimeWindow.of(T0.plusMillis(1), T0.plusMillis(1_002)), 10));

      assertThat(page.rows()).singleElement().satisfies(e -> {
        assertThat(e.caller()).isEqualTo("frontend");
        assertThat(e.calls()).isEqualTo(2);
      });
    }

    @Test
    void edges_equalCalls_sortByCallerThenCallee_andLimitReportsOmitted() {
      appendSpans(span("t", "r", "", "a", "op", 0, 10, SpanStatus.OK),
          span("t", "x", "r", "c", "op", 1, 1, SpanStatus.OK),
          span("t", "y", "r", "b", "op", 2, 1, SpanStatus.OK),
          span("t", "z", "y", "a", "op", 3, 1, SpanStatus.OK));

      Page<EdgeStats> page = store.edges(new EdgeQuery(null, day(), 2));

      assertThat(page.rows()).extracting(e -> e.caller() + ">" + e.callee()).containsExactly("a>b", "a>c");
      assertThat(page.omitted()).isEqualTo(1);
    }
  }

  // ---------------------------------------------------------------- changes

  @Nested
  class Changes {

    private void appendChangeLog() {
      appendChanges(
          TestDeploys.deploy(10, "api"),
          new ChangeEvent.ConfigChange(at(20), ServiceId.of("db"), "alice", "max_connections", "100", "50"),
          TestDeploys.deploy(30, "db"),
          new ChangeEvent.Scale(at(40), ServiceId.of("api"), "hpa", 2, 4));
    }

    private Page<ChangeEvent> query(String service, ChangeEvent.Kind kind, TimeWindow window, int limit) {
      return store.changes(new ChangeQuery(service, kind, window, limit));
    }

    @Test
    void changes_newestFirst_withFilters() {
      appendChangeLog();

      assertThat(query(null, null, day(), 10).rows()).extracting(ChangeEvent::ts)
          .containsExactly(at(40), at(30), at(20), at(10));
      assertThat(query("api", null, day(), 10).rows()).extracting(ChangeEvent::ts).containsExactly(at(40), at(10));
      assertThat(query(null, ChangeEvent.Kind.DEPLOY, day(), 10).rows()).extracting(ChangeEvent::ts)
          .containsExactly(at(30), at(10));
      assertThat(query("db", ChangeEvent.Kind.CONFIG, day(), 10).rows()).singleElement()
          .isEqualTo(new ChangeEvent.ConfigChange(at(20), ServiceId.of("db"), "alice", "max_connections", "100", "50"));
    }

    @Test
    void changes_windowIsHalfOpen_andLimitReportsOmitted() {
      appendChangeLog();

      Page<ChangeEvent> windowed = query(null, null, window(10, 40), 10);
      Page<ChangeEvent> limited = query(null, null, day(), 3);

      assertThat(windowed.rows()).extracting(ChangeEvent::ts).containsExactly(at(30), at(20), at(10));
      assertThat(limited.rows()).hasSize(3);
      assertThat(limited.omitted()).isEqualTo(1);
    }
  }

  // ---------------------------------------------------------------- catalogue, retention, stats

  @Nested
  class Catalogue {

    @Test
    void services_listsEveryKindInWindow_sortedAndDistinct() {
      appendMetrics(point(10, "metrics-only", "", "cpu", 1), point(11, "shared", "", "cpu", 1));
      appendLogs(line(12, "logs-only", Severity.INFO, "x"), line(13, "shared", Severity.INFO, "y"));
      appendSpans(span("t", "s", "", "spans-only", "op", 14_000, 1, SpanStatus.OK));
      appendChanges(TestDeploys.deploy(15, "changes-only"));
      appendMetrics(point(500, "outside", "", "cpu", 1));

      assertThat(store.services(window(0, 100)))
          .containsExactly("changes-only", "logs-only", "metrics-only", "shared", "spans-only");
    }

    @Test
    void metricNames_sortedDistinct_forServiceInWindow() {
      appendMetrics(point(10, "api", "a", "rps", 1), point(11, "api", "b", "rps", 1), point(12, "api", "", "cpu", 1),
          point(13, "db", "", "disk", 1), point(500, "api", "", "late", 1));

      assertThat(store.metricNames("api", window(0, 100))).containsExactly("cpu", "rps");
      assertThat(store.metricNames(null, window(0, 100))).containsExactly("cpu", "disk", "rps");
      assertThat(store.metricNames("nobody", window(0, 100))).isEmpty();
    }

    @Test
    void stats_ofEmptyStore_hasZeroCountsAndNoRange() {
      assertThat(store.stats()).isEqualTo(new StoreStats(0, 0, 0, 0, null, null));
    }

    @Test
    void stats_countsEveryKind_andSpansTheOldestAndNewestTimestamps() {
      appendMetrics(point(10, "api", "", "cpu", 1), point(20, "api", "", "cpu", 1));
      appendLogs(line(5, "api", Severity.INFO, "x"));
      appendSpans(span("t", "s", "", "api", "op", 30_500, 1, SpanStatus.OK));
      appendChanges(TestDeploys.deploy(25, "api"));

      assertThat(store.stats()).isEqualTo(new StoreStats(2, 1, 1, 1, at(5), T0.plusMillis(30_500)));
    }

    @Test
    void deleteOlderThan_deletesRowsBeforeCutoff_andKeepsTheRest() {
      appendMetrics(point(10, "api", "", "cpu", 1), point(100, "api", "", "cpu", 2), point(200, "api", "", "cpu", 3));
      appendLogs(line(50, "api", Severity.INFO, "old"), line(100, "api", Severity.INFO, "at cutoff"));
      appendSpans(span("t", "old", "", "api", "op", 99_999, 5_000, SpanStatus.OK),
          span("t", "new", "", "api", "op", 100_000, 1, SpanStatus.OK));
      appendChanges(TestDeploys.deploy(1, "api"), TestDeploys.deploy(150, "api"));

      long deleted = store.deleteOlderThan(at(100));

      assertThat(deleted).isEqualTo(4);
      assertThat(store.stats()).isEqualTo(new StoreStats(2, 1, 1, 1, at(100), at(200)));
      assertThat(bodies(store.searchLogs(new LogQuery(null, null, null, day(), 10)))).containsExactly("at cutoff");
      assertThat(spanIds(store.spans(new SpanQuery(null, null, null, day(), false, false, 10)))).containsExactly("new");
      assertThat(store.deleteOlderThan(at(100))).isZero();
    }
  }

  // ---------------------------------------------------------------- validation and lifecycle

  @Nested
  class Validation {

    @Test
    void queries_rejectNullArguments_withTheArgumentNamed() {
      assertThatThrownBy(() -> store.metrics(null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("query");
      assertThatThrownBy(() -> store.topDeviations(null)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.searchLogs(null)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.spans(null)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.edges(null)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.changes(null)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.services(null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window");
      assertThatThrownBy(() -> store.metricNames("api", null)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("window");
      assertThatThrownBy(() -> store.deleteOlderThan(null)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cutoff");
    }

    @Test
    void queries_rejectBlankFilters_withTheFilterNamed() {
      assertThatThrownBy(() -> metrics(" ", null, day(), Duration.ofMinutes(1), Aggregation.AVG, false, 10))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("service");
      assertThatThrownBy(() -> metrics(null, "", day(), Duration.ofMinutes(1), Aggregation.AVG, false, 10))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metric");
      assertThatThrownBy(() -> store.spans(new SpanQuery(null, null, " ", day(), false, false, 10)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("traceId");
      assertThatThrownBy(() -> store.searchLogs(new LogQuery("", null, null, day(), 10)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("service");
      assertThatThrownBy(() -> store.edges(new EdgeQuery(" ", day(), 10)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("service");
      assertThatThrownBy(() -> store.metricNames(" ", day()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("service");
    }

    @Test
    void store_rejectsUseAfterClose_andClosesIdempotently() {
      store.close();
      store.close();

      assertThatThrownBy(() -> store.stats()).isInstanceOf(PermanentException.class).hasMessageContaining("closed");
      assertThatThrownBy(() -> appendMetrics(point(1, "api", "", "cpu", 1)))
          .isInstanceOf(PermanentException.class).hasMessageContaining("closed");
      assertThatThrownBy(() -> store.services(day())).isInstanceOf(PermanentException.class);
    }
  }

  /** Deploy events with distinct versions, so that round trips can tell them apart. */
  private static final class TestDeploys {
    private TestDeploys() {}

    static ChangeEvent deploy(long seconds, String service) {
      return new ChangeEvent.Deploy(at(seconds), ServiceId.of(service), "ci", "v" + seconds, "v" + (seconds + 1));
    }
  }
}
