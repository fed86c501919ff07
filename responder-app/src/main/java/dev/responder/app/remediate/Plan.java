package dev.responder.app.remediate;

import dev.responder.core.action.Action;
import dev.responder.core.incident.Diagnosis;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A remediation plan: actions in order, the effect on the SLOs they are expected to have, and why.
 *
 * @param name a short label such as {@code rollback} or {@code scale-x2}
 * @param basis the diagnosis the plan answers
 */
public record Plan(String name, List<Action> actions, String expectedEffect, String rationale, Diagnosis basis) {
  public Plan {
    Objects.requireNonNull(name, "name");
    actions = List.copyOf(actions);
    if (actions.isEmpty()) {
      throw new IllegalArgumentException("plan " + name + " has no action");
    }
    expectedEffect = expectedEffect == null ? "" : expectedEffect;
    rationale = rationale == null ? "" : rationale;
    Objects.requireNonNull(basis, "basis");
  }

  /** The actions in words, e.g. {@code rollback cart {version=1.4.2}; restart cart}. */
  public String describe() {
    return actions.stream().map(Action::describe).collect(Collectors.joining("; "));
  }
}
