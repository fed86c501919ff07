package dev.responder.core.port;

import dev.responder.core.action.AuditRecord;
import java.time.Instant;
import java.util.List;

/** Append-only audit log: records are never changed or removed. */
public interface AuditLog {
  /** Appends and returns the record with its assigned sequence number. */
  AuditRecord append(AuditRecord record);

  /** Records in append order; null filters match all. */
  List<AuditRecord> query(String incidentId, String kind, Instant since, int limit);
}
