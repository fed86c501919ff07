package dev.responder.core.telemetry;

import dev.responder.core.topology.ServiceId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One unit of work in a trace. Ids are lower-case hex; {@code parentSpanId} is empty for a root span.
 */
public record Span(String traceId, String spanId, String parentSpanId, ServiceId service, String operation,
                   Instant start, Duration duration, SpanStatus status, Map<String, String> attributes) {
  public Span {
    requireId(traceId, "traceId");
    requireId(spanId, "spanId");
    parentSpanId = parentSpanId == null ? "" : parentSpanId;
    Objects.requireNonNull(service, "service");
    operation = operation == null ? "" : operation;
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("span duration must be >= 0 but was " + duration);
    }
    Objects.requireNonNull(status, "status");
    attributes = Attributes.copyOf(attributes);
  }

  private static void requireId(String id, String what) {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
  }

  public boolean isRoot() {
    return parentSpanId.isEmpty();
  }

  public boolean isError() {
    return status == SpanStatus.ERROR;
  }

  public Instant end() {
    return start.plus(duration);
  }
}
