package dev.responder.app.investigate;

import dev.responder.core.incident.Incident;
import java.util.Objects;

/**
 * Drives one specialist through its scoped tools and posts what it finds to the hypothesis board. The built-in
 * {@link #heuristic()} follows an explicit strategy per specialist; model-driven reasoners use the same tools and
 * post the same hypotheses, so both can be compared in one benchmark run.
 */
public interface Reasoner {

  /** The reasoner's name in reports, e.g. {@code heuristic} or {@code llm:anthropic/claude-...}. */
  String name();

  /** Investigates the assignment and returns what it cost; hypotheses go to {@code assignment.board()}. */
  Cost investigate(Assignment assignment);

  /** What a specialist is asked to do: the incident, its domain, its tools and the shared board. */
  record Assignment(Incident incident, Specialist specialist, ToolSession tools, HypothesisBoard board) {
    public Assignment {
      Objects.requireNonNull(incident, "incident");
      Objects.requireNonNull(specialist, "specialist");
      Objects.requireNonNull(tools, "tools");
      Objects.requireNonNull(board, "board");
    }
  }

  /** The built-in reasoner: deterministic, no model, the default and the baseline models must beat. */
  static Reasoner heuristic() {
    return new HeuristicReasoner();
  }
}
