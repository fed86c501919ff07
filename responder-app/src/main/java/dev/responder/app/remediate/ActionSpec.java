package dev.responder.app.remediate;

import dev.responder.core.action.ActionKind;
import dev.responder.core.action.Reversibility;
import dev.responder.core.action.Risk;
import java.util.List;
import java.util.Objects;

/**
 * What the action catalog declares about one class of action: its risk, whether and how it can be undone, what
 * it touches and what must hold before it runs.
 *
 * @param inverse how the action is undone, in words ({@code "none"} for an irreversible action)
 * @param blastRadius which services and instances it touches, in words
 * @param preconditions what must hold before it runs, in words; {@link ActionCatalog#check} enforces them
 */
public record ActionSpec(ActionKind kind, String toolName, String description, Risk risk, Reversibility reversibility,
                         String inverse, String blastRadius, List<String> params, List<String> preconditions) {
  public ActionSpec {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(toolName, "toolName");
    Objects.requireNonNull(risk, "risk");
    Objects.requireNonNull(reversibility, "reversibility");
    params = List.copyOf(params);
    preconditions = List.copyOf(preconditions);
  }

  /** Whether people must stay in the loop by default: high risk or impossible to undo. */
  public boolean destructive() {
    return risk == Risk.HIGH || reversibility == Reversibility.IRREVERSIBLE;
  }
}
