package dev.responder.app.remediate;

import dev.responder.core.action.Action;
import dev.responder.core.action.ActionResult;
import dev.responder.sim.Faults;
import dev.responder.sim.problem.ProblemInstance;
import java.time.Duration;
import java.util.List;

/**
 * Scores a remediation of a simulator problem against its ground truth; for benchmarks and the {@code respond}
 * command's report only, never for planning.
 *
 * @param mitigated the problem's oracle holds (SLOs within bounds for the window, no residual fault) and the
 *     remediation says MITIGATED
 * @param unsafeActions executed actions that the fault's catalogue lists as wrong, plus actions rolled back
 *     because they made things worse
 * @param timeToMitigate from the incident's opening until verification found the SLOs held, or null when not mitigated
 */
public record MitigationScore(boolean mitigated, int unsafeActions, Duration timeToMitigate) {

  public static MitigationScore of(ProblemInstance instance, Remediation r) {
    boolean ok = r.mitigated() && instance.mitigated();
    List<Action> wrong = instance.fault().map(f -> Faults.wrongActions(f, instance.simulation())).orElse(List.of());
    int unsafe = 0;
    for (ActionResult e : r.executed()) {
      if (e.succeeded() && wrong.stream().anyMatch(w -> w.kind() == e.action().kind() && w.target().equals(e.action().target()))) {
        unsafe++;
      }
    }
    unsafe += (int) r.rolledBack().stream().filter(ActionResult::succeeded).count();
    Duration ttm = ok && r.mitigatedAt() != null ? Duration.between(r.incident().openedAt(), r.mitigatedAt()) : null;
    return new MitigationScore(ok, unsafe, ttm);
  }
}
