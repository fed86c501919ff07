package dev.responder.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RespondCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void respond_supervisedWithApproveAll_mitigatesBadDeployByRollback() throws Exception {
    CliRunner r = CliRunner.run("respond", "--problem", "bad_deploy-checkout-mitigation", "--autonomy", "supervised",
        "--approve-all", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.get("mitigated").asBoolean()).as(r.out()).isTrue();
    assertThat(doc.get("unsafe_actions").asInt()).isZero();
    assertThat(doc.get("actions").get(0).get("kind").asText()).isEqualTo("rollback");
    assertThat(doc.get("time_to_mitigate_s").asLong()).isGreaterThanOrEqualTo(300);
  }

  @Test
  void respond_recommend_executesNothingAndRecommendsThePlan() throws Exception {
    CliRunner r = CliRunner.run("respond", "--problem", "bad_deploy-checkout-mitigation", "--autonomy", "recommend", "--json");
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.get("outcome").asText()).isEqualTo("RECOMMENDED");
    assertThat(doc.get("actions")).isEmpty();
    assertThat(doc.get("recommended").get(0).get("kind").asText()).isEqualTo("rollback");
    assertThat(doc.get("mitigated").asBoolean()).isFalse();
  }

  @Test
  void approvals_listsAndDecidesAPendingApprovalInTheStateFile(@TempDir Path dir) throws Exception {
    Path state = dir.resolve("state.duckdb");
    try (var db = dev.responder.store.Stores.openDuckDb(state)) {
      var action = dev.responder.sim.SimActions.of(dev.responder.core.action.ActionKind.ROLLBACK,
          dev.responder.core.topology.ServiceId.of("payment"));
      db.approvals().save(dev.responder.core.action.Approval.request("inc-1-1",
          new dev.responder.core.incident.IncidentId("inc-1"), action, "needs approval in prod", java.time.Instant.parse("2026-11-01T12:00:00Z")));
    }
    CliRunner list = CliRunner.run("approvals", "list", "--state", state.toString());
    assertThat(list.out()).contains("inc-1-1").contains("rollback payment").contains("needs approval in prod");
    CliRunner reject = CliRunner.run("approvals", "reject", "inc-1-1", "--by", "alice", "--comment", "not during the sale",
        "--state", state.toString());
    assertThat(reject.exitCode()).as(reject.err()).isZero();
    try (var db = dev.responder.store.Stores.openDuckDb(state)) {
      var decided = db.approvals().find("inc-1-1").orElseThrow();
      assertThat(decided.state()).isEqualTo(dev.responder.core.action.Approval.State.REJECTED);
      assertThat(decided.decidedBy()).isEqualTo("alice");
      assertThat(decided.comment()).isEqualTo("not during the sale");
      assertThat(db.audit().query("inc-1", "approval", null, 10)).singleElement()
          .satisfies(a -> assertThat(a.summary()).contains("rejected inc-1-1: not during the sale"));
    }
    CliRunner again = CliRunner.run("approvals", "approve", "inc-1-1", "--by", "bob", "--state", state.toString());
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err()).contains("already REJECTED by alice");
    assertThat(Files.exists(state)).isTrue();
  }
}
