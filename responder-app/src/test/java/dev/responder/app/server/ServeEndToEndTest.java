package dev.responder.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.responder.app.cli.Main;
import dev.responder.app.config.ResponderConfig;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the issue asks of a clean clone: {@code responder serve} accepts OTLP from the OpenTelemetry SDK, and
 * {@code responder query} shows it afterwards from the same DuckDB file.
 */
class ServeEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Resource RESOURCE = Resource.empty().toBuilder().put("service.name", "payment").build();

  @TempDir
  Path dir;

  @Test
  void sdkTelemetry_sentToServe_isVisibleToQuery() throws Exception {
    String file = dir.resolve("serve.duckdb").toString();
    ResponderConfig config = ResponderConfig.defaults().withStore(file).withPort(0);
    String traceId;
    try (Storage storage = Storage.open(config);
         ResponderServer server = ResponderServer.start(config, storage, Clock.systemUTC())) {
      String base = "http://127.0.0.1:" + server.port();
      traceId = exportWithSdk(base);

      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/logs"))
          .header("Content-Type", "application/x-protobuf")
          .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0xff, 0x01, 0x02})).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(bad.statusCode()).isEqualTo(400);

      HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.body()).contains("responder_otlp_rejected_malformed 1").contains("responder_store_rows{kind=\"spans\"} 2");
      HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(JSON.readTree(health.body()).get("status").asText()).isEqualTo("ok");
    }

    JsonNode logs = JSON.readTree(cli("query", "logs", "--store", file, "--service", "payment", "--json"));
    assertThat(logs.get("rows")).singleElement().satisfies(l -> {
      assertThat(l.get("body").asText()).isEqualTo("card declined by issuer");
      assertThat(l.get("level").asText()).isEqualTo("WARN");
      assertThat(l.get("trace_id").asText()).isEqualTo(traceId);
    });
    JsonNode spans = JSON.readTree(cli("query", "spans", "--store", file, "--json"));
    assertThat(spans.get("rows")).hasSize(2);
    JsonNode metrics = JSON.readTree(cli("query", "services", "--store", file, "--json"));
    assertThat(metrics).extracting(JsonNode::asText).containsExactly("payment");
    assertThat(cli("query", "metrics", "--store", file, "--metric", "payments.charged", "--json")).contains("payments.charged");
  }

  private static String exportWithSdk(String base) {
    String traceId;
    try (SdkTracerProvider tracing = SdkTracerProvider.builder().setResource(RESOURCE)
            .addSpanProcessor(SimpleSpanProcessor.create(OtlpHttpSpanExporter.builder().setEndpoint(base + "/v1/traces").build())).build();
         SdkLoggerProvider logging = SdkLoggerProvider.builder().setResource(RESOURCE)
            .addLogRecordProcessor(SimpleLogRecordProcessor.create(OtlpHttpLogRecordExporter.builder().setEndpoint(base + "/v1/logs").build())).build();
         SdkMeterProvider meters = SdkMeterProvider.builder().setResource(RESOURCE)
            .registerMetricReader(PeriodicMetricReader.builder(OtlpHttpMetricExporter.builder().setEndpoint(base + "/v1/metrics").build())
                .setInterval(Duration.ofHours(1)).build()).build()) {
      Tracer tracer = tracing.get("test");
      LongCounter charged = meters.get("test").counterBuilder("payments.charged").build();
      Span parent = tracer.spanBuilder("POST /charge").startSpan();
      Scope scope = parent.makeCurrent();
      try {
        Span child = tracer.spanBuilder("SELECT cards").startSpan();
        child.end();
        logging.get("test").logRecordBuilder().setSeverity(Severity.WARN).setBody("card declined by issuer").emit();
        charged.add(3, Attributes.of(AttributeKey.stringKey("currency"), "EUR"));
      } finally {
        scope.close();
        parent.end();
      }
      traceId = parent.getSpanContext().getTraceId();
      assertThat(meters.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
      assertThat(tracing.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
      assertThat(logging.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    }
    return traceId;
  }

  private static String cli(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      assertThat(Main.run(args)).isZero();
    } finally {
      System.setOut(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }
}
