package dev.responder.core.port;

import dev.responder.core.action.Approval;
import dev.responder.core.incident.IncidentId;
import java.util.List;
import java.util.Optional;

/** Durable approval requests and decisions. */
public interface ApprovalRepository {
  /** Inserts or replaces by id. */
  void save(Approval approval);

  Optional<Approval> find(String id);

  List<Approval> pending();

  List<Approval> forIncident(IncidentId incident);
}
