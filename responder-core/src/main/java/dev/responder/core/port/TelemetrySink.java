package dev.responder.core.port;

import dev.responder.core.telemetry.TelemetryBatch;

/** Where telemetry goes: the store, a test double, a forwarding pipeline. */
@FunctionalInterface
public interface TelemetrySink {
  /**
   * Appends the batch atomically per kind of telemetry: after a failure nothing of the failed kind is half-written.
   *
   * @throws dev.responder.core.error.ResponderException when the batch cannot be written
   */
  void append(TelemetryBatch batch);
}
