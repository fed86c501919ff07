package dev.responder.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.responder.core.incident.IncidentState;
import dev.responder.sim.problem.Task;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

  @Test
  void demo_noServeApproveAll_mitigatesBadDeploy_andWritesThePostmortemAndState(@TempDir Path dir) throws Exception {
    CliRunner r = CliRunner.run("demo", "--no-serve", "--approve-all", "--problem", "bad_deploy-checkout-mitigation", "--seed", "1",
        "--out", dir.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("problem bad_deploy-checkout-mitigation", "[detector]", "[coordinator] diagnosis", "[remediator] MITIGATED");
    assertThat(r.out()).contains("outcome:     MITIGATED", "oracle:      mitigated=true", "postmortem:").doesNotContain("serving:");
    try (var files = Files.list(dir)) {
      Set<String> names = files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
      assertThat(names).contains("state.duckdb").anySatisfy(n -> assertThat(n).endsWith(".md"))
          .anySatisfy(n -> assertThat(n).endsWith(".html"));
    }
    Path html = Files.list(dir).filter(p -> p.toString().endsWith(".html")).findFirst().orElseThrow();
    assertThat(Files.readString(html)).contains("Root cause", "bad deploy at checkout", "marker marker-mitigation", "rollback checkout", "in the last 5 minutes observed")
        .doesNotContain("http://", "https://");
    try (var db = dev.responder.store.Stores.openDuckDb(dir.resolve("state.duckdb"))) {
      assertThat(db.incidents().list(Set.of(), 10)).singleElement().satisfies(i -> assertThat(i.state()).isEqualTo(IncidentState.MITIGATED));
      assertThat(db.audit().query(null, null, null, 100)).isNotEmpty();
    }
  }

  @Test
  void choose_picksOnlyFaultyMitigationProblems_andVariesWithTheSeed() {
    var picked = LongStream.range(0, 40).mapToObj(s -> DemoCommand.choose(null, s)).toList();
    assertThat(picked).allSatisfy(p -> assertThat(p.task()).isEqualTo(Task.MITIGATION)).allSatisfy(p -> assertThat(p.faulty()).isTrue());
    assertThat(picked.stream().map(p -> p.id()).distinct().count()).isGreaterThan(3);
    assertThat(DemoCommand.choose(null, 7)).isEqualTo(DemoCommand.choose(null, 7));
  }

  @Test
  void demo_rejectsAnUnknownReasoner_beforeStartingAnything(@TempDir Path dir) {
    CliRunner r = CliRunner.run("demo", "--no-serve", "--reasoner", "oracle", "--out", dir.resolve("out").toString());
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("unknown reasoner 'oracle'").doesNotContain("Exception");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void demo_rejectsANonMitigationProblem_withTheIdInTheMessage(@TempDir Path dir) {
    String detection = dev.responder.sim.problem.ProblemRegistry.standard().all().stream()
        .filter(p -> p.task() != Task.MITIGATION).findFirst().orElseThrow().id();
    CliRunner r = CliRunner.run("demo", "--no-serve", "--problem", detection, "--out", dir.toString());
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("--problem must be a mitigation problem but was " + detection);
  }

  @Test
  void demo_served_waitsForAnApprovalInTheApi_thenMitigates_andServesTheIncident(@TempDir Path dir) throws Exception {
    BackgroundCommand demo = BackgroundCommand.start("demo", "--problem", "bad_deploy-checkout-mitigation", "--seed", "1",
        "--out", dir.toString(), "--port", "0");
    try {
      String base = Await.until(() -> {
        Matcher m = Pattern.compile("web UI: +(http://127\\.0\\.0\\.1:\\d+)/").matcher(demo.out());
        return m.find() ? m.group(1) : null;
      });
      HttpClient http = HttpClient.newHttpClient();
      String approval = Await.until(() -> {
        Matcher m = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(get(http, base + "/api/v1/approvals").body());
        return m.find() ? m.group(1) : null;
      });
      HttpResponse<String> approved = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/approvals/" + approval + "/approve"))
          .POST(HttpRequest.BodyPublishers.ofString("{\"by\":\"alice\"}")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
      String id = Await.until(() -> {
        String body = get(http, base + "/api/v1/incidents?state=MITIGATED").body();
        Matcher m = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(body);
        return m.find() ? m.group(1) : null;
      });
      Await.until(() -> demo.out().contains("serving:") ? "" : null);
      assertThat(demo.out()).contains("approve in the web UI at " + base + "/#/incidents/", "outcome:     MITIGATED", "APPROVED by alice");
      assertThat(get(http, base + "/api/v1/incidents/" + id + "/postmortem").body()).startsWith("<!DOCTYPE html>").contains("rollback checkout");
      assertThat(get(http, base + "/api/v1/incidents/" + id + "/charts").body()).contains("\"metric\":\"error_rate\"", "<svg");
      assertThat(get(http, base + "/api/v1/incidents/" + id + "/timeline").body()).contains("\"kind\":\"impact\"", "approval");
      assertThat(get(http, base + "/api/v1/metrics/summary").body()).contains("\"mitigated\":1");
      assertThat(get(http, base + "/").body()).contains("<html");
      assertThat(get(http, base + "/api/v1/incidents/INC-nope").statusCode()).isEqualTo(404);
      assertThat(get(http, base + "/api/v1/incidents/" + id + "/postmortem?format=pdf").statusCode()).isEqualTo(400);
    } finally {
      demo.close();
    }
    assertThat(demo.exitCode()).as(demo.err()).isZero();
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
