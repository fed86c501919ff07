package dev.responder.app.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.responder.app.otlp.OtlpDecoder.Accepted;
import dev.responder.app.otlp.OtlpDecoder.Encoding;
import dev.responder.app.otlp.OtlpDecoder.Rejected;
import dev.responder.app.otlp.OtlpDecoder.Result;
import dev.responder.app.otlp.OtlpDecoder.Signal;
import dev.responder.core.error.PermanentException;
import dev.responder.core.telemetry.Severity;
import dev.responder.core.telemetry.TelemetryBatch;
import dev.responder.core.testkit.MutableClock;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.internal.marshal.Marshaler;
import io.opentelemetry.exporter.internal.otlp.logs.LogsRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.metrics.MetricsRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentSelector;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.View;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OtlpJsonTest {
  private static final Resource RESOURCE = Resource.empty().toBuilder().put("service.name", "checkout")
      .put("service.instance.id", "checkout-1").build();

  private final MutableClock clock = new MutableClock(OtlpRequests.T0);

  @Test
  void sdkJsonAndProtobuf_decodeToTheSameMetrics() throws IOException {
    List<MetricData> collected = new CopyOnWriteArrayList<>();
    try (SdkMeterProvider provider = SdkMeterProvider.builder().setClock(new SdkClock(clock)).setResource(RESOURCE)
        .registerView(InstrumentSelector.builder().setName("rpc.duration").build(),
            View.builder().setAggregation(Aggregation.base2ExponentialBucketHistogram()).build())
        .registerMetricReader(PeriodicMetricReader.builder(new MetricKeeper(collected)).build()).build()) {
      Meter meter = provider.get("test");
      Attributes route = Attributes.of(AttributeKey.stringKey("route"), "/pay", AttributeKey.longKey("shard"), 3L,
          AttributeKey.booleanKey("canary"), true, AttributeKey.stringArrayKey("tags"), List.of("a", "b"));
      meter.counterBuilder("http.requests").build().add(40, route);
      meter.upDownCounterBuilder("db.connections").build().add(7);
      meter.gaugeBuilder("cpu.utilization").build().set(0.75);
      meter.histogramBuilder("http.latency").build().record(12.5, route);
      meter.histogramBuilder("rpc.duration").build().record(3.3);
      meter.histogramBuilder("rpc.duration").build().record(0);
      clock.advance(Duration.ofSeconds(10));
      assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    }

    TelemetryBatch fromProtobuf = decode(Signal.METRICS, Encoding.PROTOBUF, binary(MetricsRequestMarshaler.create(collected)));
    TelemetryBatch fromJson = decode(Signal.METRICS, Encoding.JSON, json(MetricsRequestMarshaler.create(collected)));

    assertThat(fromJson).isEqualTo(fromProtobuf);
    assertThat(fromJson.metrics()).extracting(p -> p.name()).contains("http.requests", "db.connections",
        "cpu.utilization", "http.latency.p50", "rpc.duration.p50");
    assertThat(fromJson.metrics()).filteredOn(p -> p.name().equals("http.requests")).singleElement()
        .satisfies(p -> assertThat(p.labels()).containsEntry("tags", "[\"a\",\"b\"]").containsEntry("shard", "3"));
  }

  @Test
  void sdkJsonAndProtobuf_decodeToTheSameSpansAndLogs() throws IOException {
    List<SpanData> spans = new CopyOnWriteArrayList<>();
    List<LogRecordData> logs = new CopyOnWriteArrayList<>();
    try (SdkTracerProvider tracing = SdkTracerProvider.builder().setClock(new SdkClock(clock)).setResource(RESOURCE)
        .addSpanProcessor(SimpleSpanProcessor.create(new SpanKeeper(spans))).build();
         SdkLoggerProvider logging = SdkLoggerProvider.builder().setClock(new SdkClock(clock)).setResource(RESOURCE)
             .addLogRecordProcessor(SimpleLogRecordProcessor.create(new LogKeeper(logs))).build()) {
      Span parent = tracing.get("test").spanBuilder("POST /pay").setSpanKind(SpanKind.SERVER).startSpan();
      Span child = tracing.get("test").spanBuilder("charge").setParent(Context.current().with(parent))
          .setSpanKind(SpanKind.CLIENT).setAttribute("retries", 2L).startSpan();
      clock.advance(Duration.ofMillis(40));
      child.addEvent("retry");
      child.setStatus(StatusCode.ERROR, "declined");
      Logger logger = logging.get("test");
      logger.logRecordBuilder().setContext(Context.current().with(child)).setSeverity(
          io.opentelemetry.api.logs.Severity.ERROR).setBody("payment declined").setAttribute("order", "o-1").emit();
      child.end();
      parent.end();
      assertThat(tracing.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
      assertThat(logging.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    }

    TelemetryBatch spansJson = decode(Signal.TRACES, Encoding.JSON, json(TraceRequestMarshaler.create(spans)));
    TelemetryBatch logsJson = decode(Signal.LOGS, Encoding.JSON, json(LogsRequestMarshaler.create(logs)));

    assertThat(spansJson).isEqualTo(decode(Signal.TRACES, Encoding.PROTOBUF, binary(TraceRequestMarshaler.create(spans))));
    assertThat(logsJson).isEqualTo(decode(Signal.LOGS, Encoding.PROTOBUF, binary(LogsRequestMarshaler.create(logs))));
    assertThat(spansJson.spans()).hasSize(2);
    assertThat(logsJson.logs()).singleElement().satisfies(log -> {
      assertThat(log.level()).isEqualTo(Severity.ERROR);
      assertThat(log.spanId()).isEqualTo(spansJson.spans().getFirst().spanId());
    });
  }

  @Test
  void json_acceptsSnakeCaseKeys_enumNames_andInt64AsNumbers() {
    String camel = """
        {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"a"}}]},
          "scopeSpans":[{"spans":[{"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"b7ad6b7169203331",
          "name":"op","kind":2,"startTimeUnixNano":"1794909600000000000","endTimeUnixNano":"1794909600500000000",
          "status":{"code":2}}]}]}]}""";
    String snake = """
        {"resource_spans":[{"resource":{"attributes":[{"key":"service.name","value":{"string_value":"a"}}]},
          "scope_spans":[{"spans":[{"trace_id":"0AF7651916CD43DD8448EB211C80319C","span_id":"B7AD6B7169203331",
          "name":"op","kind":"SPAN_KIND_SERVER","start_time_unix_nano":1794909600000000000,
          "end_time_unix_nano":1.7949096005E18,"status":{"code":"STATUS_CODE_ERROR"}}]}]}]}""";

    assertThat(decode(Signal.TRACES, Encoding.JSON, utf8(snake))).isEqualTo(decode(Signal.TRACES, Encoding.JSON, utf8(camel)));
  }

  @Test
  void json_ignoresUnknownKeys() {
    String json = """
        {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"a"}}],
          "futureField":{"nested":[1,2,{"x":null}]}},"scopeLogs":[{"logRecords":[{"timeUnixNano":"1794909600000000000",
          "body":{"stringValue":"hi"},"somethingNew":true}]}]}],"extra":42}""";

    assertThat(decode(Signal.LOGS, Encoding.JSON, utf8(json)).logs()).singleElement()
        .satisfies(log -> assertThat(log.body()).isEqualTo("hi"));
  }

  @Test
  void json_rejectsIdThatIsNotHex_namingFieldAndValue() {
    String json = """
        {"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"not-hex!"}]}]}]}""";

    Rejected rejected = reject(Signal.TRACES, utf8(json));

    assertThat(rejected.reason()).isEqualTo(RejectReason.MALFORMED);
    assertThat(rejected.message()).contains("field 'traceId' must be hex but was 'not-hex!'");
  }

  @Test
  void json_rejectsTruncatedDocument_withLineAndColumn() {
    Rejected rejected = reject(Signal.METRICS, utf8("{\"resourceMetrics\": [\n  {\"resource\": "));

    assertThat(rejected.reason()).isEqualTo(RejectReason.MALFORMED);
    assertThat(rejected.message()).startsWith("invalid OTLP JSON at line 2 column");
  }

  @Test
  void json_rejectsWrongShapes_andTrailingContent() {
    assertThat(reject(Signal.METRICS, utf8("{\"resourceMetrics\": {}}")).message())
        .contains("field 'resourceMetrics' must be an array");
    assertThat(reject(Signal.METRICS, utf8("{} {}")).message()).contains("unexpected content after the request object");
    assertThat(reject(Signal.METRICS, utf8("[]")).message()).contains("expected a JSON object");
  }

  @Test
  void decodeJsonFile_readsJsonLinesOfMixedTypes() {
    String lines = line("resourceLogs", "scopeLogs", "logRecords", "{\"timeUnixNano\":\"1794909600000000000\"}") + "\n"
        + line("resourceSpans", "scopeSpans", "spans", "{\"traceId\":\"0af7651916cd43dd8448eb211c80319c\","
        + "\"spanId\":\"b7ad6b7169203331\",\"startTimeUnixNano\":\"1794909600000000000\","
        + "\"endTimeUnixNano\":\"1794909601000000000\"}") + "\n\n"
        + line("resourceLogs", "scopeLogs", "logRecords", "{\"timeUnixNano\":\"1794909601000000000\"}") + "\n";

    TelemetryBatch batch = OtlpDecoder.create(OtlpSettings.defaults(), clock).decodeJsonFile(utf8(lines));

    assertThat(batch.logs()).hasSize(2);
    assertThat(batch.spans()).hasSize(1);
  }

  @Test
  void decodeJsonFile_namesTheLineOfABadRequest() {
    String lines = line("resourceLogs", "scopeLogs", "logRecords", "{}") + "\n"
        + "{\"resourceLogs\":[{\"resource\":{}}]}\n";

    assertThatThrownBy(() -> OtlpDecoder.create(OtlpSettings.defaults(), clock).decodeJsonFile(utf8(lines)))
        .isInstanceOf(PermanentException.class)
        .hasMessage("cannot ingest OTLP JSON: line 2: resource 0 has no service.name attribute");
  }

  @Test
  void decodeJsonFile_rejectsObjectWithoutKnownTopLevelKey() {
    assertThatThrownBy(() -> OtlpDecoder.create(OtlpSettings.defaults(), clock)
        .decodeJsonFile(utf8("\n\n{\"resourceProfiles\": []}\n")))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("line 3: expected a request with resourceMetrics, resourceLogs or resourceSpans");
  }

  private static String line(String top, String scope, String items, String item) {
    return "{\"" + top + "\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"a\"}}]},"
        + "\"" + scope + "\":[{\"" + items + "\":[" + item + "]}]}]}";
  }

  private TelemetryBatch decode(Signal signal, Encoding encoding, byte[] body) {
    // A fresh decoder each time, so that cumulative state of one decoding cannot leak into the comparison.
    Result result = OtlpDecoder.create(OtlpSettings.defaults(), clock).decode(signal, encoding, body);
    assertThat(result).isInstanceOf(Accepted.class);
    return ((Accepted) result).batch();
  }

  private Rejected reject(Signal signal, byte[] json) {
    Result result = OtlpDecoder.create(OtlpSettings.defaults(), clock).decode(signal, Encoding.JSON, json);
    assertThat(result).isInstanceOf(Rejected.class);
    return (Rejected) result;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] binary(Marshaler marshaler) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    marshaler.writeBinaryTo(out);
    return out.toByteArray();
  }

  private static byte[] json(Marshaler marshaler) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    marshaler.writeJsonTo(out);
    return out.toByteArray();
  }

  /** Exporters that keep what they are given. */
  private record SpanKeeper(List<SpanData> kept) implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      kept.addAll(spans);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  private record LogKeeper(List<LogRecordData> kept) implements LogRecordExporter {
    @Override
    public CompletableResultCode export(Collection<LogRecordData> logs) {
      kept.addAll(logs);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  private record MetricKeeper(List<MetricData> kept) implements MetricExporter {
    @Override
    public CompletableResultCode export(Collection<MetricData> metrics) {
      kept.addAll(metrics);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType type) {
      return AggregationTemporality.CUMULATIVE;
    }
  }
}
