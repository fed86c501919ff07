package dev.responder.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.responder.app.metrics.ManualBaseline;
import dev.responder.app.server.ApiTokens.Role;
import dev.responder.core.action.Action;
import dev.responder.core.action.ActionKind;
import dev.responder.core.action.Approval;
import dev.responder.core.action.Reversibility;
import dev.responder.core.action.Risk;
import dev.responder.core.incident.Incident;
import dev.responder.core.incident.IncidentId;
import dev.responder.core.incident.IncidentState;
import dev.responder.core.incident.TimelineEntry;
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
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The metrics routes over real HTTP against an in-memory DuckDB; the figures themselves are SuccessMetricsTest's. */
class MetricsApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  private static final String VIEWER = "view-token";

  private final HttpClient http = HttpClient.newHttpClient();
  private DuckDbDatabase db;
  private Javalin app;
  private String base;

  @BeforeEach
  void start() {
    db = Stores.openDuckDb(null);
    seed();
    MetricsApi api = MetricsApi.create(db.incidents(), db.approvals(), InstantSource.fixed(NOW),
        new ApiGuard(new ApiTokens(Map.of(VIEWER, Role.VIEWER, "resp-token", Role.RESPONDER))),
        new ManualBaseline(Duration.ofMinutes(90)));
    app = Javalin.create(c -> {
      c.startup.showJavalinBanner = false;
      api.register(c);
    }).start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + app.port() + "/api/v1/metrics";
  }

  @AfterEach
  void stop() {
    app.stop();
    db.close();
  }

  /**
   * INC-1 two days ago, impact 10 minutes before opening, mitigated 20 minutes after (MTTR 30m), one cost entry,
   * one approved and one expired approval; INC-2 yesterday, escalated, from Alertmanager; INC-OLD 40 days ago.
   */
  private void seed() {
    Instant t1 = NOW.minus(Duration.ofDays(2));
    Incident mitigated = Incident.open(new IncidentId("INC-1"), "checkout errors", Severity.ERROR, t1, "sig-1",
            Set.of(ServiceId.of("checkout")))
        .record(new TimelineEntry(t1, "impact", "impact", Map.of("started_at", t1.minusSeconds(600).toString())))
        .moveTo(IncidentState.INVESTIGATING, t1.plusSeconds(60), "")
        .record(new TimelineEntry(t1.plusSeconds(300), "cost", "investigation", Map.of("usd", "0.25",
            "input_tokens", "1000", "output_tokens", "500", "tool_calls", "12")))
        .moveTo(IncidentState.DIAGNOSED, t1.plusSeconds(400), "")
        .moveTo(IncidentState.MITIGATING, t1.plusSeconds(600), "")
        .moveTo(IncidentState.MITIGATED, t1.plusSeconds(1200), "");
    Instant t2 = NOW.minus(Duration.ofDays(1));
    Incident escalated = Incident.open(new IncidentId("INC-2"), "search slow", Severity.WARN, t2, "alertmanager:SearchSlow",
        Set.of(ServiceId.of("search"))).moveTo(IncidentState.ESCALATED, t2.plusSeconds(60), "");
    Incident old = Incident.open(new IncidentId("INC-OLD"), "old", Severity.WARN, NOW.minus(Duration.ofDays(40)), "sig-0",
        Set.of(ServiceId.of("search"))).moveTo(IncidentState.RESOLVED, NOW.minus(Duration.ofDays(39)), "");
    List.of(mitigated, escalated, old).forEach(db.incidents()::save);
    Action restart = new Action(ActionKind.RESTART, ServiceId.of("checkout"), Map.of(), Risk.LOW, Reversibility.REVERSIBLE, "");
    db.approvals().save(Approval.request("APR-1", mitigated.id(), restart, "restart", t1.plusSeconds(500))
        .decide(Approval.State.APPROVED, "alice", t1.plusSeconds(550), ""));
    db.approvals().save(Approval.request("APR-2", mitigated.id(), restart, "again", t1.plusSeconds(560))
        .decide(Approval.State.EXPIRED, "system", t1.plusSeconds(900), ""));
    db.approvals().save(Approval.request("APR-3", old.id(), restart, "old", old.openedAt())
        .decide(Approval.State.REJECTED, "bob", old.openedAt().plusSeconds(60), ""));
  }

  @Test
  void summary_forAViewer_coversTheLast30Days() throws Exception {
    JsonNode s = get("/summary", VIEWER, 200);
    assertThat(s.get("to").asText()).isEqualTo(NOW.toString());
    assertThat(s.get("from").asText()).isEqualTo(NOW.minus(Duration.ofDays(30)).toString());
    assertThat(s.get("incidents").asInt()).as("INC-OLD is 40 days old").isEqualTo(2);
    assertThat(s.get("by_state").get("MITIGATED").asInt()).isEqualTo(1);
    assertThat(s.get("by_state").get("ESCALATED").asInt()).isEqualTo(1);
    assertThat(s.get("mitigated").asInt()).isEqualTo(1);
    assertThat(s.get("escalated").asInt()).isEqualTo(1);
    assertThat(s.get("open").asInt()).isEqualTo(2);
    assertThat(s.get("mttr_seconds").get("mean").asDouble()).isEqualTo(1800.0);
    assertThat(s.get("ttd_seconds").get("median").asDouble()).isEqualTo(600.0);
    assertThat(s.get("ttdiag_seconds").get("mean").isNull()).isTrue();
    assertThat(s.get("approvals").get("approved").asInt()).isEqualTo(1);
    assertThat(s.get("approvals").get("expired").asInt()).isEqualTo(1);
    assertThat(s.get("approvals").get("rejected").asInt()).as("APR-3 belongs to INC-OLD").isZero();
    assertThat(s.get("acceptance_rate").asDouble()).isEqualTo(1.0);
    assertThat(s.get("cost").get("investigated").asInt()).isEqualTo(1);
    assertThat(s.get("cost").get("usd_per_incident").asDouble()).isEqualTo(0.25);
    assertThat(s.get("cost").get("tokens_per_incident").asDouble()).isEqualTo(1500.0);
    assertThat(s.get("false_negatives").asInt()).isEqualTo(1);
    assertThat(s.get("false_positive_rate").asDouble()).isZero();
    assertThat(s.get("diagnosis_accuracy").get("rate").isNull()).isTrue();
    assertThat(s.get("time_saved_seconds").asDouble()).as("90m baseline - 30m").isEqualTo(3600.0);
    assertThat(s.get("manual_baseline").get("time_to_mitigate_seconds").asDouble()).isEqualTo(5400.0);
  }

  @Test
  void summary_takesAnExplicitRange() throws Exception {
    JsonNode s = get("/summary?from=2026-01-01T00:00:00Z&to=2026-03-09T00:00:00Z", VIEWER, 200);
    assertThat(s.get("incidents").asInt()).as("INC-OLD and INC-1").isEqualTo(2);
    assertThat(s.get("approvals").get("rejected").asInt()).isEqualTo(1);
    assertThat(s.get("from").asText()).isEqualTo("2026-01-01T00:00:00Z");
  }

  @Test
  void timeseries_hasOnePointPerDay_byDefault() throws Exception {
    JsonNode ts = get("/timeseries?from=2026-03-07T00:00:00Z", VIEWER, 200);
    assertThat(ts.get("bucket").asText()).isEqualTo("day");
    assertThat(ts.get("to").asText()).isEqualTo(NOW.toString());
    List<String> starts = new ArrayList<>();
    ts.get("points").forEach(p -> starts.add(p.get("start").asText()));
    assertThat(starts).containsExactly("2026-03-07T00:00:00Z", "2026-03-08T00:00:00Z", "2026-03-09T00:00:00Z",
        "2026-03-10T00:00:00Z");
    JsonNode mar8 = ts.get("points").get(1);
    assertThat(mar8.get("incidents").asInt()).isEqualTo(1);
    assertThat(mar8.get("mttr_seconds").asDouble()).isEqualTo(1800.0);
    assertThat(mar8.get("ttd_seconds").asDouble()).isEqualTo(600.0);
    assertThat(mar8.get("acceptance_rate").asDouble()).isEqualTo(1.0);
    assertThat(mar8.get("cost_usd").asDouble()).isEqualTo(0.25);
    assertThat(mar8.get("time_saved_seconds").asDouble()).isEqualTo(3600.0);
    JsonNode mar7 = ts.get("points").get(0);
    assertThat(mar7.get("incidents").asInt()).isZero();
    assertThat(mar7.get("mttr_seconds").isNull()).isTrue();
    assertThat(mar7.get("acceptance_rate").isNull()).isTrue();
    assertThat(mar7.get("false_positives").asInt()).isZero();
  }

  @Test
  void timeseries_byHourAndWeek() throws Exception {
    assertThat(get("/timeseries?bucket=hour&from=2026-03-10T00:00:00Z", VIEWER, 200).get("points")).hasSize(12);
    JsonNode weeks = get("/timeseries?bucket=WEEK", VIEWER, 200);
    assertThat(weeks.get("bucket").asText()).isEqualTo("week");
    assertThat(weeks.get("points").get(0).get("start").asText()).isEqualTo("2026-02-02T00:00:00Z");
  }

  @Test
  void missingOrUnknownToken_is401() throws Exception {
    assertThat(get("/summary", null, 401).get("error").asText()).contains("bearer");
    get("/timeseries", "nope", 401);
  }

  @Test
  void badParameters_are400NamingTheValue() throws Exception {
    assertThat(get("/timeseries?bucket=fortnight", VIEWER, 400).get("error").asText()).contains("'fortnight'");
    assertThat(get("/summary?from=yesterday", VIEWER, 400).get("error").asText()).contains("from").contains("'yesterday'");
    assertThat(get("/timeseries?to=soon", VIEWER, 400).get("error").asText()).contains("to").contains("'soon'");
    assertThat(get("/summary?from=2026-03-10T12:00:00Z", VIEWER, 400).get("error").asText())
        .contains("from must be before to");
    assertThat(get("/timeseries?bucket=hour&from=2025-01-01T00:00:00Z", VIEWER, 400).get("error").asText())
        .contains("hour buckets").contains("1000");
  }

  private JsonNode get(String path, String token, int expectedStatus) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    HttpRequest request = (token == null ? b : b.header("Authorization", "Bearer " + token)).GET().build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s -> %s", request.uri(), response.body()).isEqualTo(expectedStatus);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    return JSON.readTree(response.body());
  }
}
