package dev.responder.core.action;

import dev.responder.core.incident.IncidentId;
import java.time.Instant;
import java.util.Objects;

/**
 * A request for a person to approve an action, and the decision once made.
 *
 * @param decidedBy who decided, or empty while pending
 */
public record Approval(String id, IncidentId incident, Action action, String reason, Instant requestedAt,
                       State state, String decidedBy, Instant decidedAt, String comment) {
  /** Where the request stands. */
  public enum State { PENDING, APPROVED, REJECTED, EXPIRED }

  public Approval {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(incident, "incident");
    Objects.requireNonNull(action, "action");
    reason = reason == null ? "" : reason;
    Objects.requireNonNull(requestedAt, "requestedAt");
    Objects.requireNonNull(state, "state");
    decidedBy = decidedBy == null ? "" : decidedBy;
    comment = comment == null ? "" : comment;
    if (state == State.PENDING && decidedAt != null) {
      throw new IllegalArgumentException("a pending approval has no decision time");
    }
  }

  public static Approval request(String id, IncidentId incident, Action action, String reason, Instant at) {
    return new Approval(id, incident, action, reason, at, State.PENDING, "", null, "");
  }

  public Approval decide(State decision, String by, Instant at, String withComment) {
    if (state != State.PENDING) {
      throw new IllegalStateException("approval " + id + " was already " + state);
    }
    if (decision == State.PENDING) {
      throw new IllegalArgumentException("a decision must not be PENDING");
    }
    return new Approval(id, incident, action, reason, requestedAt, decision, by, Objects.requireNonNull(at), withComment);
  }
}
