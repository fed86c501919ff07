package dev.responder.core.topology;

import java.util.Objects;

/** The name of a service as telemetry reports it (OpenTelemetry's {@code service.name}). */
public record ServiceId(String name) implements Comparable<ServiceId> {
  public ServiceId {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("service name must not be blank");
    }
    if (name.length() > 255) {
      throw new IllegalArgumentException("service name must be <= 255 characters but was " + name.length());
    }
  }

  public static ServiceId of(String name) {
    return new ServiceId(name);
  }

  @Override
  public int compareTo(ServiceId other) {
    return name.compareTo(other.name);
  }

  @Override
  public String toString() {
    return name;
  }
}
