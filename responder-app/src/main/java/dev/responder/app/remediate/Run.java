package dev.responder.app.remediate;

import dev.responder.core.action.Action;
import dev.responder.core.action.ActionResult;
import dev.responder.core.action.Approval;
import dev.responder.core.incident.Diagnosis;
import dev.responder.core.incident.Incident;
import dev.responder.core.incident.IncidentState;
import dev.responder.core.incident.TimelineEntry;
import dev.responder.core.port.IncidentRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The mutable state of one remediation while it runs; {@link #finish} freezes it into a {@link Remediation}. */
final class Run {
  final AuditTrail trail;
  private final IncidentRepository incidents;
  Incident incident;
  Plan plan;
  Instant mitigatedAt;
  /** The diagnosis whose plans passed the sandbox: the accepted one, or an alternative revisited after it. */
  Diagnosis basis;
  final List<SandboxResult> sandbox = new ArrayList<>();
  final List<PolicyDecision> decisions = new ArrayList<>();
  final List<Approval> approvals = new ArrayList<>();
  final List<ActionResult> executed = new ArrayList<>();
  final List<ActionResult> rolledBack = new ArrayList<>();
  final List<Action> recommended = new ArrayList<>();

  Run(Incident incident, AuditTrail trail, IncidentRepository incidents) {
    this.incident = incident;
    this.trail = trail;
    this.incidents = incidents;
  }

  void move(IncidentState to, Instant at, String why) {
    if (incident.state() != to && incident.state().canMoveTo(to)) {
      incident = incident.moveTo(to, at, why);
      save();
    }
  }

  void note(Instant at, String kind, String text) {
    incident = incident.record(new TimelineEntry(at, kind, text, Map.of()));
  }

  void save() {
    if (incidents != null) {
      incidents.save(incident);
    }
  }

  /**
   * When the fix that worked came from an alternative diagnosis (the accepted one had no plan that passed the
   * sandbox), the verified fix is the evidence that decides between them: the alternative becomes the diagnosis.
   */
  private void confirmRevisitedDiagnosis(Instant at) {
    Diagnosis accepted = incident.diagnosis();
    if (basis == null || plan == null || accepted == null
        || (basis.rootCause().equals(accepted.rootCause()) && basis.faultType() == accepted.faultType())) {
      return;
    }
    String why = basis.explanation() + (basis.explanation().isEmpty() ? "" : "; ") + "confirmed by the fix: "
        + plan.describe() + " restored the SLOs after no plan for " + accepted.faultType() + " at "
        + accepted.rootCause() + " passed the sandbox";
    incident = incident.withDiagnosis(new Diagnosis(basis.rootCause(), basis.faultType(),
        Math.max(basis.confidence(), accepted.confidence()), why, basis.evidence()), at);
  }

  Remediation finish(Remediation.Outcome outcome, Instant at, String summary) {
    switch (outcome) {
      case MITIGATED -> {
        confirmRevisitedDiagnosis(at);
        move(IncidentState.MITIGATED, at, summary);
      }
      case ESCALATED -> move(IncidentState.ESCALATED, at, summary);
      case RECOMMENDED -> note(at, "action", "recommended: " + summary);
    }
    save();
    trail.write("remediator", AuditTrail.OUTCOME, outcome + ": " + summary, Map.of("outcome", outcome.name(),
        "executed", Integer.toString(executed.size()), "rolled_back", Integer.toString(rolledBack.size())));
    return new Remediation(incident, outcome, plan, sandbox, decisions, approvals, executed, rolledBack, recommended,
        mitigatedAt, summary);
  }
}
