package dev.responder.app.otlp;

import static dev.responder.app.otlp.OtlpRequests.at;
import static dev.responder.app.otlp.OtlpRequests.attr;
import static dev.responder.app.otlp.OtlpRequests.id;
import static dev.responder.app.otlp.OtlpRequests.logs;
import static dev.responder.app.otlp.OtlpRequests.nanos;
import static dev.responder.app.otlp.OtlpRequests.resource;
import static dev.responder.app.otlp.OtlpRequests.traces;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import dev.responder.app.otlp.OtlpDecoder.Accepted;
import dev.responder.app.otlp.OtlpDecoder.Encoding;
import dev.responder.app.otlp.OtlpDecoder.Rejected;
import dev.responder.app.otlp.OtlpDecoder.Result;
import dev.responder.app.otlp.OtlpDecoder.Signal;
import dev.responder.core.telemetry.LogRecord;
import dev.responder.core.telemetry.Severity;
import dev.responder.core.telemetry.Span;
import dev.responder.core.telemetry.SpanStatus;
import dev.responder.core.telemetry.TelemetryBatch;
import dev.responder.core.testkit.MutableClock;
import dev.responder.core.topology.ServiceId;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Status;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpDecoderLogsAndSpansTest {
  private static final Resource CHECKOUT = resource("checkout", "checkout-1");
  private static final String TRACE = "5b8efff798038103d269b633813fc60c";
  private static final String ROOT = "eee19b7ec3c1b174";
  private static final String CHILD = "eee19b7ec3c1b173";

  private final MutableClock clock = new MutableClock(OtlpRequests.NOW);
  private final OtlpDecoder decoder = OtlpDecoder.create(OtlpSettings.defaults(), clock);

  @Test
  void decoder_mapsLogRecordFields_withLowerCaseHexIds() {
    io.opentelemetry.proto.logs.v1.LogRecord log = io.opentelemetry.proto.logs.v1.LogRecord.newBuilder()
        .setTimeUnixNano(nanos(12.5)).setObservedTimeUnixNano(nanos(13))
        .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_ERROR).setSeverityText("ERROR")
        .setBody(AnyValue.newBuilder().setStringValue("payment declined"))
        .setTraceId(id(TRACE.toUpperCase())).setSpanId(id(ROOT)).addAttributes(attr("order.id", "o-17"))
        .build();

    TelemetryBatch batch = accept(Signal.LOGS, logs(CHECKOUT, log));

    assertThat(batch.logs()).containsExactly(new LogRecord(at(12.5), ServiceId.of("checkout"), "checkout-1",
        Severity.ERROR, "payment declined", TRACE, ROOT, Map.of("order.id", "o-17")));
  }

  @Test
  void decoder_takesObservedTime_whenLogTimeIsZero_andReceiveTimeWhenBothAre() {
    io.opentelemetry.proto.logs.v1.LogRecord observed = io.opentelemetry.proto.logs.v1.LogRecord.newBuilder()
        .setObservedTimeUnixNano(nanos(13)).build();
    io.opentelemetry.proto.logs.v1.LogRecord untimed = io.opentelemetry.proto.logs.v1.LogRecord.newBuilder().build();

    TelemetryBatch batch = accept(Signal.LOGS, logs(CHECKOUT, observed, untimed));

    assertThat(batch.logs()).extracting(LogRecord::ts).containsExactly(at(13), OtlpRequests.NOW);
  }

  @Test
  void decoder_parsesSeverityText_whenNumberIsUnset() {
    io.opentelemetry.proto.logs.v1.LogRecord log = io.opentelemetry.proto.logs.v1.LogRecord.newBuilder()
        .setTimeUnixNano(nanos(1)).setSeverityText("warning").build();

    assertThat(accept(Signal.LOGS, logs(CHECKOUT, log)).logs()).extracting(LogRecord::level)
        .containsExactly(Severity.WARN);
  }

  @Test
  void decoder_writesStructuredLogBodyAsJson() {
    AnyValue body = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
        .addValues(KeyValue.newBuilder().setKey("msg").setValue(AnyValue.newBuilder().setStringValue("say \"hi\"")))
        .addValues(KeyValue.newBuilder().setKey("ok").setValue(AnyValue.newBuilder().setBoolValue(false))))
        .build();
    io.opentelemetry.proto.logs.v1.LogRecord log = io.opentelemetry.proto.logs.v1.LogRecord.newBuilder()
        .setTimeUnixNano(nanos(1)).setBody(body).build();

    assertThat(accept(Signal.LOGS, logs(CHECKOUT, log)).logs()).extracting(LogRecord::body)
        .containsExactly("{\"msg\":\"say \\\"hi\\\"\",\"ok\":false}");
  }

  @Test
  void decoder_rejectsLogWithTraceIdOfWrongLength() {
    io.opentelemetry.proto.logs.v1.LogRecord log = io.opentelemetry.proto.logs.v1.LogRecord.newBuilder()
        .setTimeUnixNano(nanos(1)).setTraceId(id("abcd")).build();

    Rejected rejected = reject(Signal.LOGS, logs(CHECKOUT, log));

    assertThat(rejected.reason()).isEqualTo(RejectReason.INVALID_DATA);
    assertThat(rejected.message()).isEqualTo("log record 0 in resource 0 has a traceId of 2 bytes (abcd); expected 16");
  }

  @Test
  void decoder_mapsSpans_withParentLinkKindAndStatus() {
    io.opentelemetry.proto.trace.v1.Span root = span(ROOT, "", "POST /checkout", 10, 10.25)
        .setKind(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER)
        .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK)).build();
    io.opentelemetry.proto.trace.v1.Span child = span(CHILD, ROOT, "charge card", 10.05, 10.2)
        .setKind(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CLIENT)
        .addAttributes(attr("peer.service", "payments"))
        .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("card declined"))
        .build();

    TelemetryBatch batch = accept(Signal.TRACES, traces(CHECKOUT, root, child));

    assertThat(batch.spans()).containsExactly(
        new Span(TRACE, ROOT, "", ServiceId.of("checkout"), "POST /checkout", at(10), Duration.ofMillis(250),
            SpanStatus.OK, Map.of("span.kind", "SERVER")),
        new Span(TRACE, CHILD, ROOT, ServiceId.of("checkout"), "charge card", at(10.05), Duration.ofMillis(150),
            SpanStatus.ERROR, Map.of("span.kind", "CLIENT", "peer.service", "payments",
            "status.message", "card declined")));
  }

  @Test
  void decoder_leavesStatusUnset_andOmitsUnspecifiedKind() {
    TelemetryBatch batch = accept(Signal.TRACES, traces(CHECKOUT, span(ROOT, "", "work", 1, 2).build()));

    assertThat(batch.spans()).singleElement().satisfies(s -> {
      assertThat(s.status()).isEqualTo(SpanStatus.UNSET);
      assertThat(s.attributes()).isEmpty();
      assertThat(s.isRoot()).isTrue();
    });
  }

  @Test
  void decoder_rejectsSpanEndingBeforeItStarts() {
    Rejected rejected = reject(Signal.TRACES, traces(CHECKOUT, span(ROOT, "", "work", 2, 1).build()));

    assertThat(rejected.reason()).isEqualTo(RejectReason.INVALID_DATA);
    assertThat(rejected.message()).startsWith("span 0 in resource 0 ends before it starts");
  }

  @Test
  void decoder_rejectsSpanWithZeroStart() {
    io.opentelemetry.proto.trace.v1.Span span = span(ROOT, "", "work", 1, 2).setStartTimeUnixNano(0).build();

    Rejected rejected = reject(Signal.TRACES, traces(CHECKOUT, span));

    assertThat(rejected.reason()).isEqualTo(RejectReason.ZERO_TIMESTAMP);
    assertThat(rejected.message()).isEqualTo("startTimeUnixNano of span 0 in resource 0 is 0; a timestamp is required");
  }

  @Test
  void decoder_rejectsSpanWithoutSpanId() {
    io.opentelemetry.proto.trace.v1.Span span = span(ROOT, "", "work", 1, 2).clearSpanId().build();

    Rejected rejected = reject(Signal.TRACES, traces(CHECKOUT, span));

    assertThat(rejected.message()).isEqualTo("span 0 in resource 0 has a spanId of 0 bytes (); expected 8");
  }

  @Test
  void decoder_rejectsSpansOfResourceWithoutServiceName() {
    Rejected rejected = reject(Signal.TRACES, traces(resource(null, null), span(ROOT, "", "work", 1, 2).build()));

    assertThat(rejected.reason()).isEqualTo(RejectReason.MISSING_SERVICE_NAME);
    assertThat(rejected.message()).isEqualTo("resource 0 has no service.name attribute");
  }

  static io.opentelemetry.proto.trace.v1.Span.Builder span(String id, String parent, String name, double start,
                                                           double end) {
    return io.opentelemetry.proto.trace.v1.Span.newBuilder().setTraceId(id(TRACE)).setSpanId(id(id))
        .setParentSpanId(id(parent)).setName(name).setStartTimeUnixNano(nanos(start)).setEndTimeUnixNano(nanos(end));
  }

  private TelemetryBatch accept(Signal signal, Message request) {
    Result result = decoder.decode(signal, Encoding.PROTOBUF, request.toByteArray());
    assertThat(result).isInstanceOf(Accepted.class);
    return ((Accepted) result).batch();
  }

  private Rejected reject(Signal signal, Message request) {
    Result result = decoder.decode(signal, Encoding.PROTOBUF, request.toByteArray());
    assertThat(result).isInstanceOf(Rejected.class);
    return (Rejected) result;
  }
}
