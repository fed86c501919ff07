package dev.responder.app.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.responder.core.error.PermanentException;
import dev.responder.core.telemetry.LogRecord;
import dev.responder.core.telemetry.MetricPoint;
import dev.responder.core.telemetry.Span;
import dev.responder.core.telemetry.TelemetryBatch;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The decoder; {@link #stage} lets the receiver publish series state only once the batch is stored. */
final class DefaultOtlpDecoder implements OtlpDecoder {
  /** Cumulative series remembered; at a few hundred bytes each, tens of MiB at most. */
  static final int DEFAULT_MAX_SERIES = 65_536;

  private final OtlpSettings settings;
  private final InstantSource clock;
  private final SeriesMemory memory;

  DefaultOtlpDecoder(OtlpSettings settings, InstantSource clock, int maxSeries) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.memory = new SeriesMemory(maxSeries);
  }

  /** A decoded request whose series state is not yet visible to other requests. */
  record Staged(Result result, SeriesMemory.Staging staging) {
    void commit() {
      staging.commit();
    }
  }

  @Override
  public Result decode(Signal signal, Encoding encoding, byte[] body) {
    Staged staged = stage(signal, encoding, body);
    staged.commit();
    return staged.result();
  }

  Staged stage(Signal signal, Encoding encoding, byte[] body) {
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(encoding, "encoding");
    Objects.requireNonNull(body, "body");
    SeriesMemory.Staging staging = memory.staging();
    try {
      TelemetryBatch batch = switch (signal) {
        case METRICS -> TelemetryBatch.ofMetrics(MetricConverter.convert(
            parse(encoding, body, ExportMetricsServiceRequest.newBuilder()).build(), rules(), staging));
        case LOGS -> TelemetryBatch.ofLogs(LogConverter.convert(
            parse(encoding, body, ExportLogsServiceRequest.newBuilder()).build(), rules()));
        case TRACES -> TelemetryBatch.ofSpans(SpanConverter.convert(
            parse(encoding, body, ExportTraceServiceRequest.newBuilder()).build(), rules()));
      };
      return new Staged(new Accepted(batch), staging);
    } catch (Rejection r) {
      return new Staged(new Rejected(r.reason(), r.getMessage()), memory.staging());
    } catch (IllegalArgumentException e) {
      // The domain records validate too; what they refuse is the client's data, not our bug.
      return new Staged(new Rejected(RejectReason.INVALID_DATA, e.getMessage()), memory.staging());
    }
  }

  @Override
  public TelemetryBatch decodeJsonFile(byte[] content) {
    Objects.requireNonNull(content, "content");
    SeriesMemory.Staging staging = memory.staging();
    List<MetricPoint> metrics = new ArrayList<>();
    List<LogRecord> logs = new ArrayList<>();
    List<Span> spans = new ArrayList<>();
    TimeRules rules = rules();
    try {
      OtlpJson.forEachRequest(content, (request, line) -> {
        try {
          switch (request) {
            case ExportMetricsServiceRequest m -> metrics.addAll(MetricConverter.convert(m, rules, staging));
            case ExportLogsServiceRequest l -> logs.addAll(LogConverter.convert(l, rules));
            case ExportTraceServiceRequest t -> spans.addAll(SpanConverter.convert(t, rules));
            default -> throw new IllegalStateException("unexpected request type " + request.getClass());
          }
        } catch (Rejection r) {
          throw new Rejection(r.reason(), "line " + line + ": " + r.getMessage());
        } catch (IllegalArgumentException e) {
          throw new Rejection(RejectReason.INVALID_DATA, "line " + line + ": " + e.getMessage());
        }
      });
    } catch (Rejection r) {
      throw new PermanentException("cannot ingest OTLP JSON: " + r.getMessage());
    }
    staging.commit();
    return new TelemetryBatch(metrics, logs, spans, List.of());
  }

  private TimeRules rules() {
    return TimeRules.at(clock.instant(), settings.maxFutureSkew());
  }

  private static <B extends Message.Builder> B parse(Encoding encoding, byte[] body, B builder) {
    switch (encoding) {
      case PROTOBUF -> {
        try {
          builder.mergeFrom(body);
        } catch (InvalidProtocolBufferException e) {
          throw new Rejection(RejectReason.MALFORMED, "body is not a valid protobuf "
              + builder.getDescriptorForType().getName() + ": " + e.getMessage());
        }
      }
      case JSON -> OtlpJson.merge(body, builder);
    }
    return builder;
  }
}
