package dev.responder.store.clickhouse;

import static dev.responder.core.testkit.TestTelemetry.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.responder.core.error.PermanentException;
import dev.responder.core.error.TransientException;
import dev.responder.core.port.TelemetryStore;
import dev.responder.core.query.LogQuery;
import dev.responder.core.query.SpanQuery;
import dev.responder.core.query.StoreStats;
import dev.responder.core.query.TimeWindow;
import dev.responder.core.telemetry.LogRecord;
import dev.responder.core.telemetry.MetricPoint;
import dev.responder.core.telemetry.Severity;
import dev.responder.core.telemetry.TelemetryBatch;
import dev.responder.core.topology.ServiceId;
import dev.responder.store.Stores;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What only the ClickHouse adapter has: HTTP error paths, partition-based retention, streaming inserts. */
class ClickHouseStoreBehaviourTest {
  private static final ClickHouseStores.Settings DEFAULTS = ClickHouseStores.Settings.defaults();
  private static final TimeWindow WEEK = TimeWindow.of(T0.minus(Duration.ofDays(7)), T0.plus(Duration.ofDays(7)));
  private static ClickHouseTestServer server;

  private final List<AutoCloseable> opened = new ArrayList<>();
  private final String database = ClickHouseTestServer.freshDatabase();

  @BeforeAll
  static void startServer() {
    server = ClickHouseTestServer.start();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : opened) {
      c.close();
    }
  }

  private TelemetryStore open(ClickHouseStores.Settings settings) {
    TelemetryStore store = ClickHouseStores.open(server.endpoint(), database, settings);
    opened.add(store);
    return store;
  }

  private ClickHouseHttp http() {
    ClickHouseHttp http = new ClickHouseHttp(server.endpoint().resolve("/"), database, DEFAULTS);
    opened.add(http);
    return http;
  }

  @Test
  void query_withBadSql_failsPermanent_withClickHouseErrorAndStatementKind() {
    open(DEFAULTS);

    assertThatThrownBy(() -> http().query("probe query", "SELEC 1", row -> row))
        .isInstanceOf(PermanentException.class)
        .hasMessageStartingWith("clickhouse rejected probe query (HTTP 400): Code: 62, DB::Exception: Syntax error")
        .hasMessageNotContaining("e.what()");
  }

  @Test
  void queries_onMissingTable_failPermanent_namingTheTable() {
    TelemetryStore store = open(DEFAULTS);
    http().execute("test drop", "DROP TABLE spans");

    assertThatThrownBy(() -> store.spans(new SpanQuery(null, null, null, WEEK, false, false, 10)))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("span query")
        .hasMessageContaining(database + ".spans doesn't exist");
  }

  @Test
  void insert_intoMissingTable_failsPermanent_withServerErrorRatherThanBrokenPipe() {
    TelemetryStore store = open(DEFAULTS);
    http().execute("test drop", "DROP TABLE metrics");

    assertThatThrownBy(() -> store.append(TelemetryBatch.ofMetrics(points(50_000, T0))))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("insert of 50000 rows into metrics")
        .hasMessageContaining("doesn't exist");
  }

  @Test
  void queries_failTransient_withEndpoint_whenServerGoesAway() {
    ClickHouseTestServer doomed = ClickHouseTestServer.start();
    TelemetryStore store;
    try {
      store = ClickHouseStores.open(doomed.endpoint(), "doomed", DEFAULTS);
      opened.add(store);
    } finally {
      doomed.crash();
    }

    assertThatThrownBy(store::stats)
        .isInstanceOf(TransientException.class)
        .hasMessageContaining(doomed.endpoint().toString())
        .hasMessageContaining("stats");
  }

  @Test
  void storesTelemetry_opensWorkingStoreFromClickhouseSpec_throughTheRegisteredProvider() {
    String spec = "clickhouse:" + server.endpoint() + "/" + database;

    TelemetryStore store = Stores.telemetry(spec);
    opened.add(store);
    store.append(TelemetryBatch.ofMetrics(points(10, T0)));

    assertThat(Stores.schemes()).contains("clickhouse", "duckdb");
    assertThat(store.stats().metricPoints()).isEqualTo(10);
    assertThat(store).hasToString(spec);
  }

  @Test
  void open_isIdempotent_andKeepsExistingData() {
    open(DEFAULTS).append(TelemetryBatch.ofMetrics(points(10, T0)));

    assertThat(open(DEFAULTS).stats().metricPoints()).isEqualTo(10);
  }

  @Test
  void searchLogs_textWithQuotesAndBackslashes_matchesLiterally() {
    TelemetryStore store = open(DEFAULTS);
    store.append(TelemetryBatch.ofLogs(List.of(
        LogRecord.of(T0, "api", Severity.INFO, "path C:\\tmp isn't 'quoted'"),
        LogRecord.of(T0.plusSeconds(1), "api", Severity.INFO, "path C:tmp"))));

    List<String> bodies = store.searchLogs(new LogQuery(null, null, "C:\\TMP ISN'T 'Q", WEEK, 10)).lines().rows()
        .stream().map(LogRecord::body).toList();

    assertThat(bodies).containsExactly("path C:\\tmp isn't 'quoted'");
  }

  @Test
  void deleteOlderThan_dropsWholeDaysAsPartitions_andMutatesOnlyTheCutoffDay() {
    TelemetryStore store = open(DEFAULTS);
    List<MetricPoint> all = new ArrayList<>();
    for (int day = 0; day < 3; day++) {
      all.addAll(points(24, T0.plus(Duration.ofDays(day))));
    }
    store.append(TelemetryBatch.ofMetrics(all));

    long wholeDay = store.deleteOlderThan(T0.plus(Duration.ofDays(1)));
    long partOfDay = store.deleteOlderThan(T0.plus(Duration.ofDays(1)).plus(Duration.ofHours(6)));

    assertThat(wholeDay).isEqualTo(24);
    assertThat(partOfDay).isEqualTo(6);
    assertThat(partitions("metrics")).containsExactly("20260102", "20260103");
    StoreStats stats = store.stats();
    assertThat(stats.metricPoints()).isEqualTo(42);
    assertThat(stats.oldest()).isEqualTo(T0.plus(Duration.ofDays(1)).plus(Duration.ofHours(6)));
  }

  @Test
  void append_streamsBatchesLargerThanTheInsertBatchSize_inSeveralInserts() {
    TelemetryStore store = open(DEFAULTS.withInsertBatchSize(100_000));
    List<MetricPoint> points = points(300_001, T0);

    long start = System.nanoTime();
    store.append(TelemetryBatch.ofMetrics(points));
    double seconds = (System.nanoTime() - start) / 1e9;

    System.out.printf("clickhouse insert: %d points in %.2f s = %.0f points/s%n", points.size(), seconds,
        points.size() / seconds);
    assertThat(store.stats().metricPoints()).isEqualTo(300_001);
    assertThat(server.isAlive()).isTrue();
  }

  /** {@code n} points one hour apart from {@code start}, with labels so that rows are realistic in size. */
  private static List<MetricPoint> points(int n, Instant start) {
    List<MetricPoint> points = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Instant ts = n > 1_000 ? start.plusMillis(i) : start.plus(Duration.ofHours(i));
      points.add(new MetricPoint(ts, ServiceId.of("svc-" + (i % 20)), "pod-" + (i % 3), "http_server_duration_ms",
          i % 1_000 / 10.0, Map.of("route", "/api/v1/orders", "code", "200")));
    }
    return points;
  }

  private List<String> partitions(String table) {
    return http().query("partition list", "SELECT DISTINCT partition FROM system.parts WHERE active AND database = '"
        + database + "' AND table = '" + table + "' ORDER BY partition", row -> row.get("partition").asText());
  }
}
