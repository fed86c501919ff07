package dev.responder.core.telemetry;

import dev.responder.core.topology.ServiceId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One sample of one metric, in long format: the store keeps one row per point.
 *
 * @param instance the emitting instance (pod, host); empty when the metric is service-wide
 */
public record MetricPoint(Instant ts, ServiceId service, String instance, String name, double value,
                          Map<String, String> labels) {
  public MetricPoint {
    Objects.requireNonNull(ts, "ts");
    Objects.requireNonNull(service, "service");
    instance = instance == null ? "" : instance;
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("metric name must not be blank");
    }
    labels = Attributes.copyOf(labels);
  }

  public static MetricPoint of(Instant ts, String service, String instance, String name, double value) {
    return new MetricPoint(ts, ServiceId.of(service), instance, name, value, Map.of());
  }
}
