package dev.responder.store;

import dev.responder.core.port.ApprovalRepository;
import dev.responder.core.port.AuditLog;
import dev.responder.core.port.IncidentRepository;
import dev.responder.core.port.TelemetryStore;

/**
 * One DuckDB file (or in-memory database) holding Responder's telemetry, incidents, approvals and audit log, each
 * in its own tables. Open it with {@link Stores#openDuckDb}; all ports share its connections and are safe to use
 * from several threads. Closing the database closes every port; closing the telemetry store it hands out only
 * retires that handle.
 */
public interface DuckDbDatabase extends AutoCloseable {

  /** How messages name the database, e.g. {@code duckdb:/var/lib/responder/responder.db}. */
  String name();

  TelemetryStore telemetry();

  IncidentRepository incidents();

  ApprovalRepository approvals();

  /** The append-only audit log; sequence numbers continue across reopenings of the file. */
  AuditLog audit();

  /** Closes the file once in-flight calls have finished; every port is unusable afterwards. */
  @Override
  void close();
}
