package dev.responder.analysis.rca;

import dev.responder.core.incident.FaultType;
import dev.responder.core.topology.ServiceId;
import java.util.List;
import java.util.Objects;

/**
 * One suspected root cause.
 *
 * @param score     higher is more likely; comparable only within one ranking
 * @param faultType the best guess of the kind of fault, {@link FaultType#UNKNOWN} when the evidence does not say
 * @param evidence  one line per finding that raised or lowered the score, strongest first
 */
public record Candidate(ServiceId service, double score, FaultType faultType, List<String> evidence) {
  public Candidate {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(faultType, "faultType");
    if (Double.isNaN(score)) {
      throw new IllegalArgumentException("candidate score must be a number but was NaN for " + service);
    }
    evidence = List.copyOf(evidence);
  }
}
