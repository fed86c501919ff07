package dev.responder.app.remediate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.responder.app.investigate.Coordinator;
import dev.responder.app.investigate.Detector;
import dev.responder.app.investigate.Investigation;
import dev.responder.app.investigate.ProgressListener;
import dev.responder.app.investigate.Reasoner;
import dev.responder.app.investigate.SimulatedIncident;
import dev.responder.core.action.Action;
import dev.responder.core.action.ActionKind;
import dev.responder.core.action.Approval;
import dev.responder.core.action.AuditRecord;
import dev.responder.core.action.AutonomyLevel;
import dev.responder.core.action.Reversibility;
import dev.responder.core.action.Risk;
import dev.responder.core.incident.IncidentId;
import dev.responder.core.incident.IncidentState;
import dev.responder.core.topology.ServiceId;
import dev.responder.sim.problem.ProblemRegistry;
import dev.responder.store.DuckDbDatabase;
import dev.responder.store.Stores;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What happens when people say no, say yes later, or say nothing. */
class ApprovalFlowTest {
  private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-11-20T12:00:00Z"));

  @Test
  void rejection_executesNothing_recordsTheComment_andEscalatesWhenNoAlternativeIsApproved() {
    try (SimulatedIncident sim = SimulatedIncident.play(ProblemRegistry.standard().get("bad_deploy-checkout-mitigation"), 1, 0.05);
         DuckDbDatabase db = Stores.openDuckDb(null)) {
      Investigation inv = Coordinator.create(Reasoner.heuristic(), CLOCK, ProgressListener.NONE)
          .investigate(Detector.detect(sim.context()).orElseThrow(), sim.context());
      Remediation r = remediator(db, Approver.rejectAll("alice", "not during the sale", CLOCK))
          .remediate(inv.incident(), SimulatedResponse.diagnoses(inv), List.of(), sim.context(),
              ManagedEnvironment.simulated(sim.instance().simulation(), null));

      assertThat(r.outcome()).isEqualTo(Remediation.Outcome.ESCALATED);
      assertThat(r.executed()).isEmpty();
      assertThat(r.approvals()).isNotEmpty().allSatisfy(a -> {
        assertThat(a.state()).isEqualTo(Approval.State.REJECTED);
        assertThat(a.decidedBy()).isEqualTo("alice");
        assertThat(a.comment()).isEqualTo("not during the sale");
      });
      assertThat(r.incident().state()).isEqualTo(IncidentState.ESCALATED);
      assertThat(db.audit().query(inv.incident().id().value(), null, null, 1000))
          .extracting(AuditRecord::summary).anySatisfy(s -> assertThat(s).contains("not during the sale"));
    }
  }

  @Test
  void rejectedPlan_goesBack_andAnApprovedAlternativeRuns() {
    // Two scale-out plans pass the sandbox for this problem and seed: the first is rejected, the second approved.
    try (SimulatedIncident sim = SimulatedIncident.play(ProblemRegistry.standard().get("cpu_saturation-catalog-mitigation"), 1, 0.05);
         DuckDbDatabase db = Stores.openDuckDb(null)) {
      Investigation inv = Coordinator.create(Reasoner.heuristic(), CLOCK, ProgressListener.NONE)
          .investigate(Detector.detect(sim.context()).orElseThrow(), sim.context());
      List<String> asked = new ArrayList<>();
      Approver firstNoThenYes = p -> {
        asked.add(p.action().describe());
        return asked.size() == 1
            ? p.decide(Approval.State.REJECTED, "alice", CLOCK.instant(), "try something else")
            : p.decide(Approval.State.APPROVED, "alice", CLOCK.instant(), "ok");
      };
      Remediation r = remediator(db, firstNoThenYes).remediate(inv.incident(), SimulatedResponse.diagnoses(inv), List.of(),
          sim.context(), ManagedEnvironment.simulated(sim.instance().simulation(), null));

      assertThat(r.sandbox()).filteredOn(SandboxResult::passed).hasSizeGreaterThanOrEqualTo(2);
      assertThat(asked).hasSize(2);
      assertThat(r.outcome()).isEqualTo(Remediation.Outcome.MITIGATED);
      assertThat(r.executed()).isNotEmpty()
          .noneSatisfy(e -> assertThat(e.action().describe()).isEqualTo(asked.getFirst()))
          .anySatisfy(e -> assertThat(e.action().describe()).isEqualTo(asked.get(1)));
      assertThat(r.approvals().getFirst().state()).isEqualTo(Approval.State.REJECTED);
    }
  }

