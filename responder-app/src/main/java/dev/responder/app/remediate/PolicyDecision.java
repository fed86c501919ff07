package dev.responder.app.remediate;

import dev.responder.core.action.Action;
import dev.responder.core.action.AutonomyLevel;
import java.util.Objects;

/**
 * The policy's answer for one action, with the sentence that explains it, e.g.
 * {@code "needs approval: rollback of payment is SUPERVISED in prod"}.
 *
 * @param level the autonomy level that applied after caps and limits
 */
public record PolicyDecision(Action action, Verdict verdict, AutonomyLevel level, String explanation) {
  /** What may happen to the action. */
  public enum Verdict {
    /** Run it now, then notify. */
    EXECUTE,
    /** Run it once a person approves. */
    NEEDS_APPROVAL,
    /** Propose it only; people carry it out. */
    RECOMMEND,
    /** Do not run or propose it. */
    BLOCKED
  }

  public PolicyDecision {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(explanation, "explanation");
  }
}
