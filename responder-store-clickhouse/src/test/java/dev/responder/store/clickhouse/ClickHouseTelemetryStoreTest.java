package dev.responder.store.clickhouse;

import dev.responder.core.port.TelemetryStore;
import dev.responder.store.TelemetryStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared contract, run against a real clickhouse-server; each test gets its own database. */
class ClickHouseTelemetryStoreTest extends TelemetryStoreContract {
  private static ClickHouseTestServer server;

  @BeforeAll
  static void startServer() {
    server = ClickHouseTestServer.start();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected TelemetryStore newStore() {
    return ClickHouseStores.open(server.endpoint(), ClickHouseTestServer.freshDatabase(),
        ClickHouseStores.Settings.defaults());
  }
}
