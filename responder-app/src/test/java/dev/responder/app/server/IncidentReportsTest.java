package dev.responder.app.server;

import static dev.responder.core.testkit.TestTelemetry.at;
import static dev.responder.core.testkit.TestTelemetry.metric;
import static dev.responder.core.testkit.TestTelemetry.span;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.responder.app.server.ApiTokens.Role;
import dev.responder.core.incident.Diagnosis;
import dev.responder.core.incident.FaultType;
import dev.responder.core.incident.Incident;
import dev.responder.core.incident.IncidentId;
import dev.responder.core.incident.IncidentState;
import dev.responder.core.port.TelemetryStore;
import dev.responder.core.telemetry.MetricPoint;
import dev.responder.core.telemetry.Severity;
import dev.responder.core.telemetry.TelemetryBatch;
import dev.responder.core.topology.ServiceId;
import dev.responder.store.DuckDbDatabase;
import dev.responder.store.Stores;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncidentReportsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VIEWER = "viewer-token-0123456789";
  private static final String WRITTEN_HTML = "<!DOCTYPE html><html><body>written by the run</body></html>";
  private static final String WRITTEN_MD = "# Postmortem INC-1\n\nwritten by the run\n";
  private static final String SECRET = "TOP SECRET outside the reports folder";
  private static final String SVG_NAMESPACE = "xmlns=\"http://www.w3.org/2000/svg\"";

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Javalin> apps = new ArrayList<>();
  private DuckDbDatabase db;
  private Path reports;

  @TempDir
  Path dir;

  @BeforeEach
  void seed() throws Exception {
    db = Stores.openDuckDb(null);
    Incident diagnosed = Incident.open(new IncidentId("INC-1"), "checkout errors", Severity.ERROR, at(600), "sig-1",
            Set.of(ServiceId.of("checkout"), ServiceId.of("payment")))
        .moveTo(IncidentState.INVESTIGATING, at(630), "agent started")
        .withDiagnosis(new Diagnosis(ServiceId.of("payment"), FaultType.CONNECTION_POOL_EXHAUSTION, 0.9, "pool exhausted",
            List.of()), at(720))
        .moveTo(IncidentState.DIAGNOSED, at(721), "root cause found");
    db.incidents().save(diagnosed);
    db.incidents().save(Incident.open(new IncidentId("INC-2"), "search slow", Severity.WARN, at(600), "sig-2",
        Set.of(ServiceId.of("search"))));
    List<MetricPoint> points = new ArrayList<>();
    for (long s = 0; s <= 1500; s += 10) {
      for (String service : List.of("checkout", "payment")) {
        boolean faulty = s >= 540;
        points.add(metric(s, service, "error_rate", faulty ? 0.25 : 0.01));
        points.add(metric(s, service, "latency_p95_ms", faulty ? 900 : 120));
      }
    }
    TelemetryStore telemetry = db.telemetry();
    telemetry.append(TelemetryBatch.ofMetrics(points));
    telemetry.append(TelemetryBatch.ofSpans(List.of(
        span("t1", "a1", null, "checkout", "POST /checkout", 600, 120, true),
        span("t1", "b1", "a1", "payment", "charge", 600, 100, true),
        span("t2", "a2", null, "checkout", "POST /checkout", 610, 110, false),
        span("t2", "b2", "a2", "payment", "charge", 610, 90, false))));
    reports = Files.createDirectories(dir.resolve("reports"));
    Files.writeString(dir.resolve("secret.html"), SECRET);
    Files.writeString(dir.resolve("secret.md"), SECRET);
  }

  @AfterEach
  void stop() {
    apps.forEach(Javalin::stop);
    db.close();
  }

  private String serve(TelemetryStore telemetry, Path reportsDir, ApiTokens tokens) {
    IncidentReports routes = new IncidentReports(db.incidents(), telemetry, reportsDir, new ApiGuard(tokens));
    Javalin app = Javalin.create(c -> {
      c.startup.showJavalinBanner = false;
      routes.register(c);
    }).start("127.0.0.1", 0);
    apps.add(app);
    return "http://127.0.0.1:" + app.port() + "/api/v1/incidents/";
  }

  private String serve(TelemetryStore telemetry, Path reportsDir) {
    return serve(telemetry, reportsDir, new ApiTokens(Map.of(VIEWER, Role.VIEWER)));
  }

  @Test
  void writtenPostmortem_isServedAsIs_asHtmlAndMarkdown() throws Exception {
    Files.writeString(reports.resolve("INC-1.html"), WRITTEN_HTML);
    Files.writeString(reports.resolve("INC-1.md"), WRITTEN_MD);
    String base = serve(db.telemetry(), reports);

    HttpResponse<String> html = get(base + "INC-1/postmortem", VIEWER);
    HttpResponse<String> explicitHtml = get(base + "INC-1/postmortem?format=html", VIEWER);
    HttpResponse<String> md = get(base + "INC-1/postmortem?format=md", VIEWER);

    assertThat(html.statusCode()).isEqualTo(200);
    assertThat(html.body()).isEqualTo(WRITTEN_HTML);
    assertThat(contentType(html)).startsWith("text/html");
    assertThat(explicitHtml.body()).isEqualTo(WRITTEN_HTML);
    assertThat(md.statusCode()).isEqualTo(200);
    assertThat(md.body()).isEqualTo(WRITTEN_MD);
    assertThat(contentType(md)).startsWith("text/markdown");
  }

  @Test
  void withoutAFile_butWithAStore_thePostmortemIsBuiltOnDemand() throws Exception {
    String base = serve(db.telemetry(), reports);

    HttpResponse<String> html = get(base + "INC-1/postmortem?format=html", VIEWER);
    HttpResponse<String> md = get(base + "INC-1/postmortem?format=md", VIEWER);

    assertThat(html.statusCode()).as(html.body()).isEqualTo(200);
    assertThat(contentType(html)).startsWith("text/html");
    assertThat(html.body()).startsWith("<!DOCTYPE html>").contains("INC-1", "payment", "<svg class=\"chart\"", "<svg class=\"graph\"")
        .doesNotContain("written by the run");
    assertThat(md.statusCode()).isEqualTo(200);
    assertThat(contentType(md)).startsWith("text/markdown");
    assertThat(md.body()).startsWith("# Postmortem INC-1").contains("## Root cause", "payment");
  }

  @Test
  void withoutAFile_andWithoutAStore_is404() throws Exception {
    String base = serve(null, reports);

    HttpResponse<String> r = get(base + "INC-1/postmortem", VIEWER);

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(contentType(r)).startsWith("application/json");
    assertThat(JSON.readTree(r.body()).get("error").asText()).contains("INC-1");
    assertThat(get(serve(null, null) + "INC-1/postmortem?format=md", VIEWER).statusCode()).isEqualTo(404);
  }

  @Test
  void unsupportedFormat_is400NamingIt() throws Exception {
    Files.writeString(reports.resolve("INC-1.html"), WRITTEN_HTML);
    String base = serve(db.telemetry(), reports);

    HttpResponse<String> r = get(base + "INC-1/postmortem?format=pdf", VIEWER);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(r.body()).get("error").asText()).contains("'pdf'");
  }

  @Test
  void unknownIncident_is404_evenWhenAFileWithItsIdExists() throws Exception {
    Files.writeString(reports.resolve("INC-9.html"), WRITTEN_HTML);
    String base = serve(db.telemetry(), reports);

    HttpResponse<String> postmortem = get(base + "INC-9/postmortem", VIEWER);
    HttpResponse<String> charts = get(base + "INC-9/charts", VIEWER);

    assertThat(postmortem.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(postmortem.body()).get("error").asText()).contains("INC-9");
    assertThat(charts.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(charts.body()).get("error").asText()).contains("INC-9");
  }

  @Test
  void charts_areErrorRateLatencyAndServices_asSelfContainedSvg() throws Exception {
    String base = serve(db.telemetry(), reports);

    HttpResponse<String> r = get(base + "INC-1/charts", VIEWER);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("incident_id").asText()).isEqualTo("INC-1");
    List<String> metrics = new ArrayList<>();
    body.get("charts").forEach(c -> metrics.add(c.get("metric").asText()));
    assertThat(metrics).containsExactly("error_rate", "latency_p95_ms", "services");
    body.get("charts").forEach(c -> {
      String svg = c.get("svg").asText();
      assertThat(svg).as(c.get("metric").asText()).contains("<svg");
      assertThat(svg.replace(SVG_NAMESPACE, "")).as(c.get("metric").asText()).doesNotContain("http://", "https://");
      assertThat(c.get("service").asText()).isEqualTo("payment");
    });
    assertThat(body.get("charts").get(0).get("svg").asText())
        .contains("data-service=\"payment\"", "data-service=\"checkout\"");
    assertThat(body.get("charts").get(2).get("svg").asText()).contains("root-cause");
  }

  @Test
  void charts_withoutAStore_areEmpty() throws Exception {
    HttpResponse<String> r = get(serve(null, reports) + "INC-1/charts", VIEWER);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).get("charts")).isEmpty();
  }

  @Test
  void pathTraversalInTheId_isRefused_andNeverServesAFileOutsideTheFolder() throws Exception {
    String base = serve(null, reports);
    List<String> ids = List.of("..%2Fsecret", "..%2F..%2Fetc%2Fpasswd", "%2E%2E%2Fsecret", "..%5Csecret", "..", "%2E%2E",
        "reports%2F..%2F..%2Fsecret", "..%252Fsecret");

    for (String id : ids) {
      for (String format : List.of("html", "md")) {
        HttpResponse<String> r = get(base + id + "/postmortem?format=" + format, VIEWER);
        assertThat(r.statusCode()).as("%s as %s -> %s", id, format, r.body()).isIn(400, 404);
        assertThat(r.body()).as(id).doesNotContain(SECRET).doesNotContain("root:");
      }
    }
  }

  @Test
  void viewerTokenIsAllowed_missingOrUnknownTokenIs401() throws Exception {
    Files.writeString(reports.resolve("INC-1.html"), WRITTEN_HTML);
    String base = serve(db.telemetry(), reports);

    assertThat(get(base + "INC-1/postmortem", VIEWER).statusCode()).isEqualTo(200);
    assertThat(get(base + "INC-1/charts", VIEWER).statusCode()).isEqualTo(200);
    HttpResponse<String> noToken = get(base + "INC-1/postmortem", null);
    assertThat(noToken.statusCode()).isEqualTo(401);
    assertThat(noToken.body()).doesNotContain("written by the run");
    assertThat(JSON.readTree(noToken.body()).get("error").asText()).contains("bearer");
    assertThat(get(base + "INC-1/charts", null).statusCode()).isEqualTo(401);
    assertThat(get(base + "INC-1/postmortem", "unknown-token-0123456789").statusCode()).isEqualTo(401);
    assertThat(get(base + "INC-1/charts", "unknown-token-0123456789").statusCode()).isEqualTo(401);
  }

  private HttpResponse<String> get(String url, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String contentType(HttpResponse<String> r) {
    return r.headers().firstValue("Content-Type").orElse("");
  }
}
