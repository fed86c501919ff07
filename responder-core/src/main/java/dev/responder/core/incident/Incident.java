package dev.responder.core.incident;

import dev.responder.core.telemetry.Severity;
import dev.responder.core.topology.ServiceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * An incident: an immutable value whose changes return a new incident with the change recorded on its
 * timeline. State changes follow {@link IncidentState#next()}; an illegal move throws with both states named.
 *
 * @param signature what detection keyed it on, used to group related signals into one incident
 * @param diagnosis the accepted diagnosis, or {@code null} before there is one
 */
public record Incident(IncidentId id, String title, Severity severity, Instant openedAt, IncidentState state,
                       String signature, Set<ServiceId> services, List<TimelineEntry> timeline,
                       List<Hypothesis> hypotheses, Diagnosis diagnosis) {
  public Incident {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(openedAt, "openedAt");
    Objects.requireNonNull(state, "state");
    signature = signature == null ? "" : signature;
    services = Set.copyOf(new TreeSet<>(services));
    timeline = List.copyOf(timeline);
    hypotheses = List.copyOf(hypotheses);
  }

  /** A newly detected incident whose timeline starts with its detection. */
  public static Incident open(IncidentId id, String title, Severity severity, Instant at, String signature,
                              Set<ServiceId> services) {
    TimelineEntry first = new TimelineEntry(at, "state", "detected: " + title, Map.of("state", IncidentState.DETECTED.name()));
    return new Incident(id, title, severity, at, IncidentState.DETECTED, signature, services, List.of(first), List.of(), null);
  }

  public Incident moveTo(IncidentState target, Instant at, String reason) {
    if (!state.canMoveTo(target)) {
      throw new IllegalStateException("incident " + id + " cannot move from " + state + " to " + target
          + "; allowed: " + state.next());
    }
    TimelineEntry entry = new TimelineEntry(at, "state", state + " -> " + target + (reason == null || reason.isBlank() ? "" : ": " + reason),
        Map.of("from", state.name(), "state", target.name()));
    return new Incident(id, title, severity, openedAt, target, signature, services, append(entry), hypotheses, diagnosis);
  }

  public Incident record(TimelineEntry entry) {
    return new Incident(id, title, severity, openedAt, state, signature, services, append(entry), hypotheses, diagnosis);
  }

  /** Adds the hypothesis, or replaces the one with the same id. */
  public Incident withHypothesis(Hypothesis hypothesis) {
    List<Hypothesis> all = new ArrayList<>(hypotheses);
    all.removeIf(h -> h.id().equals(hypothesis.id()));
    all.add(hypothesis);
    return new Incident(id, title, severity, openedAt, state, signature, services, timeline, all, diagnosis);
  }

  public Incident withDiagnosis(Diagnosis newDiagnosis, Instant at) {
    TimelineEntry entry = new TimelineEntry(at, "diagnosis",
        newDiagnosis.faultType() + " at " + newDiagnosis.rootCause() + ": " + newDiagnosis.explanation(),
        Map.of("root_cause", newDiagnosis.rootCause().name(), "fault_type", newDiagnosis.faultType().name(),
            "confidence", Double.toString(newDiagnosis.confidence())));
    return new Incident(id, title, severity, openedAt, state, signature, services, append(entry), hypotheses, newDiagnosis);
  }

  public Incident withServices(Set<ServiceId> more) {
    Set<ServiceId> all = new TreeSet<>(services);
    all.addAll(more);
    return new Incident(id, title, severity, openedAt, state, signature, all, timeline, hypotheses, diagnosis);
  }

  /**
   * This incident with the timeline entries of {@code other} (another copy of the same incident) that it lacks, each
   * inserted after the last entry not later than it. Timelines only grow, so an entry one copy lacks was added to
   * the other concurrently; merging keeps both writers' records. State, hypotheses and diagnosis stay this copy's.
   */
  public Incident withEntriesOf(Incident other) {
    if (!other.id.equals(id)) {
      throw new IllegalArgumentException("cannot merge the timeline of " + other.id + " into " + id);
    }
    Set<TimelineEntry> known = new HashSet<>(timeline);
    List<TimelineEntry> merged = new ArrayList<>(timeline);
    boolean changed = false;
    for (TimelineEntry e : other.timeline) {
      if (known.add(e)) {
        int at = merged.size();
        while (at > 0 && merged.get(at - 1).ts().isAfter(e.ts())) {
          at--;
        }
        merged.add(at, e);
        changed = true;
      }
    }
    return changed ? new Incident(id, title, severity, openedAt, state, signature, services, merged, hypotheses, diagnosis) : this;
  }

  /** When the incident first entered {@code target}, if it ever did. */
  public java.util.Optional<Instant> firstEntered(IncidentState target) {
    return timeline.stream()
        .filter(e -> e.kind().equals("state") && target.name().equals(e.attributes().get("state")))
        .map(TimelineEntry::ts)
        .findFirst();
  }

  private List<TimelineEntry> append(TimelineEntry entry) {
    List<TimelineEntry> all = new ArrayList<>(timeline.size() + 1);
    all.addAll(timeline);
    all.add(entry);
    return all;
  }
}
