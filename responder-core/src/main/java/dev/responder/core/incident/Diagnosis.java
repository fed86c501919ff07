package dev.responder.core.incident;

import dev.responder.core.topology.ServiceId;
import java.util.List;
import java.util.Objects;

/** The investigation's answer: which service is the root cause, what kind of fault, and why. */
public record Diagnosis(ServiceId rootCause, FaultType faultType, double confidence, String explanation,
                        List<Evidence> evidence) {
  public Diagnosis {
    Objects.requireNonNull(rootCause, "rootCause");
    Objects.requireNonNull(faultType, "faultType");
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence must be in [0, 1] but was " + confidence);
    }
    explanation = explanation == null ? "" : explanation;
    evidence = List.copyOf(evidence);
  }
}
