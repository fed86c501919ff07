package dev.responder.store;

import dev.responder.core.error.ConfigException;
import dev.responder.core.error.ResponderException;
import dev.responder.core.port.ApprovalRepository;
import dev.responder.core.port.AuditLog;
import dev.responder.core.port.IncidentRepository;
import dev.responder.core.port.TelemetryStore;
import java.nio.file.Path;
import java.time.InstantSource;

/** The ports of one DuckDB file, sharing its connections. */
final class DuckDbDatabaseImpl implements DuckDbDatabase {
  private final DuckDbConnections connections;
  private final DuckDbTelemetryStore telemetry;
  private final DuckDbIncidentRepository incidents;
  private final DuckDbApprovalRepository approvals;
  private final DuckDbAuditLog audit;

  private DuckDbDatabaseImpl(DuckDbConnections connections) throws Exception {
    this.connections = connections;
    this.telemetry = new DuckDbTelemetryStore(connections, false);
    this.incidents = new DuckDbIncidentRepository(connections);
    this.approvals = new DuckDbApprovalRepository(connections);
    this.audit = new DuckDbAuditLog(connections);
  }

  /** Opens the file, migrating its schema; see {@link Stores#openDuckDb}. */
  static DuckDbDatabaseImpl open(Path file, InstantSource clock) {
    return openWith(file, clock, DuckDbDatabaseImpl::new);
  }

  /** A telemetry store that owns its own connections to the file, closed with it. */
  static TelemetryStore openTelemetryOnly(Path file, InstantSource clock) {
    return openWith(file, clock, connections -> new DuckDbTelemetryStore(connections, true));
  }

  /** What to build on freshly opened and migrated connections. */
  @FunctionalInterface
  private interface Opener<T> {
    T open(DuckDbConnections connections) throws Exception;
  }

  private static <T> T openWith(Path file, InstantSource clock, Opener<T> opener) {
    DuckDbConnections connections = DuckDbConnections.open(file);
    try {
      DuckDbSchema.migrate(connections, clock);
      return opener.open(connections);
    } catch (ResponderException e) {
      connections.close();
      throw e;
    } catch (Exception e) {
      connections.close();
      throw new ConfigException("cannot prepare " + connections.name() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String name() {
    return connections.name();
  }

  @Override
  public TelemetryStore telemetry() {
    return telemetry;
  }

  @Override
  public IncidentRepository incidents() {
    return incidents;
  }

  @Override
  public ApprovalRepository approvals() {
    return approvals;
  }

  @Override
  public AuditLog audit() {
    return audit;
  }

  @Override
  public void close() {
    telemetry.close();
    connections.close();
  }

  @Override
  public String toString() {
    return connections.name();
  }
}
