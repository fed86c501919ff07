package dev.responder.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.responder.app.server.ApiTokens.Role;
import dev.responder.core.action.Action;
import dev.responder.core.action.ActionKind;
import dev.responder.core.action.Approval;
import dev.responder.core.action.AuditRecord;
import dev.responder.core.action.Reversibility;
import dev.responder.core.action.Risk;
import dev.responder.core.incident.Diagnosis;
import dev.responder.core.incident.Evidence;
import dev.responder.core.incident.FaultType;
import dev.responder.core.incident.Hypothesis;
import dev.responder.core.incident.Incident;
import dev.responder.core.incident.IncidentId;
import dev.responder.core.incident.IncidentState;
import dev.responder.core.telemetry.Severity;
import dev.responder.core.topology.ServiceId;
import dev.responder.store.DuckDbDatabase;
import dev.responder.store.Stores;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IncidentApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final String RESPONDER = "resp-token";
  private static final String VIEWER = "view-token";

  private final HttpClient http = HttpClient.newHttpClient();
  private DuckDbDatabase db;
  private Javalin app;
  private String base;

  @BeforeEach
  void start() {
    db = Stores.openDuckDb(null);
    seed();
    IncidentApi api = IncidentApi.create(db.incidents(), db.approvals(), db.audit(), InstantSource.fixed(NOW),
        new ApiTokens(Map.of(RESPONDER, Role.RESPONDER, VIEWER, Role.VIEWER)));
    app = Javalin.create(c -> {
      c.startup.showJavalinBanner = false;
      api.register(c);
    }).start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + app.port() + "/api/v1";
  }

  @AfterEach
  void stop() {
    app.stop();
    db.close();
  }

  private void seed() {
    Incident checkout = Incident.open(new IncidentId("INC-1"), "checkout errors", Severity.ERROR, T0, "sig-1",
            Set.of(ServiceId.of("checkout"), ServiceId.of("payment")))
        .moveTo(IncidentState.INVESTIGATING, T0.plusSeconds(60), "agent started")
        .withHypothesis(new Hypothesis("H1", "payment pool exhausted", ServiceId.of("payment"),
            FaultType.CONNECTION_POOL_EXHAUSTION, Hypothesis.Status.CONFIRMED, 0.9,
            List.of(new Evidence(T0, "pool at 100%", "query_metrics", "pool_usage{service=payment}", true, 1.0)), "", "agent"))
        .withDiagnosis(new Diagnosis(ServiceId.of("payment"), FaultType.CONNECTION_POOL_EXHAUSTION, 0.9, "pool exhausted", List.of()),
            T0.plusSeconds(120));
    Incident search = Incident.open(new IncidentId("INC-2"), "search slow", Severity.WARN, T0.plusSeconds(600), "sig-2",
        Set.of(ServiceId.of("search")));
    Incident old = Incident.open(new IncidentId("INC-0"), "old", Severity.WARN, T0.minusSeconds(3600), "sig-0",
        Set.of(ServiceId.of("payment"))).moveTo(IncidentState.RESOLVED, T0, "fixed");
    List.of(checkout, search, old).forEach(db.incidents()::save);
    Action restart = new Action(ActionKind.RESTART, ServiceId.of("payment"), Map.of(), Risk.LOW, Reversibility.REVERSIBLE, "clear pool");
    db.approvals().save(Approval.request("APR-1", checkout.id(), restart, "restart payment", T0.plusSeconds(180)));
    db.approvals().save(Approval.request("APR-2", checkout.id(), restart, "again", T0.plusSeconds(190)));
  }

  @Test
  void list_returnsIncidentsNewestFirst() throws Exception {
    JsonNode body = getJson("/incidents", VIEWER, 200);
    assertThat(ids(body.get("incidents"))).containsExactly("INC-2", "INC-1", "INC-0");
    assertThat(body.get("count").asInt()).isEqualTo(3);
  }

  @Test
  void list_filtersByStateServiceAndLimit() throws Exception {
    assertThat(ids(getJson("/incidents?state=investigating", VIEWER, 200).get("incidents"))).containsExactly("INC-1");
    assertThat(ids(getJson("/incidents?state=DETECTED,RESOLVED", VIEWER, 200).get("incidents"))).containsExactly("INC-2", "INC-0");
    assertThat(ids(getJson("/incidents?service=payment", VIEWER, 200).get("incidents"))).containsExactly("INC-1", "INC-0");
    assertThat(ids(getJson("/incidents?service=payment&state=RESOLVED", VIEWER, 200).get("incidents"))).containsExactly("INC-0");
    assertThat(ids(getJson("/incidents?limit=1", VIEWER, 200).get("incidents"))).containsExactly("INC-2");
  }

  @Test
  void detail_includesHypothesesAndDiagnosis() throws Exception {
    JsonNode body = getJson("/incidents/INC-1", VIEWER, 200);
    assertThat(body.get("state").asText()).isEqualTo("INVESTIGATING");
    assertThat(body.get("diagnosis").get("root_cause_service").asText()).isEqualTo("payment");
    assertThat(body.get("diagnosis").get("fault_type").asText()).isEqualTo("connection_pool_exhaustion");
    JsonNode h = body.get("hypotheses").get(0);
    assertThat(h.get("status").asText()).isEqualTo("CONFIRMED");
    assertThat(h.get("root_cause_service").asText()).isEqualTo("payment");
    assertThat(h.get("evidence").get(0).get("query").asText()).isEqualTo("pool_usage{service=payment}");
  }

  @Test
  void hypotheses_isTheBoardOfTheDetail() throws Exception {
    JsonNode body = getJson("/incidents/INC-1/hypotheses", VIEWER, 200);
    assertThat(body.get("incident_id").asText()).isEqualTo("INC-1");
    assertThat(body.get("hypotheses")).isEqualTo(getJson("/incidents/INC-1", VIEWER, 200).get("hypotheses"));
    assertThat(body.get("hypotheses").get(0).get("status").asText()).isEqualTo("CONFIRMED");
    assertThat(getJson("/incidents/INC-404/hypotheses", VIEWER, 404).get("error").asText()).contains("INC-404");
  }

  @Test
  void timeline_listsEntriesInOrder() throws Exception {
    JsonNode body = getJson("/incidents/INC-1/timeline", VIEWER, 200);
    assertThat(body.get("incident_id").asText()).isEqualTo("INC-1");
    List<String> kinds = new ArrayList<>();
    body.get("timeline").forEach(e -> kinds.add(e.get("kind").asText()));
    assertThat(kinds).containsExactly("state", "state", "diagnosis");
    assertThat(body.get("timeline").get(1).get("attributes").get("state").asText()).isEqualTo("INVESTIGATING");
  }

  @Test
  void unknownIncident_is404() throws Exception {
    assertThat(getJson("/incidents/INC-404", VIEWER, 404).get("error").asText()).contains("INC-404");
    assertThat(getJson("/incidents/INC-404/timeline", VIEWER, 404).get("error").asText()).contains("INC-404");
  }

  @Test
  void approvals_listsPendingByDefaultAndFiltersByState() throws Exception {
    assertThat(ids(getJson("/approvals", VIEWER, 200).get("approvals"))).containsExactly("APR-1", "APR-2");
    assertThat(ids(getJson("/approvals?state=PENDING", VIEWER, 200).get("approvals"))).containsExactly("APR-1", "APR-2");
    assertThat(getJson("/approvals?state=APPROVED", VIEWER, 200).get("approvals")).isEmpty();
    post("/approvals/APR-1/approve", RESPONDER, "{\"by\": \"alice\"}", 200);
    assertThat(ids(getJson("/approvals?state=APPROVED", VIEWER, 200).get("approvals"))).containsExactly("APR-1");
    assertThat(ids(getJson("/approvals", VIEWER, 200).get("approvals"))).containsExactly("APR-2");
  }

  @Test
  void approve_asResponder_decidesAndAudits() throws Exception {
    JsonNode body = post("/approvals/APR-1/approve", RESPONDER, "{\"by\": \"alice\", \"comment\": \"go\"}", 200);
    assertThat(body.get("state").asText()).isEqualTo("APPROVED");
    assertThat(body.get("decided_by").asText()).isEqualTo("alice");
    assertThat(body.get("decided_at").asText()).isEqualTo(NOW.toString());
    Approval stored = db.approvals().find("APR-1").orElseThrow();
    assertThat(stored.state()).isEqualTo(Approval.State.APPROVED);
    assertThat(stored.comment()).isEqualTo("go");
    List<AuditRecord> audit = db.audit().query("INC-1", "approval", null, 10);
    assertThat(audit).singleElement().satisfies(r -> {
      assertThat(r.actor()).isEqualTo("alice");
      assertThat(r.ts()).isEqualTo(NOW);
      assertThat(r.details()).containsEntry("approval_id", "APR-1").containsEntry("decision", "APPROVED")
          .containsEntry("comment", "go");
      assertThat(body.get("audit").get("seq").asLong()).isEqualTo(r.seq());
    });
  }

  @Test
  void reject_asResponder_recordsRejection() throws Exception {
    assertThat(post("/approvals/APR-2/reject", RESPONDER, "{\"by\": \"bob\"}", 200).get("state").asText()).isEqualTo("REJECTED");
    assertThat(db.audit().query("INC-1", "approval", null, 10)).singleElement()
        .satisfies(r -> assertThat(r.details()).containsEntry("decision", "REJECTED"));
  }

  @Test
  void secondDecision_is409_andNotAudited() throws Exception {
    post("/approvals/APR-1/approve", RESPONDER, "{\"by\": \"alice\"}", 200);
    JsonNode body = post("/approvals/APR-1/reject", RESPONDER, "{\"by\": \"bob\"}", 409);
    assertThat(body.get("error").asText()).contains("APR-1").contains("APPROVED").contains("alice");
    assertThat(db.approvals().find("APR-1").orElseThrow().decidedBy()).isEqualTo("alice");
    assertThat(db.audit().query("INC-1", "approval", null, 10)).hasSize(1);
  }

  @Test
  void viewer_isForbiddenToDecideOrGiveFeedback() throws Exception {
    assertThat(post("/approvals/APR-1/approve", VIEWER, "{\"by\": \"eve\"}", 403).get("error").asText()).contains("VIEWER");
    post("/incidents/INC-1/feedback", VIEWER, "{\"diagnosis_correct\": true}", 403);
    assertThat(db.approvals().find("APR-1").orElseThrow().state()).isEqualTo(Approval.State.PENDING);
    assertThat(db.audit().query(null, null, null, 10)).isEmpty();
  }

  @Test
  void session_answersTheCallersRole() throws Exception {
    assertThat(getJson("/session", VIEWER, 200)).isEqualTo(JSON.readTree("{\"role\": \"VIEWER\", \"authentication\": true}"));
    assertThat(getJson("/session", RESPONDER, 200))
        .isEqualTo(JSON.readTree("{\"role\": \"RESPONDER\", \"authentication\": true}"));
    assertThat(getJson("/session", null, 401).get("error").asText()).contains("bearer");
    assertThat(getJson("/session", "nope", 401).get("error").asText()).contains("unknown");
  }

  @Test
  void session_withoutTokens_isAResponderWithAuthenticationOff() throws Exception {
    IncidentApi open = IncidentApi.create(db.incidents(), db.approvals(), db.audit(), InstantSource.fixed(NOW), ApiTokens.none());
    Javalin local = Javalin.create(c -> {
      c.startup.showJavalinBanner = false;
      open.register(c);
    }).start("127.0.0.1", 0);
    try {
      String url = "http://127.0.0.1:" + local.port() + "/api/v1/session";
      assertThat(send(HttpRequest.newBuilder(URI.create(url)).GET().build(), 200))
          .isEqualTo(JSON.readTree("{\"role\": \"RESPONDER\", \"authentication\": false}"));
    } finally {
      local.stop();
    }
  }

  @Test
  void missingOrUnknownToken_is401() throws Exception {
    assertThat(getJson("/incidents", null, 401).get("error").asText()).contains("bearer");
    getJson("/incidents", "nope", 401);
    post("/approvals/APR-1/approve", null, "{\"by\": \"eve\"}", 401);
    assertThat(db.approvals().find("APR-1").orElseThrow().state()).isEqualTo(Approval.State.PENDING);
  }

  @Test
  void badQueryParameters_are400NamingTheValue() throws Exception {
    assertThat(getJson("/incidents?state=BOGUS", VIEWER, 400).get("error").asText()).contains("'BOGUS'");
    assertThat(getJson("/incidents?limit=0", VIEWER, 400).get("error").asText()).contains("'0'").contains("1..1000");
    assertThat(getJson("/incidents?limit=1001", VIEWER, 400).get("error").asText()).contains("'1001'");
    assertThat(getJson("/incidents?limit=ten", VIEWER, 400).get("error").asText()).contains("'ten'");
    assertThat(getJson("/approvals?state=MAYBE", VIEWER, 400).get("error").asText()).contains("'MAYBE'");
    assertThat(getJson("/incidents/bad%20id", VIEWER, 400).get("error").asText()).contains("'bad id'");
  }

  @Test
  void badBodies_are400NamingTheValue() throws Exception {
    assertThat(post("/approvals/APR-1/approve", RESPONDER, "{\"by\": ", 400).get("error").asText()).contains("malformed JSON");
    assertThat(post("/approvals/APR-1/approve", RESPONDER, "{\"comment\": \"x\"}", 400).get("error").asText())
        .contains("'by'").contains("missing");
    assertThat(post("/approvals/APR-1/approve", RESPONDER, "{\"by\": 42}", 400).get("error").asText()).contains("42");
    assertThat(post("/approvals/APR-1/approve", RESPONDER, "{\"by\": \"a\", \"extra\": 1}", 400).get("error").asText())
        .contains("extra");
    assertThat(post("/incidents/INC-1/feedback", RESPONDER, "{\"diagnosis_correct\": \"yes\"}", 400).get("error").asText())
        .contains("\"yes\"");
    assertThat(db.approvals().find("APR-1").orElseThrow().state()).isEqualTo(Approval.State.PENDING);
  }

  @Test
  void unknownApproval_is404() throws Exception {
    assertThat(post("/approvals/APR-9/approve", RESPONDER, "{\"by\": \"alice\"}", 404).get("error").asText()).contains("APR-9");
  }

  @Test
  void feedback_isAuditedAndAddedToTimeline() throws Exception {
    String body = "{\"diagnosis_correct\": true, \"action_correct\": false, \"comment\": \"restart was not needed\"}";
    JsonNode reply = post("/incidents/INC-1/feedback", RESPONDER, body, 200);
    AuditRecord record = db.audit().query("INC-1", "feedback", null, 10).getFirst();
    assertThat(record.details()).containsEntry("diagnosis_correct", "true").containsEntry("action_correct", "false")
        .containsEntry("comment", "restart was not needed");
    assertThat(reply.get("audit").get("seq").asLong()).isEqualTo(record.seq());
    Incident saved = db.incidents().find(new IncidentId("INC-1")).orElseThrow();
    assertThat(saved.timeline().getLast()).satisfies(e -> {
      assertThat(e.kind()).isEqualTo("feedback");
      assertThat(e.ts()).isEqualTo(NOW);
      assertThat(e.text()).contains("diagnosis correct").contains("action incorrect").contains("restart was not needed");
    });
    assertThat(saved.hypotheses()).hasSize(1);
    assertThat(saved.diagnosis()).isNotNull();
  }

  @Test
  void feedback_onUnknownIncident_is404() throws Exception {
    post("/incidents/INC-404/feedback", RESPONDER, "{\"diagnosis_correct\": true}", 404);
    assertThat(db.audit().query(null, "feedback", null, 10)).isEmpty();
  }

  @Test
  void openApi_parsesAndListsEveryPath() throws Exception {
    JsonNode doc = getJson("/openapi.json", null, 200);
    assertThat(doc.get("openapi").asText()).startsWith("3.0");
    List<String> paths = new ArrayList<>();
    doc.get("paths").fieldNames().forEachRemaining(paths::add);
    assertThat(paths).containsExactlyInAnyOrder("/api/v1/incidents", "/api/v1/incidents/{id}",
        "/api/v1/incidents/{id}/timeline", "/api/v1/incidents/{id}/feedback", "/api/v1/approvals",
        "/api/v1/approvals/{id}/approve", "/api/v1/approvals/{id}/reject", "/api/v1/openapi.json", "/api/v1/session",
        "/api/v1/incidents/{id}/charts", "/api/v1/incidents/{id}/postmortem", "/api/v1/events", "/api/v1/incidents/{id}/hypotheses",
        "/api/v1/metrics/summary", "/api/v1/metrics/timeseries", "/api/v1/alerts/alertmanager",
        "/v1/metrics", "/v1/logs", "/v1/traces", "/health");
  }

  @Test
  void emptyTokens_turnAuthOff() throws Exception {
    IncidentApi open = IncidentApi.create(db.incidents(), db.approvals(), db.audit(), InstantSource.fixed(NOW), ApiTokens.none());
    Javalin local = Javalin.create(c -> {
      c.startup.showJavalinBanner = false;
      open.register(c);
    }).start("127.0.0.1", 0);
    try {
      String url = "http://127.0.0.1:" + local.port() + "/api/v1/approvals/APR-1/approve";
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
          .POST(HttpRequest.BodyPublishers.ofString("{\"by\": \"local\"}")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(db.approvals().find("APR-1").orElseThrow().decidedBy()).isEqualTo("local");
    } finally {
      local.stop();
    }
  }

  @Test
  void tokens_rejectBlankTokenAndHideTokensInToString() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ApiTokens(Map.of(" ", Role.VIEWER))).withMessageContaining("' '");
    assertThat(new ApiTokens(Map.of("secret-token", Role.VIEWER)).toString()).doesNotContain("secret");
  }

  @Test
  void tokenCookie_authorizesReadsOnly_soACrossSiteFormCannotApprove() throws Exception {
    HttpRequest read = HttpRequest.newBuilder(URI.create(base + "/incidents/INC-1"))
        .header("Cookie", ApiGuard.TOKEN_COOKIE + "=" + RESPONDER).GET().build();
    assertThat(send(read, 200).get("id").asText()).isEqualTo("INC-1");
    HttpRequest approve = HttpRequest.newBuilder(URI.create(base + "/approvals/APR-1/approve"))
        .header("Cookie", ApiGuard.TOKEN_COOKIE + "=" + RESPONDER).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"by\": \"mallory\"}")).build();
    assertThat(send(approve, 401).get("error").asText()).contains("missing bearer token");
    assertThat(db.approvals().find("APR-1").orElseThrow().state()).isEqualTo(Approval.State.PENDING);
    HttpRequest unknown = HttpRequest.newBuilder(URI.create(base + "/incidents/INC-1"))
        .header("Cookie", ApiGuard.TOKEN_COOKIE + "=not-a-token").GET().build();
    send(unknown, 401);
  }

  private JsonNode getJson(String path, String token, int expectedStatus) throws IOException, InterruptedException {
    return send(request(path, token).GET().build(), expectedStatus);
  }

  private JsonNode post(String path, String token, String body, int expectedStatus) throws IOException, InterruptedException {
    return send(request(path, token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), expectedStatus);
  }

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    return token == null ? b : b.header("Authorization", "Bearer " + token);
  }

  private JsonNode send(HttpRequest request, int expectedStatus) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s %s -> %s", request.method(), request.uri(), response.body()).isEqualTo(expectedStatus);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    return JSON.readTree(response.body());
  }

  private static List<String> ids(JsonNode array) {
    List<String> ids = new ArrayList<>();
    array.forEach(n -> ids.add(n.get("id").asText()));
    return ids;
  }
}
