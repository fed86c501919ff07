package dev.responder.store;

import dev.responder.core.port.TelemetryStore;

/** DuckDB in memory against the shared contract. */
class DuckDbTelemetryStoreTest extends TelemetryStoreContract {
  @Override
  protected TelemetryStore newStore() {
    return Stores.telemetry("duckdb::memory:");
  }
}
