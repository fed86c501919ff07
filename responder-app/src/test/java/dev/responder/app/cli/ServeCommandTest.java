package dev.responder.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.responder.app.investigate.SimulatedIncident;
import dev.responder.core.query.TimeWindow;
import dev.responder.sim.problem.ProblemRegistry;
import dev.responder.store.DuckDbDatabase;
import dev.responder.store.Stores;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code responder serve} as an on-call team runs it: tokens and a Slack-style webhook from responder.yaml, an
 * Alertmanager alert opens an incident, Responder investigates it over the telemetry in the store, the webhook hears
 * of it, and the incident can be read through the API and the web UI of the same process.
 */
class ServeCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VIEWER = "viewer-token-0123456789";
  private static final String RESPONDER = "responder-token-0123456789";

  @Test
  void alertFromAlertmanager_opensAnIncident_thatIsInvestigatedAndAnnounced(@TempDir Path dir) throws Exception {
    Path store = dir.resolve("serve.duckdb");
    TimeWindow window;
    try (DuckDbDatabase db = Stores.openDuckDb(store)) {
      window = SimulatedIncident.playInto(ProblemRegistry.standard().get("bad_deploy-checkout-mitigation"), 1, 0.05, db.telemetry());
    }
    List<String> hooks = new CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", ex -> {
      hooks.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    receiver.start();
    Path config = Files.writeString(dir.resolve("responder.yaml"), String.join("\n",
        "store: " + store,
        "server: {port: 0}",
        "api:",
        "  tokens:",
        "    - {token: " + VIEWER + ", role: viewer}",
        "    - {token: " + RESPONDER + ", role: responder}",
        "webhooks:",
        "  - url: http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
        "    format: slack",
        "    events: [incident.opened, incident.state_changed]",
        ""));
    BackgroundCommand serve = BackgroundCommand.start("serve", "--config", config.toString());
    try {
      String base = Await.until(() -> {
        Matcher m = Pattern.compile("serving on (http://127\\.0\\.0\\.1:\\d+)").matcher(serve.out());
        return m.find() ? m.group(1) : null;
      });
      assertThat(serve.out()).contains("API tokens required", "1 webhook(s)");
      HttpClient http = HttpClient.newHttpClient();
      String alert = new String(getClass().getResourceAsStream("/alertmanager/firing.json").readAllBytes(), StandardCharsets.UTF_8)
          .replaceAll("\"startsAt\": \"[^\"]+\"", "\"startsAt\": \"" + window.to().minusSeconds(600) + "\"");
      assertThat(post(http, base + "/api/v1/alerts/alertmanager", VIEWER, alert).statusCode()).isEqualTo(403);
      HttpResponse<String> accepted = post(http, base + "/api/v1/alerts/alertmanager", RESPONDER, alert);
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
      String id = JSON.readTree(accepted.body()).findValue("incident_id").asText();

      JsonNode diagnosed = Await.until(() -> {
        JsonNode incident = JSON.readTree(get(http, base + "/api/v1/incidents/" + id, VIEWER).body());
        return incident.path("state").asText().equals("DIAGNOSED") ? incident : null;
      });
      assertThat(diagnosed.path("hypotheses").size()).isGreaterThan(1);
      assertThat(diagnosed.path("diagnosis").path("root_cause_service").asText()).isEqualTo("checkout");
      assertThat(Await.until(() -> hooks.size() >= 2 ? hooks : null)).first().satisfies(h ->
          assertThat(JSON.readTree(h).path("text").asText()).contains(id));
      assertThat(get(http, base + "/api/v1/incidents/" + id, null).statusCode()).isEqualTo(401);
      assertThat(get(http, base + "/", null).body()).contains("<html");
      assertThat(get(http, base + "/metrics", null).body()).contains("responder_webhooks_delivered");
    } finally {
      serve.close();
      receiver.stop(0);
    }
    assertThat(serve.exitCode()).as(serve.err()).isZero();
  }

  private static HttpResponse<String> get(HttpClient http, String url, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(HttpClient http, String url, String token, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
