package dev.responder.core.incident;

import dev.responder.core.topology.ServiceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A candidate explanation on the hypothesis board, kept alive until a test confirms or refutes it.
 *
 * @param nextTest the check that would confirm or refute it next; empty once decided
 */
public record Hypothesis(String id, String statement, ServiceId rootCause, FaultType faultType, Status status,
                         double confidence, List<Evidence> evidence, String nextTest, String proposedBy) {
  /** Where the hypothesis stands. */
  public enum Status { OPEN, CONFIRMED, REFUTED }

  public Hypothesis {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(rootCause, "rootCause");
    Objects.requireNonNull(faultType, "faultType");
    Objects.requireNonNull(status, "status");
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence must be in [0, 1] but was " + confidence);
    }
    evidence = List.copyOf(evidence);
    nextTest = nextTest == null ? "" : nextTest;
    proposedBy = proposedBy == null ? "" : proposedBy;
  }

  public List<Evidence> evidenceFor() {
    return evidence.stream().filter(Evidence::supports).toList();
  }

  public List<Evidence> evidenceAgainst() {
    return evidence.stream().filter(e -> !e.supports()).toList();
  }

  public Hypothesis withEvidence(Evidence item, double newConfidence) {
    List<Evidence> all = new ArrayList<>(evidence);
    all.add(item);
    return new Hypothesis(id, statement, rootCause, faultType, status, newConfidence, all, nextTest, proposedBy);
  }

  public Hypothesis withStatus(Status newStatus) {
    return new Hypothesis(id, statement, rootCause, faultType, newStatus, confidence, evidence,
        newStatus == Status.OPEN ? nextTest : "", proposedBy);
  }
}
