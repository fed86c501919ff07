package dev.responder.core.signal;

import dev.responder.core.topology.ServiceId;
import java.time.Instant;
import java.util.Objects;

/**
 * A deviation found by a detector.
 *
 * @param subject what deviated: a metric name, a log template id, a call edge
 * @param score anomaly score in [0, 1]
 */
public record Anomaly(Instant ts, ServiceId service, String subject, double observed, double expected,
                      double score, String detector) implements Signal {
  public Anomaly {
    Objects.requireNonNull(ts, "ts");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(detector, "detector");
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("anomaly score must be in [0, 1] but was " + score);
    }
  }

  @Override
  public String fingerprint() {
    return service.name() + "/" + subject;
  }
}
