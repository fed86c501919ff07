package dev.responder.app.otlp;

import com.google.protobuf.ByteString;
import dev.responder.core.telemetry.Span;
import dev.responder.core.telemetry.SpanStatus;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Converts one traces export request into spans (rules in {@link OtlpDecoder}). */
final class SpanConverter {
  private SpanConverter() {}

  static List<Span> convert(ExportTraceServiceRequest request, TimeRules rules) {
    List<Span> out = new ArrayList<>();
    for (int r = 0; r < request.getResourceSpansCount(); r++) {
      ResourceSpans resourceSpans = request.getResourceSpans(r);
      ResourceInfo resource = ResourceInfo.of(resourceSpans.getResource(), r);
      int index = 0;
      for (ScopeSpans scope : resourceSpans.getScopeSpansList()) {
        for (io.opentelemetry.proto.trace.v1.Span span : scope.getSpansList()) {
          out.add(convert(span, resource, rules, r, index++));
        }
      }
    }
    return out;
  }

  private static Span convert(io.opentelemetry.proto.trace.v1.Span span, ResourceInfo resource, TimeRules rules,
                              int resourceIndex, int index) {
    String traceId = id(span.getTraceId(), 16, "traceId", resourceIndex, index, false);
    String spanId = id(span.getSpanId(), 8, "spanId", resourceIndex, index, false);
    String parentSpanId = id(span.getParentSpanId(), 8, "parentSpanId", resourceIndex, index, true);
    long start = span.getStartTimeUnixNano();
    long end = span.getEndTimeUnixNano();
    if (!rules.accepts(start)) {
      throw rules.reject(start, "startTimeUnixNano of " + where(resourceIndex, index));
    }
    if (!rules.accepts(end)) {
      throw rules.reject(end, "endTimeUnixNano of " + where(resourceIndex, index));
    }
    if (end < start) {
      throw new Rejection(RejectReason.INVALID_DATA, where(resourceIndex, index) + " ends before it starts: "
          + "endTimeUnixNano " + end + " < startTimeUnixNano " + start);
    }
    return new Span(traceId, spanId, parentSpanId, resource.service(), span.getName(), TimeRules.instant(start),
        Duration.ofNanos(end - start), status(span.getStatus()), attributes(span));
  }

  private static SpanStatus status(Status status) {
    return switch (status.getCodeValue()) {
      case 1 -> SpanStatus.OK;
      case 2 -> SpanStatus.ERROR;
      default -> SpanStatus.UNSET;
    };
  }

  private static Map<String, String> attributes(io.opentelemetry.proto.trace.v1.Span span) {
    String kind = switch (span.getKindValue()) {
      case 1 -> "INTERNAL";
      case 2 -> "SERVER";
      case 3 -> "CLIENT";
      case 4 -> "PRODUCER";
      case 5 -> "CONSUMER";
      default -> null;
    };
    String statusMessage = span.getStatus().getMessage();
    if (kind == null && statusMessage.isEmpty()) {
      return AnyValues.attributes(span.getAttributesList());
    }
    Map<String, String> out = AnyValues.mutableAttributes(span.getAttributesList(), 2);
    if (kind != null) {
      out.put("span.kind", kind);
    }
    if (!statusMessage.isEmpty()) {
      out.put("status.message", statusMessage);
    }
    return out;
  }

  private static String where(int resourceIndex, int index) {
    return "span " + index + " in resource " + resourceIndex;
  }

  private static String id(ByteString bytes, int length, String field, int resourceIndex, int index,
                           boolean optional) {
    if (bytes.size() != length && !(optional && bytes.isEmpty())) {
      throw new Rejection(RejectReason.INVALID_DATA, where(resourceIndex, index) + " has a " + field + " of "
          + bytes.size() + " bytes (" + Hex.encode(bytes) + "); expected " + length);
    }
    return Hex.encode(bytes);
  }
}
