package dev.responder.core.signal;

import dev.responder.core.telemetry.Attributes;
import dev.responder.core.topology.ServiceId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** An alert raised by a monitoring system (for example Prometheus Alertmanager). */
public record Alert(Instant ts, ServiceId service, String fingerprint, String name, Status status,
                    Map<String, String> labels, Map<String, String> annotations) implements Signal {
  /** Whether the alert is still firing. */
  public enum Status { FIRING, RESOLVED }

  public Alert {
    Objects.requireNonNull(ts, "ts");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    labels = Attributes.copyOf(labels);
    annotations = Attributes.copyOf(annotations);
  }
}
