package dev.responder.app.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responder.app.server.ApiTokens.Role;
import dev.responder.core.action.Approval;
import dev.responder.core.action.AuditRecord;
import dev.responder.core.error.ConfigException;
import dev.responder.core.incident.Incident;
import dev.responder.core.incident.IncidentId;
import dev.responder.core.incident.IncidentState;
import dev.responder.core.incident.TimelineEntry;
import dev.responder.core.port.ApprovalRepository;
import dev.responder.core.port.AuditLog;
import dev.responder.core.port.IncidentRepository;
import dev.responder.core.topology.ServiceId;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The incident HTTP API, version 1, as JSON under {@code /api/v1}: list, detail and timeline of incidents, pending
 * approvals and their decision, feedback on a diagnosis, and the caller's own role ({@code /session}). The routes
 * are described by {@code GET /api/v1/openapi.json}, which is served without a token.
 *
 * <p>Every other route needs {@code Authorization: Bearer TOKEN} unless {@link ApiTokens} is empty: a missing or
 * unknown token is a 401, a viewer on a route that changes state a 403. Bad input is a 400 with
 * {@code {"error": "..."}} naming the bad value, an unknown incident or approval a 404, a decision on an approval
 * that was already decided a 409. Each decision and each piece of feedback is appended to the audit log.
 */
public final class IncidentApi {
  /** The path prefix of every route. */
  public static final String BASE = "/api/v1";
  static final String OPENAPI_RESOURCE = "/openapi/incident-api.json";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** How many of the newest incidents a service filter scans. */
  private static final int SERVICE_SCAN = 10_000;

  private final IncidentRepository incidents;
  private final ApprovalRepository approvals;
  private final AuditLog audit;
  private final InstantSource clock;
  private final ApiGuard guard;
  private final String openApi;
  private final Object writes = new Object();

  private IncidentApi(IncidentRepository incidents, ApprovalRepository approvals, AuditLog audit, InstantSource clock,
                      ApiTokens tokens, String openApi) {
    this.incidents = incidents;
    this.approvals = approvals;
    this.audit = audit;
    this.clock = clock;
    this.guard = new ApiGuard(tokens);
    this.openApi = openApi;
  }

  /**
   * An API over the given ports; the clock stamps decisions, feedback and audit records.
   *
   * @throws ConfigException when the bundled OpenAPI description cannot be read
   */
  public static IncidentApi create(IncidentRepository incidents, ApprovalRepository approvals, AuditLog audit,
                                   InstantSource clock, ApiTokens tokens) {
    return new IncidentApi(Objects.requireNonNull(incidents, "incidents"), Objects.requireNonNull(approvals, "approvals"),
        Objects.requireNonNull(audit, "audit"), Objects.requireNonNull(clock, "clock"),
        Objects.requireNonNull(tokens, "tokens"), loadOpenApi());
  }

