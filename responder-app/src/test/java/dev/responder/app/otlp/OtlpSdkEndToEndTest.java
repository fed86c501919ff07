package dev.responder.app.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.responder.core.telemetry.LogRecord;
import dev.responder.core.telemetry.MetricPoint;
import dev.responder.core.telemetry.Severity;
import dev.responder.core.telemetry.SpanStatus;
import dev.responder.core.testkit.MutableClock;
import dev.responder.core.topology.ServiceId;
import io.javalin.Javalin;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real OpenTelemetry Java SDK, exporting over OTLP/HTTP (JDK HttpClient sender) to the receiver on a loopback
 * port. The SDK runs on the test's clock, so every exported timestamp, and so every rate, is known exactly.
 */
class OtlpSdkEndToEndTest {
  private static final Instant T0 = Instant.parse("2026-11-17T10:00:00Z");
  private static final Resource RESOURCE = Resource.empty().toBuilder().put("service.name", "checkout")
      .put("service.instance.id", "checkout-1").build();
  private static final Attributes PAY = Attributes.of(AttributeKey.stringKey("http.route"), "/pay");

  private final MutableClock clock = new MutableClock(T0);
  private final SdkClock sdkClock = new SdkClock(clock);
  private final RecordingSink sink = new RecordingSink();
  private final OtlpReceiver receiver = OtlpReceiver.create(sink, OtlpSettings.defaults(), clock);
  private Javalin app;

