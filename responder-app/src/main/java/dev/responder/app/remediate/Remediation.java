package dev.responder.app.remediate;

import dev.responder.core.action.Action;
import dev.responder.core.action.ActionResult;
import dev.responder.core.action.Approval;
import dev.responder.core.incident.Incident;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one remediation did: the incident afterwards, the outcome, the plan chosen, every sandbox run, policy
 * decision and approval, the actions executed and any rolled back.
 *
 * @param plan the plan executed or recommended, or null when none was
 * @param recommended actions proposed for people to carry out (RECOMMEND or OBSERVE autonomy, or a freeze)
 * @param mitigatedAt when verification found the SLOs held long enough (the incident became MITIGATED), or null
 */
public record Remediation(Incident incident, Outcome outcome, Plan plan, List<SandboxResult> sandbox,
                          List<PolicyDecision> decisions, List<Approval> approvals, List<ActionResult> executed,
                          List<ActionResult> rolledBack, List<Action> recommended, Instant mitigatedAt, String summary) {
  /** How it ended. */
  public enum Outcome {
    /** Executed and verified: the incident is MITIGATED. */
    MITIGATED,
    /** Handed to people: no plan passed, approval rejected or expired, or the plan did not help. */
    ESCALATED,
    /** A plan passed the sandbox and is proposed; nothing ran. */
    RECOMMENDED
  }

  public Remediation {
    Objects.requireNonNull(incident, "incident");
    Objects.requireNonNull(outcome, "outcome");
    sandbox = List.copyOf(sandbox);
    decisions = List.copyOf(decisions);
    approvals = List.copyOf(approvals);
    executed = List.copyOf(executed);
    rolledBack = List.copyOf(rolledBack);
    recommended = List.copyOf(recommended);
    summary = summary == null ? "" : summary;
  }

  public boolean mitigated() {
    return outcome == Outcome.MITIGATED;
  }
}
