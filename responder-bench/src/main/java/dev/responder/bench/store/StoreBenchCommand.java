package dev.responder.bench.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responder.core.port.TelemetryStore;
import dev.responder.core.query.Aggregation;
import dev.responder.core.query.ChangeQuery;
import dev.responder.core.query.DeviationQuery;
import dev.responder.core.query.EdgeQuery;
import dev.responder.core.query.LogQuery;
import dev.responder.core.query.MetricQuery;
import dev.responder.core.query.SpanQuery;
import dev.responder.core.query.TimeWindow;
import dev.responder.core.telemetry.Severity;
import dev.responder.core.telemetry.TelemetryBatch;
import dev.responder.store.Stores;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code responder bench store}: ingest rates through the store's public API, then the latency of every typed
 * query on the loaded store (random windows, seeded), against the targets of docs/benchmarks.md.
 */
@Command(name = "store", mixinStandardHelpOptions = true,
    description = "Telemetry store benchmark: ingest rates and typed-query latency on a loaded store.")
public final class StoreBenchCommand implements Callable<Integer> {
  private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

  @Spec
  CommandSpec spec;

  @Option(names = "--store", paramLabel = "SPEC", description = "Store to load: a DuckDB file, :memory:, or clickhouse:URL (default: a temporary DuckDB file, deleted afterwards).")
  String store;

  @Option(names = "--services", defaultValue = "50", description = "Services (default: ${DEFAULT-VALUE}).")
  int services;

  @Option(names = "--metrics", defaultValue = "20", description = "Metrics per service (default: ${DEFAULT-VALUE}).")
  int metrics;

  @Option(names = "--hours", defaultValue = "24", description = "Hours of data (default: ${DEFAULT-VALUE}).")
  int hours;

  @Option(names = "--resolution", defaultValue = "10", description = "Metric resolution in seconds (default: ${DEFAULT-VALUE}).")
  int resolution;

  @Option(names = "--logs", defaultValue = "5000000", description = "Log lines (default: ${DEFAULT-VALUE}).")
  long logs;

  @Option(names = "--spans", defaultValue = "2000000", description = "Spans (default: ${DEFAULT-VALUE}).")
  long spans;

