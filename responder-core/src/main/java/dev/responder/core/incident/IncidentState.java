package dev.responder.core.incident;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of an incident. The happy path is DETECTED, TRIAGED, INVESTIGATING, DIAGNOSED, MITIGATING,
 * MITIGATED, RESOLVED; FAILED and ESCALATED hand the incident to people.
 */
public enum IncidentState {
  DETECTED, TRIAGED, INVESTIGATING, DIAGNOSED, MITIGATING, MITIGATED, RESOLVED, FAILED, ESCALATED;

  /** States this one may move to. RESOLVED is final; FAILED and ESCALATED may be resolved or re-opened. */
  public Set<IncidentState> next() {
    return switch (this) {
      case DETECTED -> EnumSet.of(TRIAGED, INVESTIGATING, RESOLVED, ESCALATED, FAILED);
      case TRIAGED -> EnumSet.of(INVESTIGATING, RESOLVED, ESCALATED, FAILED);
      case INVESTIGATING -> EnumSet.of(DIAGNOSED, RESOLVED, ESCALATED, FAILED);
      case DIAGNOSED -> EnumSet.of(INVESTIGATING, MITIGATING, RESOLVED, ESCALATED, FAILED);
      case MITIGATING -> EnumSet.of(MITIGATED, DIAGNOSED, INVESTIGATING, ESCALATED, FAILED);
      case MITIGATED -> EnumSet.of(RESOLVED, INVESTIGATING, ESCALATED);
      case FAILED, ESCALATED -> EnumSet.of(INVESTIGATING, RESOLVED);
      case RESOLVED -> EnumSet.noneOf(IncidentState.class);
    };
  }

  public boolean canMoveTo(IncidentState target) {
    return next().contains(target);
  }

  public boolean isOpen() {
    return this != RESOLVED;
  }
}
