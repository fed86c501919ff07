package dev.responder.app.otlp;

import static dev.responder.app.otlp.OtlpDecoderMetricsTest.byName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.responder.app.otlp.OtlpDecoder.Accepted;
import dev.responder.app.otlp.OtlpDecoder.Encoding;
import dev.responder.app.otlp.OtlpDecoder.Result;
import dev.responder.app.otlp.OtlpDecoder.Signal;
import dev.responder.core.telemetry.LogRecord;
import dev.responder.core.telemetry.MetricPoint;
import dev.responder.core.telemetry.Severity;
import dev.responder.core.telemetry.Span;
import dev.responder.core.telemetry.SpanStatus;
import dev.responder.core.telemetry.TelemetryBatch;
import dev.responder.core.testkit.MutableClock;
import dev.responder.core.topology.ServiceId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-written OTLP/JSON, shaped like the examples in the opentelemetry-proto repository. */
class OtlpJsonFixturesTest {
  private static final Instant T0 = Instant.parse("2026-11-17T10:00:00Z");

  private final MutableClock clock = new MutableClock(T0.plusSeconds(60));

  @Test
  void metricsFixture_decodesEveryMetricType() {
    Map<String, Double> values = byName(decode(Signal.METRICS, "metrics.json").metrics());

    assertThat(values).containsOnlyKeys("my.counter", "my.gauge", "my.histogram.count", "my.histogram.avg",
        "my.histogram.p50", "my.histogram.p95", "my.histogram.p99", "my.exponential.histogram.count",
        "my.exponential.histogram.avg", "my.exponential.histogram.p50", "my.exponential.histogram.p95",
        "my.exponential.histogram.p99");
    assertThat(values.get("my.counter")).isEqualTo(0.5);
    assertThat(values.get("my.gauge")).isEqualTo(10.0);
    // Histogram: one observation in (0,1], one above 1; Prometheus reports the highest bound for the overflow.
    assertThat(values.get("my.histogram.p50")).isEqualTo(1.0);
    assertThat(values.get("my.histogram.p99")).isEqualTo(1.0);
    assertThat(values.get("my.histogram.count")).isEqualTo(0.2);
    // Exponential, scale 0: a zero and two in (4,8]; p50 is rank 1.5, half a count into (4,8].
    assertThat(values.get("my.exponential.histogram.p50")).isEqualTo(5.0);
    assertThat(values.get("my.exponential.histogram.p95")).isCloseTo(7.7, within(1e-9));
    assertThat(values.get("my.exponential.histogram.avg")).isCloseTo(10.0 / 3, within(1e-9));
  }

  @Test
  void metricsFixture_carriesServiceInstanceTimeAndLabels() {
    MetricPoint gauge = decode(Signal.METRICS, "metrics.json").metrics().stream()
        .filter(p -> p.name().equals("my.gauge")).findFirst().orElseThrow();

    assertThat(gauge).isEqualTo(new MetricPoint(T0, ServiceId.of("my.service"), "my.service-1", "my.gauge", 10,
        Map.of("my.gauge.attr", "some value")));
  }

  @Test
  void logsFixture_decodesHexIdsSeverityBodyAndTypedAttributes() {
    TelemetryBatch batch = decode(Signal.LOGS, "logs.json");

    assertThat(batch.logs()).hasSize(2);
    assertThat(batch.logs().getFirst()).isEqualTo(new LogRecord(T0, ServiceId.of("my.service"), "my.host",
        Severity.INFO, "Example log record", "5b8efff798038103d269b633813fc60c", "eee19b7ec3c1b174", Map.of(
        "string.attribute", "some string", "boolean.attribute", "true", "int.attribute", "10",
        "double.attribute", "637.704", "array.attribute", "[\"many\",\"values\"]",
        "map.attribute", "{\"some.map.key\":\"some value\"}")));
    assertThat(batch.logs().get(1)).satisfies(log -> {
      assertThat(log.ts()).isEqualTo(T0.plusSeconds(10));
      assertThat(log.level()).isEqualTo(Severity.ERROR);
      assertThat(log.body()).isEqualTo("{\"message\":\"payment declined\",\"attempt\":3}");
      assertThat(log.traceId()).isEmpty();
    });
  }

  @Test
  void tracesFixture_decodesSpan() {
    TelemetryBatch batch = decode(Signal.TRACES, "traces.json");

    assertThat(batch.spans()).containsExactly(new Span("5b8efff798038103d269b633813fc60c", "eee19b7ec3c1b174",
        "eee19b7ec3c1b173", ServiceId.of("my.service"), "I'm a server span", T0, Duration.ofSeconds(1),
        SpanStatus.ERROR, Map.of("my.span.attr", "some value", "span.kind", "SERVER",
        "status.message", "upstream timed out")));
  }

  @Test
  void decodeJsonFile_detectsEachFixturesRequestType() {
    for (String name : new String[] {"metrics.json", "logs.json", "traces.json"}) {
      Signal signal = switch (name) {
        case "metrics.json" -> Signal.METRICS;
        case "logs.json" -> Signal.LOGS;
        default -> Signal.TRACES;
      };
      TelemetryBatch viaFile = OtlpDecoder.create(OtlpSettings.defaults(), clock).decodeJsonFile(resource(name));

      assertThat(viaFile).as(name).isEqualTo(decode(signal, name));
    }
  }

  @Test
  void sampleFile_inDocs_decodesIntoCheckoutTelemetry() throws IOException {
    byte[] sample = Files.readAllBytes(Path.of("..", "docs", "examples", "otlp-sample.jsonl"));
    OtlpDecoder decoder = OtlpDecoder.create(OtlpSettings.defaults(), MutableClock.at("2026-11-27T00:00:00Z"));

    TelemetryBatch batch = decoder.decodeJsonFile(sample);

    assertThat(batch.metrics()).extracting(MetricPoint::name, MetricPoint::value).containsExactly(
        tuple("queue.depth", 12.0), tuple("queue.depth", 31.0),
        tuple("http.server.requests", 2.0),
        tuple("http.server.requests", 3.0));
    assertThat(batch.logs()).extracting(LogRecord::level).containsExactly(Severity.INFO, Severity.WARN,
        Severity.ERROR);
    assertThat(batch.spans()).hasSize(4);
    Span root = batch.spans().get(0);
    Span charge = batch.spans().get(1);
    Span query = batch.spans().get(2);
    assertThat(root.isRoot()).isTrue();
    assertThat(charge.parentSpanId()).isEqualTo(root.spanId());
    assertThat(query.parentSpanId()).isEqualTo(charge.spanId());
    assertThat(batch.spans()).extracting(Span::traceId).containsOnly(root.traceId());
    assertThat(batch.logs().get(2).spanId()).isEqualTo(charge.spanId());
    assertThat(batch.spans().subList(0, 3)).extracting(Span::service).containsOnly(ServiceId.of("checkout"));
    Span payment = batch.spans().get(3);
    assertThat(payment.service()).isEqualTo(ServiceId.of("payment"));
    assertThat(payment.parentSpanId()).isEqualTo(charge.spanId());
    assertThat(root.start()).isBetween(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"));
  }

  private TelemetryBatch decode(Signal signal, String name) {
    Result result = OtlpDecoder.create(OtlpSettings.defaults(), clock).decode(signal, Encoding.JSON, resource(name));
    assertThat(result).isInstanceOf(Accepted.class);
    return ((Accepted) result).batch();
  }

  static byte[] resource(String name) {
    try (InputStream in = OtlpJsonFixturesTest.class.getResourceAsStream("/otlp/" + name)) {
      assertThat(in).as("test resource /otlp/" + name).isNotNull();
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
