package dev.responder.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.responder.core.port.TelemetryStore;
import dev.responder.core.query.Aggregation;
import dev.responder.core.query.ChangeQuery;
import dev.responder.core.query.DeviationQuery;
import dev.responder.core.query.EdgeQuery;
import dev.responder.core.query.LogQuery;
import dev.responder.core.query.MetricQuery;
import dev.responder.core.query.SpanQuery;
import dev.responder.core.query.TimeWindow;
import dev.responder.core.telemetry.ChangeEvent;
import dev.responder.core.telemetry.LogRecord;
import dev.responder.core.telemetry.MetricPoint;
import dev.responder.core.telemetry.Severity;
import dev.responder.core.telemetry.Span;
import dev.responder.core.telemetry.SpanStatus;
import dev.responder.core.telemetry.TelemetryBatch;
import dev.responder.core.topology.ServiceId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A quick check of the performance targets through the public API: 24 h of 50 services x 20 metrics at 10 s
 * (8.64 M points), 5 M log lines and 2 M spans in a DuckDB file, then p50/p95 of every typed query over random
 * windows. Opt-in, because it takes minutes:
 * {@code mvn -o -q -pl responder-store test -Dtest=DuckDbStoreBenchmark -Dresponder.bench=true
 * -Dsurefire.failIfNoSpecifiedTests=false}; results go to the test's output file. With
 * {@code -Dresponder.bench.file=PATH} the data is kept in that file and reused (not re-ingested) by later runs.
 */
@Tag("slow")
@EnabledIfSystemProperty(named = "responder.bench", matches = "true")
class DuckDbStoreBenchmark {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final int SERVICES = 50;
  private static final int METRICS = 20;
  private static final long DAY_MS = Duration.ofDays(1).toMillis();
  private static final String[] TEMPLATES = {
      "GET /api/v1/orders/%d completed in %d ms", "user %d logged in from 10.0.%d.4",
      "cache miss for key product:%d (ttl %d)", "Connection refused to db-primary:5432 after %d retries (pool %d)",
      "payment authorised for order %d amount %d", "slow query: SELECT * FROM orders WHERE id = %d took %d ms",
      "TimeoutException calling inventory after %d ms (attempt %d)", "scheduled job %d finished, %d items"};

  @TempDir
  Path dir;

  @Test
  void ingestAndQuery_meetTargets() throws Exception {
    String kept = System.getProperty("responder.bench.file");
    Path file = kept == null ? dir.resolve("bench.db") : Path.of(kept);
    boolean fresh = !Files.exists(file);
    try (DuckDbDatabase db = Stores.openDuckDb(file)) {
      TelemetryStore store = db.telemetry();
      if (fresh) {
        ingestMetrics(store);
        ingestLogs(store);
        ingestSpans(store);
        ingestChanges(store);
      }
      if (Boolean.getBoolean("responder.bench.checkpoint")) {
        long start = System.nanoTime();
        ((DuckDbTelemetryStore) store).checkpoint();
        System.out.printf("checkpoint %.1f s%n", (System.nanoTime() - start) / 1e9);
      }
      System.out.printf("file size %.0f MB%n", Files.size(file) / 1e6);
      queries(store);
    }
  }

  private static void ingestMetrics(TelemetryStore store) {
    String[] services = services();
    String[] names = new String[METRICS];
    for (int m = 0; m < METRICS; m++) {
      names[m] = "http_server_request_duration_" + m;
    }
    ServiceId[] ids = Arrays.stream(services).map(ServiceId::of).toArray(ServiceId[]::new);
    int batchSize = 50_000;
    List<MetricPoint> batch = new ArrayList<>(batchSize);
    long points = 0;
    long nanos = 0;
    SplittableRandom random = new SplittableRandom(1);
    for (long t = 0; t < DAY_MS; t += 10_000) {
      Instant ts = START.plusMillis(t);
      for (int s = 0; s < SERVICES; s++) {
        for (int m = 0; m < METRICS; m++) {
          batch.add(new MetricPoint(ts, ids[s], services[s] + "-7d9f8", names[m], 100 + random.nextDouble() * 10, Map.of()));
          if (batch.size() == batchSize) {
            long start = System.nanoTime();
            store.append(TelemetryBatch.ofMetrics(batch));
            nanos += System.nanoTime() - start;
            points += batch.size();
            batch = new ArrayList<>(batchSize);
          }
        }
      }
    }
    long start = System.nanoTime();
    store.append(TelemetryBatch.ofMetrics(batch));
    nanos += System.nanoTime() - start;
    points += batch.size();
    System.out.printf("metrics: %d points in %.1f s = %.0f points/s (append time only, batches of %d)%n", points,
        nanos / 1e9, points / (nanos / 1e9), batchSize);
  }

