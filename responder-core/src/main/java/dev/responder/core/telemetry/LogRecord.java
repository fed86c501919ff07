package dev.responder.core.telemetry;

import dev.responder.core.topology.ServiceId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** One log line. {@code traceId} and {@code spanId} are lower-case hex, or empty when the line has none. */
public record LogRecord(Instant ts, ServiceId service, String instance, Severity level, String body,
                        String traceId, String spanId, Map<String, String> attributes) {
  public LogRecord {
    Objects.requireNonNull(ts, "ts");
    Objects.requireNonNull(service, "service");
    instance = instance == null ? "" : instance;
    Objects.requireNonNull(level, "level");
    body = body == null ? "" : body;
    traceId = traceId == null ? "" : traceId;
    spanId = spanId == null ? "" : spanId;
    attributes = Attributes.copyOf(attributes);
  }

  public static LogRecord of(Instant ts, String service, Severity level, String body) {
    return new LogRecord(ts, ServiceId.of(service), "", level, body, "", "", Map.of());
  }
}
