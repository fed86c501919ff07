package dev.responder.app.remediate;

import dev.responder.core.action.Action;
import dev.responder.core.incident.Diagnosis;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Screens actions that agents proposed through the ACT tools: a proposal is kept only when the diagnosis supports
 * it, that is when a plan for the diagnosis has an action of the same class on the same service. Anything else,
 * such as an instruction a model picked up from a log line, is refused and audited.
 */
final class Proposals {
  private Proposals() {}

  static List<Plan> screen(List<Action> proposals, List<Plan> plans, Diagnosis d, AuditTrail trail) {
    List<Plan> kept = new ArrayList<>();
    int n = 0;
    for (Action raw : proposals) {
      Action a = ActionCatalog.standard().normalise(raw);
      boolean supported = plans.stream().flatMap(p -> p.actions().stream())
          .anyMatch(x -> x.kind() == a.kind() && x.target().equals(a.target()));
      if (supported) {
        kept.add(new Plan("agent-proposal-" + ++n, List.of(a), "as the matching playbook plan",
            "proposed by an agent: " + a.rationale() + " (diagnosis: " + d.faultType() + " at " + d.rootCause() + ")", d));
      } else {
        trail.write("remediator", AuditTrail.PROPOSAL, "refused agent proposal " + a.describe()
            + ": not supported by the diagnosis " + d.faultType() + " at " + d.rootCause(),
            AuditTrail.action(a, Map.of("verdict", "REFUSED")));
      }
    }
    return kept;
  }
}
