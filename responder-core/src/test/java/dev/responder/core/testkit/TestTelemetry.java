package dev.responder.core.testkit;

import dev.responder.core.telemetry.ChangeEvent;
import dev.responder.core.telemetry.LogRecord;
import dev.responder.core.telemetry.MetricPoint;
import dev.responder.core.telemetry.Severity;
import dev.responder.core.telemetry.Span;
import dev.responder.core.telemetry.SpanStatus;
import dev.responder.core.topology.ServiceId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Short builders for telemetry in tests. */
public final class TestTelemetry {
  public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private TestTelemetry() {}

  public static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  public static MetricPoint metric(long seconds, String service, String name, double value) {
    return MetricPoint.of(at(seconds), service, "", name, value);
  }

  public static MetricPoint metric(long seconds, String service, String instance, String name, double value) {
    return MetricPoint.of(at(seconds), service, instance, name, value);
  }

  public static LogRecord log(long seconds, String service, Severity level, String body) {
    return LogRecord.of(at(seconds), service, level, body);
  }

  public static Span span(String trace, String id, String parent, String service, String operation, long startSeconds,
                          long durationMillis, boolean error) {
    return new Span(trace, id, parent, ServiceId.of(service), operation, at(startSeconds), Duration.ofMillis(durationMillis),
        error ? SpanStatus.ERROR : SpanStatus.OK, Map.of());
  }

  public static ChangeEvent deploy(long seconds, String service, String from, String to) {
    return new ChangeEvent.Deploy(at(seconds), ServiceId.of(service), "ci", from, to);
  }
}
