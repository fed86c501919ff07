package dev.responder.store;

import dev.responder.core.action.AuditRecord;
import dev.responder.core.port.AuditLog;
import dev.responder.core.query.Limits;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The append-only audit log. Sequence numbers are assigned under the database's write lock, continue after the
 * file is reopened, and never repeat; timestamps keep nanoseconds (as epoch nanoseconds, good until 2262).
 * There is deliberately no way to change or remove a record through this class.
 */
final class DuckDbAuditLog implements AuditLog {
  private final DuckDbConnections connections;

  DuckDbAuditLog(DuckDbConnections connections) {
    this.connections = connections;
  }

  @Override
  public AuditRecord append(AuditRecord record) {
    if (record == null) {
      throw new IllegalArgumentException("audit record must not be null");
    }
    if (record.seq() != 0) {
      throw new IllegalArgumentException("audit record must not have a sequence number before append but had "
          + record.seq() + "; append each record once");
    }
    long tsNanos = epochNanos(record.ts());
    String details = AbstractTelemetryStore.attributesToJson(record.details());
    return DuckDbFailures.call(connections, "append of audit record " + record.kind(), () -> connections.write(c -> {
      long seq = nextSeq(c);
      try (PreparedStatement p = c.prepareStatement("INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        p.setLong(1, seq);
        p.setLong(2, tsNanos);
        p.setString(3, record.actor());
        p.setString(4, record.kind());
        p.setString(5, record.incidentId());
        p.setString(6, record.summary());
        p.setString(7, details);
        p.executeUpdate();
      }
      return new AuditRecord(seq, record.ts(), record.actor(), record.kind(), record.incidentId(), record.summary(),
          record.details());
    }));
  }

  private static long nextSeq(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT coalesce(max(seq), 0) + 1 FROM audit")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public List<AuditRecord> query(String incidentId, String kind, Instant since, int limit) {
    Limits.check(limit);
    SqlFilter filter = new SqlFilter()
        .andIfPresent("incident_id = ?", incidentId)
        .andIfPresent("kind = ?", kind)
        .andIfPresent("ts_ns >= ?", since == null ? null : epochNanos(since));
    String sql = "SELECT seq, ts_ns, actor, kind, incident_id, summary, details FROM audit WHERE " + filter.where()
        + " ORDER BY seq LIMIT ?";
    return DuckDbFailures.call(connections, "audit query", () -> connections.read(c -> {
      try (PreparedStatement p = filter.prepare(c, sql, List.of(), limit); ResultSet rs = p.executeQuery()) {
        List<AuditRecord> result = new ArrayList<>();
        while (rs.next()) {
          long ns = rs.getLong(2);
          result.add(new AuditRecord(rs.getLong(1), Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L),
              Math.floorMod(ns, 1_000_000_000L)), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
              AbstractTelemetryStore.attributesFromJson(rs.getString(7))));
        }
        return result;
      }
    }));
  }

  private static long epochNanos(Instant t) {
    try {
      return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("audit timestamps must lie between 1677 and 2262 but was " + t, e);
    }
  }
}
