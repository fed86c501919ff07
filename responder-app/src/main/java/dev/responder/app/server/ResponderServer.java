package dev.responder.app.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.responder.app.config.ResponderConfig;
import dev.responder.app.otlp.OtlpReceiver;
import dev.responder.app.otlp.OtlpSettings;
import dev.responder.app.otlp.OtlpStats;
import dev.responder.core.query.StoreStats;
import dev.responder.store.Retention;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of one Responder process: OTLP/HTTP ingest on the standard paths, {@code /health} and a
 * Prometheus-format {@code /metrics} of Responder's own counters, plus the periodic retention task.
 */
public final class ResponderServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ResponderServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Javalin app;
  private final ScheduledExecutorService scheduler;
  private final OtlpStats otlpStats;

  private ResponderServer(Javalin app, ScheduledExecutorService scheduler, OtlpStats otlpStats) {
    this.app = app;
    this.scheduler = scheduler;
    this.otlpStats = otlpStats;
  }

  /** Starts serving; the config's port 0 picks a free port, see {@link #port()}. */
  public static ResponderServer start(ResponderConfig config, Storage storage, InstantSource clock) {
    OtlpReceiver receiver = OtlpReceiver.create(storage.telemetry(),
        new OtlpSettings(config.otlpMaxBodyBytes(), config.otlpMaxFutureSkew()), clock);
    OtlpStats stats = receiver.stats();
    Javalin app = Javalin.create(c -> {
      c.startup.showJavalinBanner = false;
      c.jetty.host = config.host();
      c.jetty.port = config.port();
      receiver.register(c);
      c.routes.get("/health", ctx -> health(ctx, storage));
      c.routes.get("/metrics", ctx -> metrics(ctx, stats, storage));
      c.routes.exception(Exception.class, (e, ctx) -> {
        LOG.warn("request {} {} failed", ctx.method(), ctx.path(), e);
        ctx.status(500).contentType("application/json").result(json(Map.of("error", String.valueOf(e.getMessage()))));
      });
    });
    app.start();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("retention").factory());
    Retention retention = Retention.of(storage.telemetry(), config.retentionMaxAge(), clock);
    long every = config.retentionInterval().toMillis();
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        long deleted = retention.runOnce();
        if (deleted > 0) {
          LOG.info("retention deleted {} rows older than {}", deleted, config.retentionMaxAge());
        }
      } catch (RuntimeException e) {
        LOG.warn("retention failed: {}", e.getMessage());
      }
    }, Math.min(every, 60_000), every, TimeUnit.MILLISECONDS);
    return new ResponderServer(app, scheduler, stats);
  }

  public int port() {
    return app.port();
  }

  public OtlpStats otlpStats() {
    return otlpStats;
  }

  private static void health(Context ctx, Storage storage) {
    Map<String, Object> body = new LinkedHashMap<>();
    try {
      StoreStats s = storage.telemetry().stats();
      body.put("status", "ok");
      body.put("metric_points", s.metricPoints());
      body.put("log_records", s.logRecords());
      body.put("spans", s.spans());
      body.put("change_events", s.changeEvents());
      ctx.contentType("application/json").result(json(body));
    } catch (RuntimeException e) {
      body.put("status", "degraded");
      body.put("error", e.getMessage());
      ctx.status(503).contentType("application/json").result(json(body));
    }
  }

  private static void metrics(Context ctx, OtlpStats stats, Storage storage) {
    StringBuilder sb = new StringBuilder();
    sb.append("# TYPE responder_otlp counter\n");
    stats.snapshot().forEach((name, value) -> sb.append("responder_otlp_").append(sanitize(name)).append(' ').append(value).append('\n'));
    try {
      StoreStats s = storage.telemetry().stats();
      sb.append("# TYPE responder_store_rows gauge\n");
      sb.append("responder_store_rows{kind=\"metric_points\"} ").append(s.metricPoints()).append('\n');
      sb.append("responder_store_rows{kind=\"log_records\"} ").append(s.logRecords()).append('\n');
      sb.append("responder_store_rows{kind=\"spans\"} ").append(s.spans()).append('\n');
      sb.append("responder_store_rows{kind=\"change_events\"} ").append(s.changeEvents()).append('\n');
    } catch (RuntimeException e) {
      sb.append("# store unavailable: ").append(e.getMessage().replace('\n', ' ')).append('\n');
    }
    ctx.contentType("text/plain; version=0.0.4").result(sb.toString());
  }

  private static String sanitize(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    app.stop();
  }
}
