package dev.responder.bench.store;

import dev.responder.core.telemetry.ChangeEvent;
import dev.responder.core.telemetry.LogRecord;
import dev.responder.core.telemetry.MetricPoint;
import dev.responder.core.telemetry.Severity;
import dev.responder.core.telemetry.Span;
import dev.responder.core.telemetry.SpanStatus;
import dev.responder.core.topology.ServiceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Deterministic, realistic-looking telemetry for the store benchmark: daily traffic curves with noise,
 * log lines from templates with variables, and traces that follow a call chain across services.
 */
final class BenchData {
  static final String[] METRICS = {"rps", "error_rate", "latency_p50_ms", "latency_p95_ms", "latency_p99_ms", "cpu_util",
      "memory_bytes", "gc_pause_ms", "threads_busy", "threadpool_util", "connpool_util", "connpool_wait_ms", "queue_depth",
      "consumer_lag", "disk_used_bytes", "restarts", "replicas", "net_rx_bytes", "net_tx_bytes", "open_files"};
  private static final String[] TEMPLATES = {
      "GET /api/v1/items/%d completed in %d ms status=200",
      "user %d added item %d to cart",
      "cache miss for key product:%d, loading from database",
      "processed order %d total=%d.%02d EUR",
      "HikariPool-1 - Connection is not available, request timed out after %dms.",
      "upstream call to inventory took %d ms (retry %d)",
      "java.net.SocketTimeoutException: Read timed out after %d ms on connection %d",
      "scheduled job reconcile-%d finished, %d records updated"};

  private final int services;
  private final Instant start;
  private final Duration length;
  private final long seed;
  private final ServiceId[] ids;

  BenchData(int services, Instant start, Duration length, long seed) {
    this.services = services;
    this.start = start;
    this.length = length;
    this.seed = seed;
    this.ids = new ServiceId[services];
    for (int i = 0; i < services; i++) {
      ids[i] = ServiceId.of("svc-%02d".formatted(i));
    }
  }

  ServiceId service(int i) {
    return ids[i];
  }

  /** Metric points in time order, handed over in batches of {@code batch}. */
  long metrics(Duration step, int metricsPerService, int batch, Consumer<List<MetricPoint>> sink) {
    SplittableRandom rnd = new SplittableRandom(seed);
    long steps = length.toMillis() / step.toMillis();
    Batches<MetricPoint> out = new Batches<>(batch, sink);
    for (long s = 0; s < steps; s++) {
      Instant ts = start.plusMillis(s * step.toMillis());
      double daily = 1 + 0.5 * Math.sin(2 * Math.PI * s / (86_400_000.0 / step.toMillis()));
      for (int svc = 0; svc < services; svc++) {
        String instance = ids[svc].name() + "-0";
        for (int m = 0; m < metricsPerService; m++) {
          double base = 10 + 7 * m + svc;
          out.add(new MetricPoint(ts, ids[svc], instance, METRICS[m % METRICS.length], base * daily + rnd.nextGaussian() * base * 0.05, Map.of()));
        }
      }
    }
    return out.finish();
  }

  /** {@code count} log lines spread evenly over the period, in time order. */
  long logs(long count, int batch, Consumer<List<LogRecord>> sink) {
    SplittableRandom rnd = new SplittableRandom(seed + 1);
    HexFormat hex = HexFormat.of();
    long stepNanos = length.toNanos() / count;
    Batches<LogRecord> out = new Batches<>(batch, sink);
    for (long i = 0; i < count; i++) {
      Instant ts = start.plusNanos(i * stepNanos);
      int t = rnd.nextInt(100);
      int template = t < 40 ? 0 : t < 65 ? 1 : t < 80 ? 2 : t < 92 ? 3 : t < 95 ? 5 : t < 97 ? 7 : t < 99 ? 4 : 6;
      Severity level = template == 4 || template == 6 ? Severity.ERROR : template == 5 ? Severity.WARN : Severity.INFO;
      String body = TEMPLATES[template].formatted(rnd.nextInt(100_000), rnd.nextInt(2_000), rnd.nextInt(100));
      String trace = rnd.nextInt(4) == 0 ? hex.toHexDigits(rnd.nextLong()) + hex.toHexDigits(rnd.nextLong()) : "";
      String span = trace.isEmpty() ? "" : hex.toHexDigits(rnd.nextLong());
      int svc = rnd.nextInt(services);
      out.add(new LogRecord(ts, ids[svc], ids[svc].name() + "-0", level, body, trace, span, Map.of()));
    }
    return out.finish();
  }

  /** About {@code count} spans in traces of five calls down a chain of services, in time order. */
  long spans(long count, int batch, Consumer<List<Span>> sink) {
    SplittableRandom rnd = new SplittableRandom(seed + 2);
    HexFormat hex = HexFormat.of();
    int depth = 5;
    long traces = count / depth;
    long stepNanos = length.toNanos() / traces;
    Batches<Span> out = new Batches<>(batch, sink);
    for (long t = 0; t < traces; t++) {
      Instant ts = start.plusNanos(t * stepNanos);
      String trace = hex.toHexDigits(rnd.nextLong()) + hex.toHexDigits(rnd.nextLong());
      String parent = "";
      int svc = rnd.nextInt(services);
      boolean error = rnd.nextInt(100) == 0;
      for (int d = 0; d < depth; d++) {
        String id = hex.toHexDigits(rnd.nextLong());
        long durMicros = (long) ((depth - d) * (2_000 + rnd.nextInt(8_000)) * (error ? 3 : 1));
        out.add(new Span(trace, id, parent, ids[(svc + d) % services], "op-" + d, ts.plusNanos(d * 100_000L),
            Duration.ofNanos(durMicros * 1000), error && d == depth - 1 ? SpanStatus.ERROR : SpanStatus.OK, Map.of()));
        parent = id;
      }
    }
    return out.finish();
  }

  /** A deploy per service per few hours, and some config changes. */
  List<ChangeEvent> changes() {
    SplittableRandom rnd = new SplittableRandom(seed + 3);
    List<ChangeEvent> out = new ArrayList<>();
    for (int svc = 0; svc < services; svc++) {
      for (long h = 0; h < length.toHours(); h += 4 + rnd.nextInt(4)) {
        Instant ts = start.plus(Duration.ofHours(h)).plusSeconds(rnd.nextInt(3600));
        out.add(new ChangeEvent.Deploy(ts, ids[svc], "ci", "1." + h, "1." + (h + 1)));
        if (rnd.nextInt(3) == 0) {
          out.add(new ChangeEvent.ConfigChange(ts.plusSeconds(60), ids[svc], "ops", "pool.size", "20", "40"));
        }
      }
    }
    out.sort(java.util.Comparator.comparing(ChangeEvent::ts));
    return out;
  }

  /** Hands items to a sink in lists of {@code size}, counting them. */
  private static final class Batches<T> {
    private final int size;
    private final Consumer<List<T>> sink;
    private List<T> buffer;
    private long count;

    Batches(int size, Consumer<List<T>> sink) {
      this.size = size;
      this.sink = sink;
      this.buffer = new ArrayList<>(size);
    }

    void add(T item) {
      buffer.add(item);
      if (buffer.size() == size) {
        flush();
      }
    }

    /** Hands over what is left; returns how many items were handed over in all. */
    long finish() {
      if (!buffer.isEmpty()) {
        flush();
      }
      return count;
    }

    private void flush() {
      sink.accept(buffer);
      count += buffer.size();
      buffer = new ArrayList<>(size);
    }
  }
}
