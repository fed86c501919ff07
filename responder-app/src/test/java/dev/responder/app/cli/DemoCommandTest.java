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
    assertThat(r.err()).contains("[demo] problem bad_deploy-checkout-mitigation", "[detector]", "[coordinator] diagnosis", "[remediator] MITIGATED");
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
  void demo_rejectsANonMitigationProblem_withTheIdInTheMessage(@TempDir Path dir) {
    String detection = dev.responder.sim.problem.ProblemRegistry.standard().all().stream()
        .filter(p -> p.task() != Task.MITIGATION).findFirst().orElseThrow().id();
    CliRunner r = CliRunner.run("demo", "--no-serve", "--problem", detection, "--out", dir.toString());
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("--problem must be a mitigation problem but was " + detection);
  }

  @Test
  void reportServer_servesTheIncidentAndItsPostmortem_andRejectsBadInput(@TempDir Path dir) throws Exception {
    CliRunner.run("demo", "--no-serve", "--approve-all", "--problem", "bad_deploy-checkout-mitigation", "--seed", "1", "--out", dir.toString());
    String id = Files.list(dir).map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".html")).findFirst().orElseThrow()
        .replace(".html", "");
    HttpClient http = HttpClient.newHttpClient();
    try (var db = dev.responder.store.Stores.openDuckDb(dir.resolve("state.duckdb"));
         var server = dev.responder.app.server.ReportServer.start("127.0.0.1", 0, db.incidents(), dir)) {
      String base = "http://127.0.0.1:" + server.port();
      assertThat(get(http, base + "/api/incidents").body()).contains("\"id\":\"" + id + "\"", "\"state\":\"MITIGATED\"");
      assertThat(get(http, base + "/api/incidents/" + id).body()).contains("\"timeline\"", "\"hypotheses\"", "\"query\"");
      assertThat(get(http, base + "/reports/" + id + ".html").body()).startsWith("<!DOCTYPE html>");
      var badState = get(http, base + "/api/incidents?state=sleepy");
      assertThat(badState.statusCode()).isEqualTo(400);
      assertThat(badState.body()).contains("unknown state 'sleepy'");
      assertThat(get(http, base + "/api/incidents/INC-nope").statusCode()).isEqualTo(404);
      assertThat(get(http, base + "/reports/x.txt").statusCode()).isEqualTo(400);
    }
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