  @BeforeEach
  void start() {
    app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      receiver.register(config);
    }).start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    app.stop();
  }

  @Test
  void sdkMetrics_arriveAsRatesQuantilesAndGauges() {
    OtlpHttpMetricExporter exporter = OtlpHttpMetricExporter.builder().setEndpoint(endpoint("/v1/metrics")).build();
    // An hour-long interval: only our forceFlush calls export, at clock times the test chooses.
    PeriodicMetricReader reader = PeriodicMetricReader.builder(exporter).setInterval(Duration.ofHours(1)).build();
    try (SdkMeterProvider meters = SdkMeterProvider.builder().setClock(sdkClock).setResource(RESOURCE)
        .registerMetricReader(reader).build()) {
      Meter meter = meters.get("checkout");
      LongCounter requests = meter.counterBuilder("http.server.requests").build();
      DoubleHistogram latency = meter.histogramBuilder("http.server.duration")
          .setExplicitBucketBoundariesAdvice(List.of(10.0, 20.0, 50.0, 100.0)).build();
      requests.add(5, PAY);
      for (double ms : new double[] {5, 15, 15, 70}) {
        latency.record(ms, PAY);
      }
      meter.gaugeBuilder("queue.depth").build().set(7);
      clock.advance(Duration.ofSeconds(10));
      awaitSuccess(meters.forceFlush());
      requests.add(30, PAY);
      clock.advance(Duration.ofSeconds(10));
      awaitSuccess(meters.forceFlush());

      assertThat(series("http.server.requests")).containsExactly(Map.entry(T0.plusSeconds(10), 0.5),
          Map.entry(T0.plusSeconds(20), 3.0));
      assertThat(series("queue.depth")).containsEntry(T0.plusSeconds(10), 7.0);
      // Buckets (0,10]:1 (10,20]:2 (50,100]:1. p50 = rank 2, 1 into (10,20]; p95 = rank 3.8, 0.8 into (50,100].
      assertThat(series("http.server.duration.p50")).containsExactly(Map.entry(T0.plusSeconds(10), 15.0));
      assertThat(series("http.server.duration.p95").get(T0.plusSeconds(10))).isCloseTo(90.0, within(1e-9));
      assertThat(series("http.server.duration.p99").get(T0.plusSeconds(10))).isCloseTo(98.0, within(1e-9));
      assertThat(series("http.server.duration.avg")).containsExactly(Map.entry(T0.plusSeconds(10), 26.25));
      assertThat(series("http.server.duration.count")).containsExactly(Map.entry(T0.plusSeconds(10), 0.4),
          Map.entry(T0.plusSeconds(20), 0.0));
      assertThat(sink.metrics()).allSatisfy(p -> {
        assertThat(p.service()).isEqualTo(ServiceId.of("checkout"));
        assertThat(p.instance()).isEqualTo("checkout-1");
      });
      assertThat(sink.metrics()).filteredOn(p -> p.name().startsWith("http.")).extracting(MetricPoint::labels)
          .containsOnly(Map.of("http.route", "/pay"));
    }
  }

  @Test
  void sdkSpans_arriveWithIdsParentLinksDurationsAndStatus_overGzip() {
    OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(endpoint("/v1/traces"))
        .setCompression("gzip").build();
    try (SdkTracerProvider traces = SdkTracerProvider.builder().setClock(sdkClock).setResource(RESOURCE)
        .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()) {
      Tracer tracer = traces.get("checkout");
      Span parent = tracer.spanBuilder("POST /checkout").setSpanKind(SpanKind.SERVER).startSpan();
      clock.advance(Duration.ofMillis(5));
      Span child = tracer.spanBuilder("charge card").setParent(Context.current().with(parent))
          .setSpanKind(SpanKind.CLIENT).setAttribute("peer.service", "payments").startSpan();
      clock.advance(Duration.ofMillis(120));
      child.setStatus(StatusCode.ERROR, "card declined");
      child.end();
      clock.advance(Duration.ofMillis(30));
      parent.end();
      awaitSuccess(traces.forceFlush());

      assertThat(sink.spans()).hasSize(2);
      dev.responder.core.telemetry.Span root = span("POST /checkout");
      dev.responder.core.telemetry.Span charge = span("charge card");
      assertThat(root.traceId()).isEqualTo(parent.getSpanContext().getTraceId());
      assertThat(root.spanId()).isEqualTo(parent.getSpanContext().getSpanId());
      assertThat(root.isRoot()).isTrue();
      assertThat(root.start()).isEqualTo(T0);
      assertThat(root.duration()).isEqualTo(Duration.ofMillis(155));
      assertThat(root.attributes()).containsEntry("span.kind", "SERVER");
      assertThat(charge.traceId()).isEqualTo(root.traceId());
      assertThat(charge.spanId()).isEqualTo(child.getSpanContext().getSpanId());
      assertThat(charge.parentSpanId()).isEqualTo(root.spanId());
      assertThat(charge.start()).isEqualTo(T0.plusMillis(5));
      assertThat(charge.duration()).isEqualTo(Duration.ofMillis(120));
      assertThat(charge.status()).isEqualTo(SpanStatus.ERROR);
      assertThat(charge.attributes()).containsEntry("span.kind", "CLIENT").containsEntry("peer.service", "payments")
          .containsEntry("status.message", "card declined");
      assertThat(charge.service()).isEqualTo(ServiceId.of("checkout"));
    }
  }

  @Test
  void sdkLogs_arriveWithSeverityBodyAttributesAndTraceContext() {
    OtlpHttpLogRecordExporter exporter = OtlpHttpLogRecordExporter.builder().setEndpoint(endpoint("/v1/logs")).build();
    try (SdkLoggerProvider logs = SdkLoggerProvider.builder().setClock(sdkClock).setResource(RESOURCE)
        .addLogRecordProcessor(BatchLogRecordProcessor.builder(exporter).build()).build();
         // Without a span processor the SDK hands out invalid (all-zero) span contexts.
         SdkTracerProvider traces = SdkTracerProvider.builder().setClock(sdkClock)
             .addSpanProcessor(SimpleSpanProcessor.create(SpanExporter.composite())).build()) {
      Span span = traces.get("checkout").spanBuilder("charge card").startSpan();
      Logger logger = logs.get("checkout");
      logger.logRecordBuilder().setTimestamp(T0.plusSeconds(1)).setSeverity(io.opentelemetry.api.logs.Severity.INFO)
          .setBody("order o-1042 placed").setAttribute(AttributeKey.stringKey("order.id"), "o-1042").emit();
      clock.advance(Duration.ofSeconds(2));
      logger.logRecordBuilder().setContext(Context.current().with(span))
          .setSeverity(io.opentelemetry.api.logs.Severity.ERROR).setSeverityText("ERROR")
          .setBody("payment declined").emit();
      span.end();
      awaitSuccess(logs.forceFlush());

      assertThat(sink.logs()).containsExactly(
          new LogRecord(T0.plusSeconds(1), ServiceId.of("checkout"), "checkout-1", Severity.INFO,
              "order o-1042 placed", "", "", Map.of("order.id", "o-1042")),
          new LogRecord(T0.plusSeconds(2), ServiceId.of("checkout"), "checkout-1", Severity.ERROR,
              "payment declined", span.getSpanContext().getTraceId(), span.getSpanContext().getSpanId(), Map.of()));
    }
    assertThat(receiver.stats().snapshot()).containsEntry("accepted_log_records", 2L)
        .containsEntry("rejected_malformed", 0L);
  }

  private String endpoint(String path) {
    return "http://127.0.0.1:" + app.port() + path;
  }

  private static void awaitSuccess(CompletableResultCode result) {
    assertThat(result.join(10, TimeUnit.SECONDS).isSuccess()).as("export acknowledged within 10 s").isTrue();
  }

  private Map<Instant, Double> series(String name) {
    Map<Instant, Double> values = new java.util.TreeMap<>();
    sink.metrics().stream().filter(p -> p.name().equals(name)).forEach(p -> values.put(p.ts(), p.value()));
    return values;
  }

  private dev.responder.core.telemetry.Span span(String operation) {
    return sink.spans().stream().filter(s -> s.operation().equals(operation)).findFirst().orElseThrow();
  }
}
