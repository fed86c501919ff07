package dev.responder.app.otlp;

import com.google.protobuf.ByteString;
import dev.responder.core.telemetry.LogRecord;
import dev.responder.core.telemetry.Severity;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Converts one logs export request into log records (rules in {@link OtlpDecoder}). */
final class LogConverter {
  private LogConverter() {}

  static List<LogRecord> convert(ExportLogsServiceRequest request, TimeRules rules) {
    List<LogRecord> out = new ArrayList<>();
    for (int r = 0; r < request.getResourceLogsCount(); r++) {
      ResourceLogs resourceLogs = request.getResourceLogs(r);
      ResourceInfo resource = ResourceInfo.of(resourceLogs.getResource(), r);
      int index = 0;
      for (ScopeLogs scope : resourceLogs.getScopeLogsList()) {
        for (io.opentelemetry.proto.logs.v1.LogRecord log : scope.getLogRecordsList()) {
          out.add(convert(log, resource, rules, r, index++));
        }
      }
    }
    return out;
  }

  private static LogRecord convert(io.opentelemetry.proto.logs.v1.LogRecord log, ResourceInfo resource,
                                   TimeRules rules, int resourceIndex, int index) {
    // Collectors stamp observedTime when the producer had no clock; failing both, we observed it now.
    long t = log.getTimeUnixNano() != 0 ? log.getTimeUnixNano()
        : log.getObservedTimeUnixNano() != 0 ? log.getObservedTimeUnixNano() : rules.receivedNanos();
    if (!rules.accepts(t)) {
      throw rules.reject(t, "time of log record " + index + " in resource " + resourceIndex);
    }
    Severity level = log.getSeverityNumberValue() != 0
        ? Severity.fromOtelNumber(log.getSeverityNumberValue())
        : Severity.parse(log.getSeverityText());
    String traceId = id(log.getTraceId(), 16, "traceId", resourceIndex, index);
    String spanId = id(log.getSpanId(), 8, "spanId", resourceIndex, index);
    return new LogRecord(TimeRules.instant(t), resource.service(), resource.instance(), level,
        AnyValues.text(log.getBody()), traceId, spanId, attributes(log));
  }

  private static Map<String, String> attributes(io.opentelemetry.proto.logs.v1.LogRecord log) {
    if (log.getEventName().isEmpty()) {
      return AnyValues.attributes(log.getAttributesList());
    }
    Map<String, String> attributes = AnyValues.mutableAttributes(log.getAttributesList(), 1);
    attributes.put("event.name", log.getEventName());
    return attributes;
  }

  private static String id(ByteString bytes, int length, String field, int resourceIndex, int index) {
    if (!bytes.isEmpty() && bytes.size() != length) {
      throw new Rejection(RejectReason.INVALID_DATA, "log record " + index + " in resource " + resourceIndex
          + " has a " + field + " of " + bytes.size() + " bytes (" + Hex.encode(bytes) + "); expected "
          + length);
    }
    return Hex.encode(bytes);
  }
}
