package dev.responder.store;

import dev.responder.core.port.TelemetryStore;

/**
 * Opens telemetry stores of one scheme for {@link Stores#telemetry(String)}. Adapters in other modules register
 * an implementation with {@link java.util.ServiceLoader} (a {@code META-INF/services/dev.responder.store.TelemetryStoreProvider}
 * file), so that {@code clickhouse:http://host:8123/db} works wherever the adapter is on the class path.
 */
public interface TelemetryStoreProvider {

  /** The scheme this provider answers, lower case, without the colon, e.g. {@code clickhouse}. */
  String scheme();

  /**
   * Opens a store.
   *
   * @param spec the whole spec including the scheme prefix, e.g. {@code clickhouse:http://127.0.0.1:8123/responder}
   * @throws dev.responder.core.error.ConfigException when the spec is malformed or the store cannot be reached
   */
  TelemetryStore open(String spec);
}
