package dev.responder.store;

import dev.responder.core.incident.Incident;
import dev.responder.core.incident.IncidentId;
import dev.responder.core.incident.IncidentState;
import dev.responder.core.port.IncidentRepository;
import dev.responder.core.query.Limits;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Incidents as whole JSON documents (timeline, hypotheses with evidence, diagnosis), with the columns that
 * queries filter on (state, signature, opening time) beside them.
 */
final class DuckDbIncidentRepository implements IncidentRepository {
  private final DuckDbConnections connections;

  DuckDbIncidentRepository(DuckDbConnections connections) {
    this.connections = connections;
  }

  @Override
  public void save(Incident incident) {
    if (incident == null) {
      throw new IllegalArgumentException("incident must not be null");
    }
    String doc = RecordJson.write(incident);
    DuckDbFailures.call(connections, "save of incident " + incident.id(), () -> connections.write(c -> {
      try (PreparedStatement p = c.prepareStatement("INSERT OR REPLACE INTO incidents VALUES (?, ?, ?, ?, ?)")) {
        p.setString(1, incident.id().value());
        p.setString(2, incident.state().name());
        p.setString(3, incident.signature());
        p.setLong(4, incident.openedAt().toEpochMilli());
        p.setString(5, doc);
        p.executeUpdate();
      }
      return null;
    }));
  }

  @Override
  public Optional<Incident> find(IncidentId id) {
    if (id == null) {
      throw new IllegalArgumentException("incident id must not be null");
    }
    List<Incident> found = query("find of incident " + id, "SELECT doc FROM incidents WHERE id = ?", List.of(id.value()));
    return found.stream().findFirst();
  }

  @Override
  public List<Incident> list(Set<IncidentState> states, int limit) {
    Limits.check(limit);
    List<Object> params = new ArrayList<>();
    String where = "TRUE";
    if (states != null && !states.isEmpty()) {
      where = "state IN (" + states.stream().map(s -> "?").collect(Collectors.joining(", ")) + ")";
      states.stream().map(IncidentState::name).sorted().forEach(params::add);
    }
    params.add(limit);
    return query("list of incidents in " + (states == null || states.isEmpty() ? "any state" : states),
        "SELECT doc FROM incidents WHERE " + where + " ORDER BY opened_ms DESC, id LIMIT ?", params);
  }

  @Override
  public Optional<Incident> findOpenBySignature(String signature) {
    if (signature == null || signature.isEmpty()) {
      throw new IllegalArgumentException("signature must not be empty but was " + (signature == null ? "null" : "''"));
    }
    return query("find of open incident with signature " + signature,
        "SELECT doc FROM incidents WHERE signature = ? AND state <> ? ORDER BY opened_ms DESC, id LIMIT 1",
        List.of(signature, IncidentState.RESOLVED.name())).stream().findFirst();
  }

  private List<Incident> query(String operation, String sql, List<Object> params) {
    return DuckDbFailures.call(connections, operation, () -> connections.read(c -> {
      try (PreparedStatement p = new SqlFilter().prepare(c, sql, params); ResultSet rs = p.executeQuery()) {
        List<Incident> result = new ArrayList<>();
        while (rs.next()) {
          result.add(RecordJson.read(rs.getString(1), Incident.class, "incident"));
        }
        return result;
      }
    }));
  }
}