  @Test
  void pollingApprover_returnsADecisionMadeElsewhere_andExpiresWhenNobodyAnswers() {
    try (DuckDbDatabase db = Stores.openDuckDb(null)) {
      Action rollback = new Action(ActionKind.ROLLBACK, ServiceId.of("checkout"), Map.of("version", "1.4.2"), Risk.MEDIUM,
          Reversibility.REVERSIBLE, "bad deploy");
      Approval pending = Approval.request("A-1", new IncidentId("INC-1"), rollback, "needs approval in prod", Instant.parse("2026-11-20T12:00:00Z"));
      db.approvals().save(pending.decide(Approval.State.APPROVED, "bob", Instant.parse("2026-11-20T12:01:00Z"), "go"));

      Approval decided = Approver.polling(db.approvals(), Duration.ofSeconds(5), Duration.ofMillis(10), InstantSource.system()).decide(pending);
      assertThat(decided.state()).isEqualTo(Approval.State.APPROVED);
      assertThat(decided.decidedBy()).isEqualTo("bob");

      Approval unanswered = Approval.request("A-2", new IncidentId("INC-1"), rollback, "needs approval in prod", Instant.parse("2026-11-20T12:00:00Z"));
      db.approvals().save(unanswered);
      Approval expired = Approver.polling(db.approvals(), Duration.ofMillis(150), Duration.ofMillis(10), InstantSource.system()).decide(unanswered);
      assertThat(expired.state()).isEqualTo(Approval.State.EXPIRED);
      assertThat(expired.comment()).contains("escalated");
    }
  }

  @Test
  void aFixFromARevisitedDiagnosis_thatWorks_makesThatDiagnosisTheIncidents() {
    // For this instance the investigation ranks network latency at recommendation first; no plan for it passes the
    // sandbox, so the remediator revisits the alternative (payment-provider outage) whose fallback flag works.
    try (SimulatedIncident sim = SimulatedIncident.play(
            ProblemRegistry.standard().get("dependency_outage-payment-provider-mitigation"), 1795753393927L, 0.05);
         DuckDbDatabase db = Stores.openDuckDb(null)) {
      Investigation inv = Coordinator.create(Reasoner.heuristic(), CLOCK, ProgressListener.NONE)
          .investigate(Detector.detect(sim.context()).orElseThrow(), sim.context());
      assertThat(inv.diagnosis().rootCause()).isNotEqualTo(ServiceId.of("payment-provider"));
      Remediation r = remediator(db, Approver.autoApprove("test", CLOCK))
          .remediate(inv.incident(), SimulatedResponse.diagnoses(inv), List.of(), sim.context(),
              ManagedEnvironment.simulated(sim.instance().simulation(), null));

      assertThat(r.outcome()).isEqualTo(Remediation.Outcome.MITIGATED);
      assertThat(r.incident().diagnosis().rootCause()).isEqualTo(ServiceId.of("payment-provider"));
      assertThat(r.incident().diagnosis().explanation()).contains("confirmed by the fix", "toggle_flag payment");
      assertThat(r.incident().timeline()).filteredOn(e -> e.kind().equals("diagnosis")).extracting(e -> e.text())
          .anySatisfy(t -> assertThat(t).contains("revisiting"))
          .last().satisfies(t -> assertThat(t).startsWith("dependency_outage at payment-provider"));
    }
  }

  private static Remediator remediator(DuckDbDatabase db, Approver approver) {
    return Remediator.create(Planner.playbook(), Remediator.Settings.of(Policy.defaults().forRun(AutonomyLevel.SUPERVISED), "sim"),
        approver, new Remediator.Ports(db.approvals(), db.audit(), db.incidents()), CLOCK);
  }
}
