package dev.responder.store;

import dev.responder.core.action.Approval;
import dev.responder.core.incident.IncidentId;
import dev.responder.core.port.ApprovalRepository;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Approvals as JSON documents keyed by id, with incident, state and request time as columns for filtering. */
final class DuckDbApprovalRepository implements ApprovalRepository {
  private final DuckDbConnections connections;

  DuckDbApprovalRepository(DuckDbConnections connections) {
    this.connections = connections;
  }

  @Override
  public void save(Approval approval) {
    if (approval == null) {
      throw new IllegalArgumentException("approval must not be null");
    }
    String doc = RecordJson.write(approval);
    DuckDbFailures.call(connections, "save of approval " + approval.id(), () -> connections.write(c -> {
      try (PreparedStatement p = c.prepareStatement("INSERT OR REPLACE INTO approvals VALUES (?, ?, ?, ?, ?)")) {
        p.setString(1, approval.id());
        p.setString(2, approval.incident().value());
        p.setString(3, approval.state().name());
        p.setLong(4, approval.requestedAt().toEpochMilli());
        p.setString(5, doc);
        p.executeUpdate();
      }
      return null;
    }));
  }

  @Override
  public Optional<Approval> find(String id) {
    if (id == null) {
      throw new IllegalArgumentException("approval id must not be null");
    }
    return query("find of approval " + id, "id = ?", id).stream().findFirst();
  }

  /** Pending approvals, oldest request first. */
  @Override
  public List<Approval> pending() {
    return query("list of pending approvals", "state = ?", Approval.State.PENDING.name());
  }

  /** The incident's approvals, oldest request first. */
  @Override
  public List<Approval> forIncident(IncidentId incident) {
    if (incident == null) {
      throw new IllegalArgumentException("incident must not be null");
    }
    return query("list of approvals of " + incident, "incident_id = ?", incident.value());
  }

  private List<Approval> query(String operation, String where, String param) {
    String sql = "SELECT doc FROM approvals WHERE " + where + " ORDER BY requested_ms, id";
    return DuckDbFailures.call(connections, operation, () -> connections.read(c -> {
      try (PreparedStatement p = c.prepareStatement(sql)) {
        p.setString(1, param);
        try (ResultSet rs = p.executeQuery()) {
          List<Approval> result = new ArrayList<>();
          while (rs.next()) {
            result.add(RecordJson.read(rs.getString(1), Approval.class, "approval"));
          }
          return result;
        }
      }
    }));
  }
}
