package dev.responder.app.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.responder.app.config.ResponderConfig;
import dev.responder.app.metrics.ManualBaseline;
import dev.responder.app.otlp.OtlpReceiver;
import dev.responder.app.otlp.OtlpSettings;
import dev.responder.app.otlp.OtlpStats;
import dev.responder.core.error.ConfigException;
import dev.responder.core.incident.Incident;
import dev.responder.core.port.ApprovalRepository;
import dev.responder.core.port.AuditLog;
import dev.responder.core.port.IncidentRepository;
import dev.responder.core.port.TelemetryStore;
import dev.responder.core.query.StoreStats;
import dev.responder.store.Retention;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.BindException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of one Responder process, everything on one port: OTLP/HTTP ingest on the standard paths,
 * {@code /health}, a Prometheus-format {@code /metrics} of Responder's own counters, the incident API under
 * {@code /api/v1} (incidents, approvals, feedback, postmortems, charts, success metrics, server-sent events,
 * the Alertmanager receiver, OpenAPI description) and the web UI at {@code /}; plus outgoing webhooks and the
 * periodic retention task.
 */
public final class ResponderServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ResponderServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What the server serves from: the telemetry store and the incident state, with the events their saves publish.
   *
   * @param reportsDir where runs wrote postmortems ({@code ID.html}, {@code ID.md}), or null
   */
  public record Backends(TelemetryStore telemetry, IncidentRepository incidents, ApprovalRepository approvals,
                         AuditLog audit, IncidentEvents events, Path reportsDir) {
    public Backends {
      Objects.requireNonNull(telemetry, "telemetry");
      Objects.requireNonNull(incidents, "incidents");
      Objects.requireNonNull(approvals, "approvals");
      Objects.requireNonNull(audit, "audit");
      Objects.requireNonNull(events, "events");
    }

    /** The storage's stores, with incident and approval saves published to {@code events}. */
    public static Backends of(Storage storage, IncidentEvents events, Path reportsDir) {
      return new Backends(storage.telemetry(), events.observe(SharedIncidents.over(storage.incidents())), events.observe(storage.approvals()),
          storage.audit(), events, reportsDir);
    }
  }

  /**
   * How the API behaves.
   *
   * @param retention      whether to run the retention task (off for a simulation whose clock is not the wall's)
   * @param onAlertOpened  called with each incident an Alertmanager alert opens (e.g. to start an investigation)
   */
  public record Options(ApiTokens tokens, ManualBaseline baseline, List<WebhookConfig.Target> webhooks,
                        boolean retention, Consumer<Incident> onAlertOpened) {
    public Options {
      Objects.requireNonNull(tokens, "tokens");
      Objects.requireNonNull(baseline, "baseline");
      webhooks = List.copyOf(webhooks);
      Objects.requireNonNull(onAlertOpened, "onAlertOpened");
    }

    /** No tokens, the default baseline, no webhooks, retention on. */
    public static Options defaults() {
      return new Options(ApiTokens.none(), ManualBaseline.defaults(), List.of(), true, i -> { });
    }
  }

  private final Javalin app;
  private final ScheduledExecutorService scheduler;
  private final OtlpStats otlpStats;
  private final EventStream stream;
  private final WebhookNotifier notifier;

  private ResponderServer(Javalin app, ScheduledExecutorService scheduler, OtlpStats otlpStats, EventStream stream,
                          WebhookNotifier notifier) {
    this.app = app;
    this.scheduler = scheduler;
    this.otlpStats = otlpStats;
    this.stream = stream;
    this.notifier = notifier;
  }

  /** Starts serving the storage with the default options; the config's port 0 picks a free port, see {@link #port()}. */
  public static ResponderServer start(ResponderConfig config, Storage storage, InstantSource clock) {
    return start(config, Backends.of(storage, new IncidentEvents(clock), null), Options.defaults(), clock);
  }

  /** Starts serving; the config's port 0 picks a free port, see {@link #port()}. */
  public static ResponderServer start(ResponderConfig config, Backends backends, Options options, InstantSource clock) {
    OtlpReceiver receiver = OtlpReceiver.create(backends.telemetry(),
        new OtlpSettings(config.otlpMaxBodyBytes(), config.otlpMaxFutureSkew()), clock);
    OtlpStats stats = receiver.stats();
    ApiGuard guard = new ApiGuard(options.tokens());
    IncidentApi api = IncidentApi.create(backends.incidents(), backends.approvals(), backends.audit(), clock, options.tokens());
    EventStream stream = new EventStream(backends.events(), guard, 15);
    IncidentReports reports = new IncidentReports(backends.incidents(), backends.telemetry(), backends.reportsDir(), guard);
    MetricsApi metrics = MetricsApi.create(backends.incidents(), backends.approvals(), clock, guard, options.baseline());
    AlertmanagerReceiver alerts = AlertmanagerReceiver.create(backends.incidents(), backends.audit(), clock, guard)
        .onOpened(options.onAlertOpened());
    WebhookNotifier notifier = WebhookNotifier.start(options.webhooks(), backends.events(), HttpClient.newHttpClient(),
        Duration.ofSeconds(1));
    Javalin app;
    try {
      app = Javalin.create(c -> {
        c.startup.showJavalinBanner = false;
        c.jetty.host = config.host();
        c.jetty.port = config.port();
        receiver.register(c);
        api.register(c);
        stream.register(c);
        reports.register(c);
        metrics.register(c);
        alerts.register(c);
        WebUi.register(c);
        c.routes.get("/health", ctx -> health(ctx, backends.telemetry()));
        c.routes.get("/metrics", ctx -> metrics(ctx, stats, backends.telemetry(), notifier, stream));
        c.routes.exception(Exception.class, (e, ctx) -> {
          LOG.warn("request {} {} failed", ctx.method(), ctx.path(), e);
          ctx.status(500).contentType("application/json").result(json(Map.of("error", String.valueOf(e.getMessage()))));
        });
      });
      app.start();
    } catch (RuntimeException e) {
      stream.close();
      notifier.close();
      throw bindFailure(e, config).orElseThrow(() -> e);
    }
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("retention").factory());
    if (options.retention()) {
      Retention retention = Retention.of(backends.telemetry(), config.retentionMaxAge(), clock);
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
    }
    return new ResponderServer(app, scheduler, stats, stream, notifier);
  }

  /** A clear error when the port is taken (Javalin reports it as a wrapped {@link BindException}). */
  private static Optional<ConfigException> bindFailure(RuntimeException e, ResponderConfig config) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return Optional.of(new ConfigException("cannot serve on " + config.host() + ":" + config.port() + ": "
            + t.getMessage() + "; choose another port (0 picks a free one)", e));
      }
    }
    return Optional.empty();
  }

  public int port() {
    return app.port();
  }

  public OtlpStats otlpStats() {
    return otlpStats;
  }

  private static void health(Context ctx, TelemetryStore telemetry) {
    Map<String, Object> body = new LinkedHashMap<>();
    try {
      StoreStats s = telemetry.stats();
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

  private static void metrics(Context ctx, OtlpStats stats, TelemetryStore telemetry, WebhookNotifier notifier,
                              EventStream stream) {
    StringBuilder sb = new StringBuilder();
    sb.append("# TYPE responder_otlp counter\n");
    stats.snapshot().forEach((name, value) -> sb.append("responder_otlp_").append(sanitize(name)).append(' ').append(value).append('\n'));
    sb.append("# TYPE responder_webhooks counter\n");
    notifier.stats().forEach((name, value) -> sb.append("responder_webhooks_").append(sanitize(name)).append(' ').append(value).append('\n'));
    sb.append("# TYPE responder_sse_clients gauge\nresponder_sse_clients ").append(stream.clients()).append('\n');
    try {
      StoreStats s = telemetry.stats();
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
    stream.close();
    try {
      app.stop();
    } finally {
      notifier.close();
    }
  }
}
