package dev.responder.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.responder.core.action.Action;
import dev.responder.core.action.ActionKind;
import dev.responder.core.action.Approval;
import dev.responder.core.action.AuditRecord;
import dev.responder.core.action.Reversibility;
import dev.responder.core.action.Risk;
import dev.responder.core.error.PermanentException;
import dev.responder.core.incident.Diagnosis;
import dev.responder.core.incident.Evidence;
import dev.responder.core.incident.FaultType;
import dev.responder.core.incident.Hypothesis;
import dev.responder.core.incident.Incident;
import dev.responder.core.incident.IncidentId;
import dev.responder.core.incident.IncidentState;
import dev.responder.core.incident.TimelineEntry;
import dev.responder.core.telemetry.Severity;
import dev.responder.core.topology.ServiceId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Incidents, approvals and the audit log in a DuckDB file: durable across close and reopen. */
class DuckDbRepositoriesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.123456789Z");

  @TempDir
  Path dir;

  private Path file() {
    return dir.resolve("responder.db");
  }

  private static Incident incident(String id, Instant at, String signature) {
    return Incident.open(new IncidentId(id), "checkout errors " + id, Severity.ERROR, at, signature,
        Set.of(ServiceId.of("checkout"), ServiceId.of("payments")));
  }

  /** An incident with every part filled: moves, notes, hypotheses with evidence for and against, a diagnosis. */
  private static Incident investigated(String id) {
    Evidence spike = new Evidence(T0.plusSeconds(30), "p95 latency of payments rose 8x", "query_metrics",
        "{\"service\":\"payments\",\"metric\":\"latency\"}", true, 0.8);
    Evidence healthyDb = new Evidence(T0.plusSeconds(40), "db connections normal", "query_metrics", "", false, 0.3);
    Hypothesis pool = new Hypothesis("h1", "payments connection pool exhausted", ServiceId.of("payments"),
        FaultType.CONNECTION_POOL_EXHAUSTION, Hypothesis.Status.OPEN, 0.4, List.of(spike), "check pool metrics",
        "performance");
    Hypothesis deploy = new Hypothesis("h2", "bad deploy of checkout", ServiceId.of("checkout"), FaultType.BAD_DEPLOY,
        Hypothesis.Status.REFUTED, 0.1, List.of(healthyDb), "", "change");
    Diagnosis diagnosis = new Diagnosis(ServiceId.of("payments"), FaultType.CONNECTION_POOL_EXHAUSTION, 0.85,
        "pool size cut from 20 to 5 by config change", List.of(spike, healthyDb));
    return incident(id, T0, "sig-" + id)
        .moveTo(IncidentState.TRIAGED, T0.plusSeconds(5), "routed")
        .moveTo(IncidentState.INVESTIGATING, T0.plusSeconds(6), null)
        .record(new TimelineEntry(T0.plusMillis(7_500), "tool_call", "query_metrics payments",
            Map.of("tokens", "1200", "cost_usd", "0.004")))
        .withHypothesis(pool)
        .withHypothesis(deploy)
        .withHypothesis(pool.withEvidence(healthyDb, 0.7))
        .withDiagnosis(diagnosis, T0.plusSeconds(60))
        .moveTo(IncidentState.DIAGNOSED, T0.plusSeconds(61), "diagnosed");
  }

  @Nested
  class Incidents {

    @Test
    void incident_survivesReopen_withTimelineHypothesesEvidenceAndDiagnosis() {
      Incident original = investigated("INC-1");
      try (DuckDbDatabase db = Stores.openDuckDb(file())) {
        db.incidents().save(original);
      }

      try (DuckDbDatabase db = Stores.openDuckDb(file())) {
        Incident loaded = db.incidents().find(new IncidentId("INC-1")).orElseThrow();

        assertThat(loaded).isEqualTo(original);
        assertThat(loaded.timeline()).hasSize(original.timeline().size());
        assertThat(loaded.hypotheses().getLast().evidence()).hasSize(2);
        assertThat(loaded.diagnosis().confidence()).isEqualTo(0.85);
        assertThat(loaded.openedAt()).isEqualTo(T0);
      }
    }

    @Test
    void save_replacesTheIncidentWithTheSameId() {
      try (DuckDbDatabase db = Stores.openDuckDb(null)) {
        Incident first = incident("INC-1", T0, "sig");
        db.incidents().save(first);
        Incident resolved = first.moveTo(IncidentState.RESOLVED, T0.plusSeconds(9), "false alarm");
        db.incidents().save(resolved);

        assertThat(db.incidents().find(new IncidentId("INC-1"))).contains(resolved);
        assertThat(db.incidents().list(Set.of(), 10)).hasSize(1);
      }
    }

    @Test
    void find_unknownId_isEmpty() {
      try (DuckDbDatabase db = Stores.openDuckDb(null)) {
        assertThat(db.incidents().find(new IncidentId("INC-404"))).isEmpty();
      }
    }

    @Test
    void list_filtersByState_newestFirst_withinLimit() {
      try (DuckDbDatabase db = Stores.openDuckDb(null)) {
        db.incidents().save(incident("INC-a", T0, "a"));
        db.incidents().save(incident("INC-b", T0.plusSeconds(10), "b").moveTo(IncidentState.RESOLVED, T0.plusSeconds(11), ""));
        db.incidents().save(incident("INC-c", T0.plusSeconds(20), "c").moveTo(IncidentState.INVESTIGATING, T0.plusSeconds(21), ""));
        db.incidents().save(incident("INC-d", T0.plusSeconds(30), "d"));

        assertThat(db.incidents().list(Set.of(), 10)).extracting(i -> i.id().value())
            .containsExactly("INC-d", "INC-c", "INC-b", "INC-a");
        assertThat(db.incidents().list(Set.of(IncidentState.DETECTED, IncidentState.INVESTIGATING), 10))
            .extracting(i -> i.id().value()).containsExactly("INC-d", "INC-c", "INC-a");
        assertThat(db.incidents().list(Set.of(IncidentState.RESOLVED), 10)).extracting(i -> i.id().value())
            .containsExactly("INC-b");
        assertThat(db.incidents().list(Set.of(), 2)).extracting(i -> i.id().value()).containsExactly("INC-d", "INC-c");
      }
    }

    @Test
    void findOpenBySignature_skipsResolvedIncidents() {
      try (DuckDbDatabase db = Stores.openDuckDb(null)) {
        db.incidents().save(incident("INC-old", T0, "checkout:errors").moveTo(IncidentState.RESOLVED, T0.plusSeconds(1), ""));
        assertThat(db.incidents().findOpenBySignature("checkout:errors")).isEmpty();

        db.incidents().save(incident("INC-new", T0.plusSeconds(100), "checkout:errors"));

        assertThat(db.incidents().findOpenBySignature("checkout:errors")).map(i -> i.id().value()).contains("INC-new");
        assertThat(db.incidents().findOpenBySignature("other")).isEmpty();
      }
    }

    @Test
    void repository_rejectsBadArguments_withTheArgumentNamed() {
      try (DuckDbDatabase db = Stores.openDuckDb(null)) {
        assertThatThrownBy(() -> db.incidents().save(null)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("incident");
        assertThatThrownBy(() -> db.incidents().list(Set.of(), 0)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("limit");
        assertThatThrownBy(() -> db.incidents().findOpenBySignature("")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("signature");
      }
    }
  }

  @Nested
  class Approvals {
    private final Action scale = new Action(ActionKind.SCALE, ServiceId.of("payments"), Map.of("replicas", "6"),
        Risk.MEDIUM, Reversibility.REVERSIBLE, "pool exhausted under load");

    @Test
    void approvals_movefromPendingToDecided_andSurviveReopen() {
      Approval a1 = Approval.request("ap-1", new IncidentId("INC-1"), scale, "needs a human", T0);
      Approval a2 = Approval.request("ap-2", new IncidentId("INC-1"), scale, "second", T0.plusSeconds(5));
      Approval other = Approval.request("ap-3", new IncidentId("INC-2"), scale, "", T0.plusSeconds(1));
      try (DuckDbDatabase db = Stores.openDuckDb(file())) {
        db.approvals().save(a1);
        db.approvals().save(a2);
        db.approvals().save(other);
        db.approvals().save(a1.decide(Approval.State.APPROVED, "alice", T0.plusSeconds(60), "go"));
      }

      try (DuckDbDatabase db = Stores.openDuckDb(file())) {
        assertThat(db.approvals().pending()).extracting(Approval::id).containsExactly("ap-3", "ap-2");
        assertThat(db.approvals().forIncident(new IncidentId("INC-1"))).extracting(Approval::id)
            .containsExactly("ap-1", "ap-2");
        Approval decided = db.approvals().find("ap-1").orElseThrow();
        assertThat(decided.state()).isEqualTo(Approval.State.APPROVED);
        assertThat(decided.decidedBy()).isEqualTo("alice");
        assertThat(decided.decidedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(decided.action()).isEqualTo(scale);
        assertThat(db.approvals().find("ap-404")).isEmpty();
      }
    }
  }

  @Nested
  class Audit {

    private static AuditRecord entry(Instant ts, String kind, String incident) {
      return new AuditRecord(0, ts, "responder", kind, incident, kind + " for " + incident, Map.of("action", "scale"));
    }

    @Test
    void append_assignsIncreasingSequenceNumbers_thatContinueAfterReopen() {
      try (DuckDbDatabase db = Stores.openDuckDb(file())) {
        assertThat(db.audit().append(entry(T0, "proposal", "INC-1")).seq()).isEqualTo(1);
        assertThat(db.audit().append(entry(T0.plusSeconds(1), "policy", "INC-1")).seq()).isEqualTo(2);
      }

      try (DuckDbDatabase db = Stores.openDuckDb(file())) {
        AuditRecord third = db.audit().append(entry(T0.plusSeconds(2), "approval", "INC-1"));

        assertThat(third.seq()).isEqualTo(3);
        assertThat(db.audit().query(null, null, null, 10)).extracting(AuditRecord::seq).containsExactly(1L, 2L, 3L);
      }
    }

    @Test
    void append_keepsEveryField_exactToTheNanosecond() {
      try (DuckDbDatabase db = Stores.openDuckDb(null)) {
        AuditRecord appended = db.audit().append(entry(T0, "execution", "INC-9"));

        assertThat(db.audit().query(null, null, null, 10)).containsExactly(appended);
        assertThat(appended.ts()).isEqualTo(T0);
        assertThat(appended.details()).isEqualTo(Map.of("action", "scale"));
      }
    }

    @Test
    void query_filtersByIncidentKindAndSince_inAppendOrder_withinLimit() {
      try (DuckDbDatabase db = Stores.openDuckDb(null)) {
        db.audit().append(entry(T0, "proposal", "INC-1"));
        db.audit().append(entry(T0.plusSeconds(1), "proposal", "INC-2"));
        db.audit().append(entry(T0.plusSeconds(2), "execution", "INC-1"));
        db.audit().append(entry(T0.plusSeconds(3), "result", "INC-1"));
        db.audit().append(entry(T0.plusSeconds(4), "proposal", ""));

        assertThat(db.audit().query("INC-1", null, null, 10)).extracting(AuditRecord::kind)
            .containsExactly("proposal", "execution", "result");
        assertThat(db.audit().query(null, "proposal", null, 10)).extracting(AuditRecord::seq)
            .containsExactly(1L, 2L, 5L);
        assertThat(db.audit().query("INC-1", null, T0.plusSeconds(2), 10)).extracting(AuditRecord::seq)
            .containsExactly(3L, 4L);
        assertThat(db.audit().query(null, null, null, 2)).extracting(AuditRecord::seq).containsExactly(1L, 2L);
      }
    }

    @Test
    void append_rejectsARecordThatAlreadyHasASequenceNumber() {
      try (DuckDbDatabase db = Stores.openDuckDb(null)) {
        AuditRecord appended = db.audit().append(entry(T0, "proposal", "INC-1"));

        assertThatThrownBy(() -> db.audit().append(appended)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("1");
        assertThat(db.audit().query(null, null, null, 10)).hasSize(1);
      }
    }
  }

  @Test
  void ports_failWithPermanentException_afterTheDatabaseIsClosed() {
    DuckDbDatabase db = Stores.openDuckDb(null);
    db.close();

    assertThatThrownBy(() -> db.incidents().find(new IncidentId("INC-1"))).isInstanceOf(PermanentException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> db.audit().query(null, null, null, 1)).isInstanceOf(PermanentException.class);
    assertThatThrownBy(() -> db.telemetry().stats()).isInstanceOf(PermanentException.class);
  }
}