  /** Adds the API's routes to a Javalin configuration; registers no global handlers. */
  public void register(JavalinConfig config) {
    config.routes.get(BASE + "/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
    config.routes.get(BASE + "/session", guard.json(Role.VIEWER, this::session));
    config.routes.get(BASE + "/incidents", guard.json(Role.VIEWER, this::listIncidents));
    config.routes.get(BASE + "/incidents/{id}", guard.json(Role.VIEWER,
        (c, caller) -> ApiViews.incidentDetail(incident(c))));
    config.routes.get(BASE + "/incidents/{id}/timeline", guard.json(Role.VIEWER,
        (c, caller) -> ApiViews.timeline(incident(c))));
    config.routes.get(BASE + "/incidents/{id}/hypotheses", guard.json(Role.VIEWER,
        (c, caller) -> ApiViews.hypotheses(incident(c))));
    config.routes.post(BASE + "/incidents/{id}/feedback", guard.json(Role.RESPONDER, this::feedback));
    config.routes.get(BASE + "/approvals", guard.json(Role.VIEWER, this::listApprovals));
    config.routes.post(BASE + "/approvals/{id}/approve", guard.json(Role.RESPONDER,
        (c, caller) -> decide(c, caller, Approval.State.APPROVED)));
    config.routes.post(BASE + "/approvals/{id}/reject", guard.json(Role.RESPONDER,
        (c, caller) -> decide(c, caller, Approval.State.REJECTED)));
  }

  /**
   * The caller's role, so that a client can offer only what the role allows before anyone clicks; the server still
   * refuses with 403 whatever the client shows. With authentication off every caller is a responder.
   */
  private JsonNode session(Context ctx, Role caller) {
    return JSON.createObjectNode().put("role", caller.name()).put("authentication", guard.tokens().enabled());
  }

  private JsonNode listIncidents(Context ctx, Role caller) {
    Set<IncidentState> states = incidentStates(ctx.queryParams("state"));
    int limit = ApiGuard.limit(ctx.queryParam("limit"));
    String service = ctx.queryParam("service");
    if (service == null) {
      return ApiViews.incidentList(incidents.list(states, limit));
    }
    ServiceId wanted = ApiGuard.parse("service", service, ServiceId::of);
    List<Incident> matching = incidents.list(states, SERVICE_SCAN).stream()
        .filter(i -> i.services().contains(wanted)).limit(limit).toList();
    return ApiViews.incidentList(matching);
  }

  private JsonNode listApprovals(Context ctx, Role caller) {
    String stateParam = ctx.queryParam("state");
    boolean all = "all".equalsIgnoreCase(stateParam);
    Approval.State state = stateParam == null || all ? Approval.State.PENDING
        : ApiGuard.parseEnum("approval state", stateParam, Approval.State.class);
    int limit = ApiGuard.limit(ctx.queryParam("limit"));
    String incident = ctx.queryParam("incident");
    List<Approval> found;
    if (incident != null) {
      found = approvals.forIncident(ApiGuard.parse("incident", incident, IncidentId::new));
    } else if (state == Approval.State.PENDING && !all) {
      found = approvals.pending();
    } else {
      found = new ArrayList<>();
      for (Incident i : incidents.list(Set.of(), ApiGuard.MAX_LIMIT)) {
        found.addAll(approvals.forIncident(i.id()));
      }
    }
    return ApiViews.approvalList(found.stream().filter(a -> all || a.state() == state).limit(limit).toList());
  }

  private JsonNode decide(Context ctx, Role caller, Approval.State decision) {
    String id = ctx.pathParam("id");
    if (!id.matches("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}")) {
      throw ApiRejection.badRequest("approval id must be 1-128 letters, digits, '.', '_', ':' or '-' but was '" + id + "'");
    }
    JsonBody body = JsonBody.parse(ctx.body(), Set.of("by", "comment"));
    String by = body.requiredText("by");
    String comment = body.optionalText("comment");
    synchronized (writes) {
      Approval current = approvals.find(id).orElseThrow(() -> ApiRejection.notFound("no approval " + id));
      if (current.state() != Approval.State.PENDING) {
        throw new ApiRejection(409, "approval " + id + " was already " + current.state()
            + (current.decidedBy().isEmpty() ? "" : " by " + current.decidedBy()));
      }
      Instant now = clock.instant();
      Approval decided = current.decide(decision, by, now, comment);
      approvals.save(decided);
      Map<String, String> details = new LinkedHashMap<>();
      details.put("approval_id", id);
      details.put("decision", decision.name());
      details.put("action", current.action().describe());
      details.put("comment", comment);
      details.put("role", caller.name());
      details.put("via", "api");
      AuditRecord record = audit.append(new AuditRecord(0, now, by, "approval", current.incident().value(),
          decision.name().toLowerCase(Locale.ROOT) + " " + current.action().describe(), details));
      ObjectNode out = ApiViews.approval(decided);
      out.set("audit", ApiViews.audit(record));
      return out;
    }
  }

  private JsonNode feedback(Context ctx, Role caller) {
    IncidentId id = ApiGuard.parse("incident id", ctx.pathParam("id"), IncidentId::new);
    JsonBody body = JsonBody.parse(ctx.body(), Set.of("diagnosis_correct", "action_correct", "false_positive", "comment", "by"));
    Boolean diagnosisCorrect = body.optionalBoolean("diagnosis_correct");
    Boolean actionCorrect = body.optionalBoolean("action_correct");
    Boolean falsePositive = body.optionalBoolean("false_positive");
    String comment = body.optionalText("comment");
    String by = body.optionalText("by");
    if (diagnosisCorrect == null && actionCorrect == null && falsePositive == null) {
      throw ApiRejection.badRequest("feedback needs 'diagnosis_correct', 'action_correct' or 'false_positive' (true or false) but had none");
    }
    Map<String, String> details = new LinkedHashMap<>();
    if (diagnosisCorrect != null) {
      details.put("diagnosis_correct", diagnosisCorrect.toString());
    }
    if (actionCorrect != null) {
      details.put("action_correct", actionCorrect.toString());
    }
    if (falsePositive != null) {
      details.put("false_positive", falsePositive.toString());
    }
    details.put("comment", comment);
    details.put("role", caller.name());
    String actor = by.isBlank() ? "api" : by;
    String summary = feedbackSummary(diagnosisCorrect, actionCorrect, falsePositive, comment);
    synchronized (writes) {
      Incident incident = incidents.find(id).orElseThrow(() -> ApiRejection.notFound("no incident " + id));
      Instant now = clock.instant();
      AuditRecord record = audit.append(new AuditRecord(0, now, actor, "feedback", id.value(), summary, details));
      Map<String, String> attributes = new LinkedHashMap<>(details);
      attributes.put("by", actor);
      attributes.put("audit_seq", Long.toString(record.seq()));
      incidents.save(incident.record(new TimelineEntry(now, "feedback", summary, attributes)));
      ObjectNode out = JSON.createObjectNode().put("incident_id", id.value());
      out.set("audit", ApiViews.audit(record));
      return out;
    }
  }

  private static String feedbackSummary(Boolean diagnosisCorrect, Boolean actionCorrect, Boolean falsePositive, String comment) {
    List<String> parts = new ArrayList<>();
    if (diagnosisCorrect != null) {
      parts.add("diagnosis " + (diagnosisCorrect ? "correct" : "incorrect"));
    }
    if (actionCorrect != null) {
      parts.add("action " + (actionCorrect ? "correct" : "incorrect"));
    }
    if (falsePositive != null) {
      parts.add(falsePositive ? "false positive" : "real incident");
    }
    return "feedback: " + String.join(", ", parts) + (comment.isBlank() ? "" : ": " + comment);
  }

  private Incident incident(Context ctx) {
    IncidentId id = ApiGuard.parse("incident id", ctx.pathParam("id"), IncidentId::new);
    return incidents.find(id).orElseThrow(() -> ApiRejection.notFound("no incident " + id));
  }

  private static Set<IncidentState> incidentStates(List<String> params) {
    Set<IncidentState> states = EnumSet.noneOf(IncidentState.class);
    for (String param : params) {
      for (String name : param.split(",", -1)) {
        states.add(ApiGuard.parseEnum("state", name.trim(), IncidentState.class));
      }
    }
    return states;
  }

  private static String loadOpenApi() {
    try (InputStream in = IncidentApi.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new ConfigException("OpenAPI description " + OPENAPI_RESOURCE + " is missing from the classpath");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      JSON.readTree(text);
      return text;
    } catch (JsonProcessingException e) {
      throw new ConfigException("OpenAPI description " + OPENAPI_RESOURCE + " is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ConfigException("cannot read OpenAPI description " + OPENAPI_RESOURCE + ": " + e.getMessage(), e);
    }
  }
}