  private static void ingestLogs(TelemetryStore store) {
    String[] services = services();
    ServiceId[] ids = Arrays.stream(services).map(ServiceId::of).toArray(ServiceId[]::new);
    SplittableRandom random = new SplittableRandom(2);
    int total = 5_000_000;
    int batchSize = 50_000;
    long nanos = 0;
    List<LogRecord> batch = new ArrayList<>(batchSize);
    for (int i = 0; i < total; i++) {
      long t = (long) i * DAY_MS / total;
      int roll = random.nextInt(100);
      Severity level = roll < 2 ? Severity.ERROR : roll < 8 ? Severity.WARN : roll < 20 ? Severity.DEBUG : Severity.INFO;
      String body = TEMPLATES[random.nextInt(TEMPLATES.length)].formatted(random.nextInt(100_000), random.nextInt(1000));
      String trace = roll < 50 ? Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()) : "";
      int s = random.nextInt(SERVICES);
      batch.add(new LogRecord(START.plusMillis(t), ids[s], services[s] + "-7d9f8", level, body, trace, "",
          Map.of()));
      if (batch.size() == batchSize) {
        long start = System.nanoTime();
        store.append(TelemetryBatch.ofLogs(batch));
        nanos += System.nanoTime() - start;
        batch = new ArrayList<>(batchSize);
      }
    }
    System.out.printf("logs: %d lines in %.1f s = %.0f lines/s (append time only, batches of %d)%n", total,
        nanos / 1e9, total / (nanos / 1e9), batchSize);
  }

  private static void ingestSpans(TelemetryStore store) {
    String[] services = services();
    ServiceId[] ids = Arrays.stream(services).map(ServiceId::of).toArray(ServiceId[]::new);
    SplittableRandom random = new SplittableRandom(3);
    int traces = 500_000;
    long nanos = 0;
    List<Span> batch = new ArrayList<>();
    long spans = 0;
    for (int i = 0; i < traces; i++) {
      long t = (long) i * DAY_MS / traces;
      String trace = Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
      String parent = "";
      int service = random.nextInt(SERVICES);
      for (int depth = 0; depth < 4; depth++) {
        String id = Long.toHexString(random.nextLong());
        boolean error = random.nextInt(100) < 2;
        batch.add(new Span(trace, id, parent, ids[service], "op-" + depth, START.plusMillis(t + depth),
            Duration.ofNanos(1_000_000L + random.nextInt(200_000) * 1_000L), error ? SpanStatus.ERROR : SpanStatus.OK, Map.of()));
        parent = id;
        service = (service + 1 + random.nextInt(3)) % SERVICES;
      }
      if (batch.size() >= 40_000) {
        long start = System.nanoTime();
        store.append(TelemetryBatch.ofSpans(batch));
        nanos += System.nanoTime() - start;
        spans += batch.size();
        batch = new ArrayList<>();
      }
    }
    System.out.printf("spans: %d spans in %.1f s = %.0f spans/s%n", spans, nanos / 1e9, spans / (nanos / 1e9));
  }

  private static void ingestChanges(TelemetryStore store) {
    List<ChangeEvent> changes = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      changes.add(new ChangeEvent.Deploy(START.plusMillis((long) i * DAY_MS / 2_000), ServiceId.of("svc-" + (i % SERVICES)),
          "ci", "v" + i, "v" + (i + 1)));
    }
    store.append(TelemetryBatch.ofChanges(changes));
  }

  private static String[] services() {
    String[] services = new String[SERVICES];
    for (int s = 0; s < SERVICES; s++) {
      services[s] = "svc-" + s;
    }
    return services;
  }

  private static void queries(TelemetryStore store) {
    SplittableRandom random = new SplittableRandom(4);
    Function<Duration, TimeWindow> window = length -> {
      long end = length.toMillis() + random.nextLong(DAY_MS - length.toMillis());
      return TimeWindow.of(START.plusMillis(end - length.toMillis()), START.plusMillis(end));
    };
    TimeWindow day = TimeWindow.of(START, START.plusMillis(DAY_MS));
    Duration hour = Duration.ofHours(1);
    Duration quarter = Duration.ofMinutes(15);
    Duration minute = Duration.ofMinutes(1);
    String svc = "svc-7";
    String metric = "http_server_request_duration_3";
    measure("metrics 1 series 1h avg/1m", () -> store.metrics(MetricQuery.of(svc, metric, window.apply(hour), minute, Aggregation.AVG)));
    measure("metrics 1 series 1h p95/1m", () -> store.metrics(MetricQuery.of(svc, metric, window.apply(hour), minute, Aggregation.P95)));
    measure("metrics 1 service all metrics 1h", () -> store.metrics(MetricQuery.of(svc, null, window.apply(hour), minute, Aggregation.AVG)));
    measure("metrics 1 metric all services 1h", () -> store.metrics(MetricQuery.of(null, metric, window.apply(hour), minute, Aggregation.MAX)));
    measure("metrics byInstance increase_rate 1h", () -> store.metrics(new MetricQuery(svc, metric, window.apply(hour), minute, Aggregation.INCREASE_RATE, true, 10_000)));
    measure("metrics 1 series 24h avg/5m", () -> store.metrics(MetricQuery.of(svc, metric, day, Duration.ofMinutes(5), Aggregation.AVG)));
    measure("topDeviations 15m vs 1h, all", () -> {
      TimeWindow w = window.apply(Duration.ofMinutes(75));
      return store.topDeviations(new DeviationQuery(null, TimeWindow.of(w.to().minus(quarter), w.to()),
          TimeWindow.of(w.from(), w.to().minus(quarter)), 20));
    });
    measure("searchLogs service>=ERROR 1h", () -> store.searchLogs(new LogQuery(svc, Severity.ERROR, null, window.apply(hour), 100)));
    measure("searchLogs text 1h", () -> store.searchLogs(new LogQuery(null, null, "connection refused", window.apply(hour), 100)));
    measure("searchLogs text 15m", () -> store.searchLogs(new LogQuery(null, null, "timeoutexception", window.apply(quarter), 100)));
    measure("searchLogs all 1h (no filter)", () -> store.searchLogs(new LogQuery(null, null, null, window.apply(hour), 100)));
    measure("searchLogs text 24h", () -> store.searchLogs(new LogQuery(null, null, "connection refused", day, 100)));
    measure("searchLogs service+text 24h", () -> store.searchLogs(new LogQuery(svc, Severity.WARN, "slow query", day, 100)));
    measure("spans service 1h", () -> store.spans(new SpanQuery(svc, null, null, window.apply(hour), false, false, 100)));
    measure("spans slowest errors 1h", () -> store.spans(new SpanQuery(null, null, null, window.apply(hour), true, true, 50)));
    String trace = store.spans(new SpanQuery("svc-3", null, null, window.apply(hour), false, false, 1)).rows()
        .getFirst().traceId();
    measure("spans by trace id 24h", () -> store.spans(new SpanQuery(null, null, trace, day, false, false, 100)));
    measure("edges 1h", () -> store.edges(new EdgeQuery(null, window.apply(hour), 100)));
    measure("edges service 15m", () -> store.edges(new EdgeQuery(svc, window.apply(quarter), 100)));
    measure("changes 24h", () -> store.changes(new ChangeQuery(null, null, day, 100)));
    measure("services 1h", () -> store.services(window.apply(hour)));
    measure("metricNames 1h", () -> store.metricNames(svc, window.apply(hour)));
    measure("stats", store::stats);
  }

  private interface Query {
    Object run();
  }

  private static void measure(String name, Query query) {
    for (int i = 0; i < 3; i++) {
      assertThat(query.run()).isNotNull();
    }
    int runs = 30;
    long[] ms = new long[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      query.run();
      ms[i] = (System.nanoTime() - start) / 1_000;
    }
    Arrays.sort(ms);
    System.out.printf("%-40s p50 %7.1f ms  p95 %7.1f ms  max %7.1f ms%n", name, ms[runs / 2] / 1e3,
        ms[(int) Math.ceil(runs * 0.95) - 1] / 1e3, ms[runs - 1] / 1e3);
  }
}
