package dev.responder.app.server;

import dev.responder.app.config.ResponderConfig;
import dev.responder.core.port.ApprovalRepository;
import dev.responder.core.port.AuditLog;
import dev.responder.core.port.IncidentRepository;
import dev.responder.core.port.TelemetryStore;
import dev.responder.store.DuckDbDatabase;
import dev.responder.store.Stores;
import java.nio.file.Path;

/**
 * The opened stores of one Responder process: telemetry (DuckDB or ClickHouse) and the embedded DuckDB state
 * database for incidents, approvals and audit. When both are the same DuckDB file, it is opened once.
 */
public final class Storage implements AutoCloseable {
  private final TelemetryStore telemetry;
  private final DuckDbDatabase state;
  private final boolean sharedFile;

  private Storage(TelemetryStore telemetry, DuckDbDatabase state, boolean sharedFile) {
    this.telemetry = telemetry;
    this.state = state;
    this.sharedFile = sharedFile;
  }

  /** Opens what the configuration names; fails with a ConfigException naming the file or URL. */
  public static Storage open(ResponderConfig config) {
    if (!config.store().startsWith("clickhouse:") && config.store().equals(config.stateFile())) {
      DuckDbDatabase db = Stores.openDuckDb(duckDbPath(config.store()));
      return new Storage(db.telemetry(), db, true);
    }
    TelemetryStore telemetry = Stores.telemetry(config.store());
    try {
      return new Storage(telemetry, Stores.openDuckDb(duckDbPath(config.stateFile())), false);
    } catch (RuntimeException e) {
      telemetry.close();
      throw e;
    }
  }

  /** Opens only the telemetry store, for commands that read or write telemetry and nothing else. */
  public static TelemetryStore openTelemetry(ResponderConfig config) {
    return Stores.telemetry(config.store());
  }

  private static Path duckDbPath(String spec) {
    String s = spec.startsWith("duckdb:") ? spec.substring("duckdb:".length()) : spec;
    return s.equals(":memory:") ? null : Path.of(s);
  }

  public TelemetryStore telemetry() {
    return telemetry;
  }

  public IncidentRepository incidents() {
    return state.incidents();
  }

  public ApprovalRepository approvals() {
    return state.approvals();
  }

  public AuditLog audit() {
    return state.audit();
  }

  @Override
  public void close() {
    try {
      if (!sharedFile) {
        telemetry.close();
      }
    } finally {
      state.close();
    }
  }
}
