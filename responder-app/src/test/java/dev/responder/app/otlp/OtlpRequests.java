package dev.responder.app.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Instant;
import java.util.HexFormat;

/** Short builders for OTLP protobuf requests in tests. Times are seconds after {@link #T0}. */
final class OtlpRequests {
  static final Instant T0 = Instant.parse("2026-11-17T10:00:00Z");
  static final Instant NOW = T0.plusSeconds(3600);

  private OtlpRequests() {}

  static long nanos(double secondsAfterT0) {
    return TimeRules.nanos(T0) + Math.round(secondsAfterT0 * 1e9);
  }

  static Instant at(double secondsAfterT0) {
    return TimeRules.instant(nanos(secondsAfterT0));
  }

  static KeyValue attr(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  static Resource resource(String service, String instance) {
    Resource.Builder r = Resource.newBuilder();
    if (service != null) {
      r.addAttributes(attr("service.name", service));
    }
    if (instance != null) {
      r.addAttributes(attr("service.instance.id", instance));
    }
    return r.build();
  }

  static ExportMetricsServiceRequest metrics(Resource resource, Metric... metrics) {
    ScopeMetrics.Builder scope = ScopeMetrics.newBuilder();
    for (Metric m : metrics) {
      scope.addMetrics(m);
    }
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(ResourceMetrics.newBuilder().setResource(resource).addScopeMetrics(scope))
        .build();
  }

  static NumberDataPoint point(double startSeconds, double timeSeconds, double value, KeyValue... attributes) {
    NumberDataPoint.Builder p = NumberDataPoint.newBuilder()
        .setTimeUnixNano(nanos(timeSeconds)).setAsDouble(value);
    if (startSeconds >= 0) {
      p.setStartTimeUnixNano(nanos(startSeconds));
    }
    for (KeyValue kv : attributes) {
      p.addAttributes(kv);
    }
    return p.build();
  }

  static Metric gauge(String name, NumberDataPoint... points) {
    Gauge.Builder g = Gauge.newBuilder();
    for (NumberDataPoint p : points) {
      g.addDataPoints(p);
    }
    return Metric.newBuilder().setName(name).setGauge(g).build();
  }

  static Metric sum(String name, boolean monotonic, boolean delta, NumberDataPoint... points) {
    Sum.Builder s = Sum.newBuilder().setIsMonotonic(monotonic).setAggregationTemporality(delta
        ? AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA
        : AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
    for (NumberDataPoint p : points) {
      s.addDataPoints(p);
    }
    return Metric.newBuilder().setName(name).setSum(s).build();
  }

  static ExportLogsServiceRequest logs(Resource resource, io.opentelemetry.proto.logs.v1.LogRecord... records) {
    ScopeLogs.Builder scope = ScopeLogs.newBuilder();
    for (io.opentelemetry.proto.logs.v1.LogRecord r : records) {
      scope.addLogRecords(r);
    }
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(ResourceLogs.newBuilder().setResource(resource).addScopeLogs(scope))
        .build();
  }

  static ExportTraceServiceRequest traces(Resource resource, Span... spans) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (Span s : spans) {
      scope.addSpans(s);
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().setResource(resource).addScopeSpans(scope))
        .build();
  }

  static ByteString id(String hex) {
    return ByteString.copyFrom(HexFormat.of().parseHex(hex));
  }
}
