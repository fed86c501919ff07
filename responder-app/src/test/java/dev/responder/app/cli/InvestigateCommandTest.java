package dev.responder.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.responder.app.investigate.SimulatedIncident;
import dev.responder.core.port.TelemetryStore;
import dev.responder.core.query.TimeWindow;
import dev.responder.sim.problem.ProblemRegistry;
import dev.responder.store.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvestigateCommandTest {
  @Test
  void investigateProblem_printsTheDiagnosisAsJson_streamsProgress_andWritesATranscript(@TempDir Path dir) throws Exception {
    Path transcript = dir.resolve("t.json");
    CliRunner r = CliRunner.run("investigate", "--problem", "disk_full-catalog-rca", "--seed", "2", "--log-volume", "0.02",
        "--json", "--transcript", transcript.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.path("diagnosis").path("root_cause_service").asText()).isEqualTo("catalog");
    assertThat(doc.path("diagnosis").path("fault_type").asText()).isEqualTo("disk_full");
    assertThat(doc.path("hypotheses").size()).isGreaterThanOrEqualTo(2);
    assertThat(doc.path("cost").path("tool_calls").asInt()).isPositive();
    assertThat(r.err()).contains("[coordinator] triage").contains("[data] ");
    assertThat(Files.readString(transcript)).contains("\"timeline\"");
  }

  @Test
  void investigateStore_diagnosesAProblemSimulatedIntoADuckDbFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("telemetry.duckdb");
    TimeWindow window;
    try (TelemetryStore store = Stores.telemetry(file.toString())) {
      window = SimulatedIncident.playInto(ProblemRegistry.standard().get("memory_leak-cart-rca"), 1, 0.02, store);
    }
    CliRunner r = CliRunner.run("investigate", "--store", file.toString(), "--from", window.from().toString(),
        "--to", window.to().toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.path("diagnosis").path("root_cause_service").asText()).isEqualTo("cart");
    assertThat(doc.path("diagnosis").path("fault_type").asText()).isEqualTo("memory_leak");
  }

  @Test
  void investigateStore_fromWhereTheDataStarts_comparesAgainstTheWindowsFirstThird(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("telemetry.duckdb");
    TimeWindow window;
    try (TelemetryStore store = Stores.telemetry(file.toString())) {
      window = SimulatedIncident.playInto(ProblemRegistry.standard().get("memory_leak-cart-rca"), 1, 0.02, store);
    }
    String dataStart = window.from().minus(Duration.ofMinutes(21)).toString();
    CliRunner r = CliRunner.run("investigate", "--store", file.toString(), "--from", dataStart,
        "--to", window.to().toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("note: nothing was recorded before " + dataStart);
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.path("diagnosis").path("root_cause_service").asText()).isEqualTo("cart");
  }

  @Test
  void investigate_withAnLlmReasonerButNoProviderConfigured_namesTheMissingVariable() {
    CliRunner r = CliRunner.run("investigate", "--problem", "disk_full-catalog-rca", "--reasoner", "llm:nope/model");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("nope");
  }

  @Test
  void investigate_rejectsAnUnknownReasoner_andMissingInputs() {
    CliRunner none = CliRunner.run("investigate");
    assertThat(none.exitCode()).isNotZero();
    assertThat(none.err()).contains("give exactly one of --problem");
    CliRunner bad = CliRunner.run("investigate", "--problem", "disk_full-catalog-rca", "--reasoner", "magic");
    assertThat(bad.err()).contains("unknown reasoner 'magic'");
  }
}
