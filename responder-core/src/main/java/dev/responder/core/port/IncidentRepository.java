package dev.responder.core.port;

import dev.responder.core.incident.Incident;
import dev.responder.core.incident.IncidentId;
import dev.responder.core.incident.IncidentState;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Durable incidents with their timelines and hypotheses; survives restarts. */
public interface IncidentRepository {
  /** Inserts or replaces the incident as a whole. */
  void save(Incident incident);

  Optional<Incident> find(IncidentId id);

  /** Incidents in the given states (all when empty), newest first. */
  List<Incident> list(Set<IncidentState> states, int limit);

  /** The open incident with this detection signature, if any: where a new related signal belongs. */
  Optional<Incident> findOpenBySignature(String signature);
}