  @Option(names = "--batch", defaultValue = "50000", description = "Rows per append (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--runs", defaultValue = "30", description = "Timed runs per query (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--seed", defaultValue = "42", description = "Seed for data and query windows (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    if (services < 1 || metrics < 1 || metrics > BenchData.METRICS.length || hours < 2 || logs < 0 || spans < 0 || runs < 1) {
      throw new IllegalArgumentException("need --services >= 1, 1 <= --metrics <= " + BenchData.METRICS.length + ", --hours >= 2, --runs >= 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    Path temp = null;
    String spec = store;
    if (spec == null) {
      temp = Files.createTempDirectory("responder-bench");
      spec = temp.resolve("bench.duckdb").toString();
    }
    Map<String, Object> results = new LinkedHashMap<>();
    try (TelemetryStore telemetry = Stores.telemetry(spec)) {
      BenchData data = new BenchData(services, START, Duration.ofHours(hours), seed);
      progress(out, "loading %d services x %d metrics x %d h at %d s, %,d log lines, %,d spans into %s", services, metrics, hours, resolution, logs, spans, spec);
      results.put("ingest", ingest(telemetry, data));
      progress(out, "running each query %d times on random windows", runs);
      results.put("queries", queries(telemetry, data));
    } finally {
      if (temp != null) {
        deleteRecursively(temp);
      }
    }
    print(out, results);
    return 0;
  }

  private Map<String, Object> ingest(TelemetryStore telemetry, BenchData data) {
    Map<String, Object> r = new LinkedHashMap<>();
    long[] nanos = new long[1];
    long m = data.metrics(Duration.ofSeconds(resolution), metrics, batch, b -> timed(nanos, () -> telemetry.append(TelemetryBatch.ofMetrics(b))));
    r.put("metric_points", rate(m, nanos[0]));
    progress(spec.commandLine().getOut(), "metrics: %,d points at %,.0f points/s", m, m / (nanos[0] / 1e9));
    nanos[0] = 0;
    long l = data.logs(logs, batch, b -> timed(nanos, () -> telemetry.append(TelemetryBatch.ofLogs(b))));
    r.put("log_lines", rate(l, nanos[0]));
    progress(spec.commandLine().getOut(), "logs: %,d lines at %,.0f lines/s", l, l / (nanos[0] / 1e9));
    nanos[0] = 0;
    long s = data.spans(spans, batch, b -> timed(nanos, () -> telemetry.append(TelemetryBatch.ofSpans(b))));
    r.put("spans", rate(s, nanos[0]));
    progress(spec.commandLine().getOut(), "spans: %,d spans at %,.0f spans/s", s, s / (nanos[0] / 1e9));
    telemetry.append(TelemetryBatch.ofChanges(data.changes()));
    return r;
  }

  private Map<String, Object> queries(TelemetryStore telemetry, BenchData data) {
    Map<String, Function<SplittableRandom, Object>> qs = new LinkedHashMap<>();
    qs.put("metrics: 1 series, 1 h, 1 m avg", r -> telemetry.metrics(new MetricQuery(svc(data, r), metric(r), hour(r), Duration.ofMinutes(1), Aggregation.AVG, false, 10_000)));
    qs.put("metrics: 1 series, 1 h, 1 m p95", r -> telemetry.metrics(new MetricQuery(svc(data, r), metric(r), hour(r), Duration.ofMinutes(1), Aggregation.P95, false, 10_000)));
    qs.put("metrics: 1 service all metrics, 1 h", r -> telemetry.metrics(new MetricQuery(svc(data, r), null, hour(r), Duration.ofMinutes(1), Aggregation.AVG, false, 10_000)));
    qs.put("metrics: 1 metric all services, 1 h, rate", r -> telemetry.metrics(new MetricQuery(null, metric(r), hour(r), Duration.ofMinutes(5), Aggregation.RATE, false, 10_000)));
    qs.put("metrics: 1 series, 24 h, 5 m max", r -> telemetry.metrics(new MetricQuery(svc(data, r), metric(r), all(), Duration.ofMinutes(5), Aggregation.MAX, false, 10_000)));
    qs.put("top deviations: 15 m vs 1 h baseline", r -> {
      TimeWindow w = window(r, Duration.ofMinutes(15), Duration.ofHours(1));
      return telemetry.topDeviations(new DeviationQuery(null, w, TimeWindow.of(w.from().minus(Duration.ofHours(1)), w.from()), 20));
    });
    qs.put("logs: service + level>=ERROR, 1 h", r -> telemetry.searchLogs(new LogQuery(svc(data, r), Severity.ERROR, null, hour(r), 100)));
    qs.put("logs: text search, 1 h, all services", r -> telemetry.searchLogs(new LogQuery(null, null, "timed out", hour(r), 100)));
    qs.put("logs: text search, 24 h, all services", r -> telemetry.searchLogs(new LogQuery(null, null, "connection " + r.nextInt(1000), all(), 100)));
    qs.put("spans: service errors slowest, 1 h", r -> telemetry.spans(new SpanQuery(svc(data, r), null, null, hour(r), true, true, 50)));
    qs.put("spans: service slowest, 15 m", r -> telemetry.spans(new SpanQuery(svc(data, r), null, null, window(r, Duration.ofMinutes(15), Duration.ZERO), false, true, 50)));
    qs.put("edges: all, 15 m", r -> telemetry.edges(new EdgeQuery(null, window(r, Duration.ofMinutes(15), Duration.ZERO), 200)));
    qs.put("edges: one service, 1 h", r -> telemetry.edges(new EdgeQuery(svc(data, r), hour(r), 200)));
    qs.put("changes: 24 h", r -> telemetry.changes(new ChangeQuery(null, null, all(), 100)));
    qs.put("services + metric names, 1 h", r -> {
      TimeWindow w = hour(r);
      List<String> names = telemetry.services(w);
      return telemetry.metricNames(names.get(r.nextInt(names.size())), w);
    });
    Map<String, Object> res = new LinkedHashMap<>();
    SplittableRandom rnd = new SplittableRandom(seed);
    for (var q : qs.entrySet()) {
      for (int i = 0; i < 3; i++) {
        q.getValue().apply(rnd);
      }
      double[] ms = new double[runs];
      for (int i = 0; i < runs; i++) {
        long t0 = System.nanoTime();
        q.getValue().apply(rnd);
        ms[i] = (System.nanoTime() - t0) / 1e6;
      }
      Arrays.sort(ms);
      double target = q.getKey().startsWith("logs: text") ? 200 : 50;
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("p50_ms", round(ms[ms.length / 2]));
      row.put("p95_ms", round(ms[(int) Math.ceil(0.95 * ms.length) - 1]));
      row.put("max_ms", round(ms[ms.length - 1]));
      row.put("target_ms", target);
      row.put("met", ms[(int) Math.ceil(0.95 * ms.length) - 1] <= target);
      res.put(q.getKey(), row);
      progress(spec.commandLine().getOut(), "%-42s p95 %7.1f ms", q.getKey(), ms[(int) Math.ceil(0.95 * ms.length) - 1]);
    }
    return res;
  }

  private String svc(BenchData data, SplittableRandom r) {
    return data.service(r.nextInt(services)).name();
  }

  private String metric(SplittableRandom r) {
    return BenchData.METRICS[r.nextInt(metrics)];
  }

  private TimeWindow hour(SplittableRandom r) {
    return window(r, Duration.ofHours(1), Duration.ZERO);
  }

  /** A random window of {@code length} inside the data, leaving {@code before} room for a baseline. */
  private TimeWindow window(SplittableRandom r, Duration length, Duration before) {
    long span = Duration.ofHours(hours).minus(length).minus(before).toMillis();
    Instant from = START.plus(before).plusMillis(r.nextLong(Math.max(1, span)));
    return TimeWindow.of(from, from.plus(length));
  }

  private TimeWindow all() {
    return TimeWindow.of(START, START.plus(Duration.ofHours(hours)));
  }

  private static void timed(long[] acc, Runnable r) {
    long t0 = System.nanoTime();
    r.run();
    acc[0] += System.nanoTime() - t0;
  }

  private static Map<String, Object> rate(long rows, long nanos) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rows", rows);
    m.put("seconds", round(nanos / 1e9));
    m.put("per_second", Math.round(rows / (nanos / 1e9)));
    return m;
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private void progress(PrintWriter out, String format, Object... args) {
    if (!json) {
      out.println("  " + String.format(Locale.ROOT, format, args));
      out.flush();
    } else {
      System.err.println("  " + String.format(Locale.ROOT, format, args));
    }
  }

  @SuppressWarnings("unchecked")
  private void print(PrintWriter out, Map<String, Object> results) throws IOException {
    if (json) {
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results));
      out.flush();
      return;
    }
    out.println();
    out.println("ingest (through TelemetryStore.append, batches of " + batch + "):");
    ((Map<String, Object>) results.get("ingest")).forEach((k, v) -> {
      Map<String, Object> m = (Map<String, Object>) v;
      out.printf(Locale.ROOT, "  %-14s %,12d rows  %8.1f s  %,12d /s%n", k, (Long) m.get("rows"), (Double) m.get("seconds"), (Long) m.get("per_second"));
    });
    out.println("queries (" + runs + " runs each, random windows):");
    out.printf(Locale.ROOT, "  %-42s %9s %9s %9s %9s%n", "query", "p50 ms", "p95 ms", "max ms", "target");
    ((Map<String, Object>) results.get("queries")).forEach((k, v) -> {
      Map<String, Object> m = (Map<String, Object>) v;
      out.printf(Locale.ROOT, "  %-42s %9.1f %9.1f %9.1f %7.0f %s%n", k, m.get("p50_ms"), m.get("p95_ms"), m.get("max_ms"), m.get("target_ms"),
          Boolean.TRUE.equals(m.get("met")) ? "ok" : "MISSED");
    });
    out.flush();
  }

  private static void deleteRecursively(Path dir) {
    try (var paths = Files.walk(dir)) {
      List<Path> all = new ArrayList<>(paths.toList());
      java.util.Collections.reverse(all);
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
