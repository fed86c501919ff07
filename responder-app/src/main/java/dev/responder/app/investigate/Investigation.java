package dev.responder.app.investigate;

import dev.responder.core.incident.Diagnosis;
import dev.responder.core.incident.Hypothesis;
import dev.responder.core.incident.Incident;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one investigation: the incident with its timeline, the diagnosis, every hypothesis of the board,
 * the specialists consulted and what it cost.
 *
 * @param decided whether a test confirmed the diagnosis (or refuted every alternative) rather than the budget ending
 */
public record Investigation(Incident incident, Diagnosis diagnosis, List<Hypothesis> hypotheses,
                            List<Specialist> specialists, boolean decided, Cost cost) {
  public Investigation {
    Objects.requireNonNull(incident, "incident");
    Objects.requireNonNull(diagnosis, "diagnosis");
    hypotheses = List.copyOf(hypotheses);
    specialists = List.copyOf(specialists);
    Objects.requireNonNull(cost, "cost");
  }
}
