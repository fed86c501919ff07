package dev.responder.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responder.app.metrics.Bucket;
import dev.responder.app.metrics.ManualBaseline;
import dev.responder.app.metrics.MetricsJson;
import dev.responder.app.metrics.SuccessMetrics;
import dev.responder.app.server.ApiTokens.Role;
import dev.responder.core.action.Approval;
import dev.responder.core.incident.Incident;
import dev.responder.core.port.ApprovalRepository;
import dev.responder.core.port.IncidentRepository;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Responder's success metrics over HTTP, for viewers and up: {@code GET /api/v1/metrics/summary} and
 * {@code GET /api/v1/metrics/timeseries?bucket=hour|day|week}, both over {@code from}/{@code to} (ISO-8601 instants;
 * default the 30 days up to now). A bad parameter, {@code from >= to} or more than
 * {@value SuccessMetrics#MAX_BUCKETS} buckets is a 400 naming the value. docs/metrics.md defines each figure.
 */
public final class MetricsApi {
  /** The range when the request gives no {@code from}. */
  static final Duration DEFAULT_RANGE = Duration.ofDays(30);
  /** How many of the newest incidents are read; older ones drop out of the metrics. */
  static final int SCAN = 10_000;

  private final IncidentRepository incidents;
  private final ApprovalRepository approvals;
  private final InstantSource clock;
  private final ApiGuard guard;
  private final ManualBaseline baseline;

  private MetricsApi(IncidentRepository incidents, ApprovalRepository approvals, InstantSource clock, ApiGuard guard,
                     ManualBaseline baseline) {
    this.incidents = incidents;
    this.approvals = approvals;
    this.clock = clock;
    this.guard = guard;
    this.baseline = baseline;
  }

  /** Metrics over the given ports; the clock supplies the default end of the range. */
  public static MetricsApi create(IncidentRepository incidents, ApprovalRepository approvals, InstantSource clock,
                                  ApiGuard guard, ManualBaseline baseline) {
    return new MetricsApi(Objects.requireNonNull(incidents, "incidents"), Objects.requireNonNull(approvals, "approvals"),
        Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(guard, "guard"),
        Objects.requireNonNull(baseline, "baseline"));
  }

  /** Adds the two routes to a Javalin configuration; registers no global handlers. */
  public void register(JavalinConfig config) {
    config.routes.get(IncidentApi.BASE + "/metrics/summary", guard.json(Role.VIEWER, this::summary));
    config.routes.get(IncidentApi.BASE + "/metrics/timeseries", guard.json(Role.VIEWER, this::timeseries));
  }

  private JsonNode summary(Context ctx, Role caller) {
    Range range = range(ctx);
    Data data = read(range);
    return MetricsJson.summary(SuccessMetrics.summary(data.incidents(), data.approvals(), range.from(), range.to(), baseline));
  }

  private JsonNode timeseries(Context ctx, Role caller) {
    String param = ctx.queryParam("bucket");
    try {
      Bucket bucket = param == null ? Bucket.DAY : Bucket.parse(param);
      Range range = range(ctx);
      Data data = read(range);
      return MetricsJson.series(SuccessMetrics.series(data.incidents(), data.approvals(), range.from(), range.to(),
          bucket, baseline));
    } catch (IllegalArgumentException e) {
      throw ApiRejection.badRequest(e.getMessage());
    }
  }

  private record Range(Instant from, Instant to) {}

  private record Data(List<Incident> incidents, List<Approval> approvals) {}

  private Range range(Context ctx) {
    String toParam = ctx.queryParam("to");
    String fromParam = ctx.queryParam("from");
    Instant to = toParam == null ? clock.instant() : instant("to", toParam);
    Instant from = fromParam == null ? to.minus(DEFAULT_RANGE) : instant("from", fromParam);
    if (!from.isBefore(to)) {
      throw ApiRejection.badRequest("from must be before to but was from=" + from + ", to=" + to);
    }
    return new Range(from, to);
  }

  /** The incidents opened in the range, and the approvals of just those. */
  private Data read(Range range) {
    List<Incident> inRange = incidents.list(Set.of(), SCAN).stream()
        .filter(i -> !i.openedAt().isBefore(range.from()) && i.openedAt().isBefore(range.to()))
        .toList();
    List<Approval> theirApprovals = new ArrayList<>();
    inRange.forEach(i -> theirApprovals.addAll(approvals.forIncident(i.id())));
    return new Data(inRange, theirApprovals);
  }

  private static Instant instant(String what, String text) {
    try {
      return Instant.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw ApiRejection.badRequest(what + " must be an ISO-8601 instant such as 2026-03-01T00:00:00Z but was '" + text + "'");
    }
  }
}
